using OrdersClient;

namespace Bench.Tests;

public sealed class ArgumentsTests
{
    [Theory]
    [InlineData("90", 90)]
    [InlineData("90s", 90)]
    [InlineData("10m", 600)]
    [InlineData("2h", 7200)]
    [InlineData("1.5m", 90)]
    public void A_length_of_time_is_seconds_minutes_or_hours(string given, int seconds)
    {
        var arguments = new Arguments(["--duration", given]);

        Assert.Equal(TimeSpan.FromSeconds(seconds), arguments.Duration("duration", TimeSpan.Zero));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ten")]
    [InlineData("10d")]
    [InlineData("0")]
    [InlineData("-5m")]
    [InlineData("m")]
    public void Anything_else_is_not_a_length_of_time(string given)
    {
        var arguments = new Arguments(["--duration", given]);

        var refused = Assert.Throws<UsageException>(() => arguments.Duration("duration", TimeSpan.Zero));
        Assert.Contains("--duration", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_setting_left_out_takes_its_default()
    {
        var arguments = new Arguments([]);

        Assert.Equal(TimeSpan.FromSeconds(15), arguments.Duration("rss-interval", TimeSpan.FromSeconds(15)));
        Assert.Equal(1.10, arguments.Ratio("rss-limit", 1.10));
        Assert.Null(arguments.Text("api-pid"));
        Assert.Throws<UsageException>(() => arguments.Required("api-log"));
    }

    [Theory]
    [InlineData("1.10", 1.10)]
    [InlineData("2", 2.0)]
    public void A_ratio_is_a_positive_number(string given, double ratio) =>
        Assert.Equal(ratio, new Arguments(["--rss-limit", given]).Ratio("rss-limit", 1.10));

    [Theory]
    [InlineData("0")]
    [InlineData("ten percent")]
    [InlineData("1,10")]
    public void Anything_else_is_not_a_ratio(string given) =>
        Assert.Throws<UsageException>(() => new Arguments(["--rss-limit", given]).Ratio("rss-limit", 1.10));
}
