using OrdersClient;

namespace Bench.Tests;

public sealed class ApiUnderTestTests : IDisposable
{
    readonly string _log = Path.GetTempFileName();
    readonly string _csv = Path.GetTempFileName();

    public void Dispose()
    {
        File.Delete(_log);
        File.Delete(_csv);
    }

    ApiUnderTest Watching() => ApiUnderTest.From(new Arguments(
        ["--api-pid", $"{Environment.ProcessId}", "--api-log", _log, "--memory-samples", _csv, "--rss-interval", "1", "--api-build", "jit"]))!;

    static async Task<(bool Passed, string Report)> ReportAsync(ApiUnderTest api, bool memoryCounts)
    {
        using var output = new StringWriter { NewLine = "\n" };
        var passed = await api.ReportAsync(output, memoryCounts);
        return (passed, output.ToString());
    }

    [Fact]
    public void Without_an_Api_to_watch_there_is_nothing_to_report() =>
        Assert.Null(ApiUnderTest.From(new Arguments(["--url", "http://127.0.0.1:5000"])));

    [Fact]
    public void An_Api_to_watch_needs_its_log_and_a_file_for_the_samples() =>
        Assert.Throws<UsageException>(() => ApiUnderTest.From(new Arguments(["--api-pid", "1", "--api-log", _log])));

    [Fact]
    public async Task A_clean_log_and_too_few_samples_pass_with_the_memory_shown()
    {
        await File.WriteAllLinesAsync(_log, ["info: Microsoft.Hosting.Lifetime[14]"], TestContext.Current.CancellationToken);
        var api = Watching();

        api.Start();
        api.LoadOver();
        var (passed, report) = await ReportAsync(api, memoryCounts: true);

        Assert.True(passed, report);
        Assert.Contains("| first | ", report, StringComparison.Ordinal);
        Assert.Contains("too few to judge", report, StringComparison.Ordinal);
        Assert.Contains($"The Api logged 0 errors ({_log}); memory samples: {_csv}.", report, StringComparison.Ordinal);
        Assert.Contains("the Api built jit.", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_in_the_log_fails_the_run_and_is_shown()
    {
        await File.WriteAllLinesAsync(_log, ["info: started", "fail: Api.Orders[7]", "      the order store threw"], TestContext.Current.CancellationToken);
        var api = Watching();

        api.Start();
        var (passed, report) = await ReportAsync(api, memoryCounts: false);

        Assert.False(passed);
        Assert.Contains($"The Api logged 1 errors ({_log})", report, StringComparison.Ordinal);
        Assert.EndsWith("\nfail: Api.Orders[7]\n      the order store threw\n", report, StringComparison.Ordinal);
    }
}
