namespace Delivery.Tests;

public sealed class DailyFailureReportTests : IDisposable
{
    const string RunUrl = "https://github.com/example-org/orders/actions/runs/1234";

    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    void OpenIssues(string json) => _world.Variables["STANDIN_ISSUES"] = _world.WriteFile("issues.json", json);

    [Fact]
    public async Task A_failure_opens_an_issue_with_the_runs_link_when_none_is_open()
    {
        OpenIssues("[]");

        var run = await _world.RunAsync("report-daily-failure.sh", RunUrl);

        Assert.True(run.ExitCode == 0, run.ToString());
        var create = Assert.Single(_world.Calls, call => call.StartsWith("gh issue create", StringComparison.Ordinal));
        Assert.Contains("--label daily-scenarios", create, StringComparison.Ordinal);
        Assert.Contains(RunUrl, create, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_while_an_issue_is_open_is_a_comment_on_it()
    {
        OpenIssues("""[{ "number": 31 }]""");

        var run = await _world.RunAsync("report-daily-failure.sh", RunUrl);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("gh issue create", StringComparison.Ordinal));
        var comment = Assert.Single(_world.Calls, call => call.StartsWith("gh issue comment", StringComparison.Ordinal));
        Assert.StartsWith("gh issue comment 31 ", comment);
        Assert.Contains(RunUrl, comment, StringComparison.Ordinal);
    }
}
