using OrdersClient;

namespace Bench.Tests;

public sealed class ApiLogTests
{
    [Fact]
    public void Errors_are_the_lines_that_begin_with_fail_or_crit()
    {
        var log = new ApiLog(
        [
            "info: Microsoft.Hosting.Lifetime[14]",
            "      Now listening on: http://127.0.0.1:5000",
            "warn: Api.Orders[3]",
            "fail: Microsoft.AspNetCore.Server.Kestrel[13]",
            "      Connection id \"0HN\": An unhandled exception was thrown by the application.",
            "crit: Api[1]",
            "  fail: is not at the start of the line",
            "failed: nor is this a level",
        ]);

        Assert.Equal(2, log.Errors);
    }

    [Fact]
    public void A_clean_log_has_no_error_and_no_excerpt()
    {
        var log = new ApiLog(["info: Microsoft.Hosting.Lifetime[14]", "      Now listening on: http://127.0.0.1:5000"]);

        Assert.Equal(0, log.Errors);
        Assert.Empty(log.Excerpt());
    }

    [Fact]
    public void The_excerpt_shows_each_error_with_the_three_lines_after_it_as_grep_does()
    {
        var log = new ApiLog(
        [
            "info: a", "fail: one", "  1", "  2", "  3", "  4", "info: b",
            "crit: two", "  1", "fail: three", "  1", "  2", "  3", "  4",
        ]);

        Assert.Equal(
            ["fail: one", "  1", "  2", "  3", "--", "crit: two", "  1", "fail: three", "  1", "  2", "  3"],
            log.Excerpt());
    }

    [Fact]
    public void The_excerpt_stops_at_forty_lines()
    {
        var log = new ApiLog([.. Enumerable.Range(1, 30).SelectMany(error => (string[])[$"fail: {error}", "  at", "  at", "  at", "info: between"])]);

        var excerpt = log.Excerpt().ToList();

        Assert.Equal(30, log.Errors);
        Assert.Equal(40, excerpt.Count);
        Assert.Equal("fail: 1", excerpt[0]);
        Assert.Equal("--", excerpt[4]);
    }

    [Fact]
    public void The_log_is_read_while_the_Api_still_writes_to_it()
    {
        var path = Path.GetTempFileName();
        try
        {
            using var writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
            writer.WriteLine("fail: Api[0]");
            writer.Flush();

            Assert.Equal(1, ApiLog.Read(path).Errors);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
