namespace Delivery.Tests;

public sealed class SweepPreviewsTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task The_sweep_removes_the_previews_of_closed_and_merged_pull_requests_only()
    {
        _world.AddWorkspaces("development", "pr-1", "pr-2", "pr-3", "debug-4711");
        _world.Variables["STANDIN_PULL_REQUESTS"] = "1=OPEN 2=CLOSED 3=MERGED";

        var run = await _world.RunAsync("sweep-previews.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["terraform development/pr-2: destroy -input=false -auto-approve -no-color", "terraform development/pr-3: destroy -input=false -auto-approve -no-color"],
            _world.TerraformCalls("destroy"));
        Assert.Equal(["default", "pr-1", "debug-4711"], _world.Workspaces("development"));
    }

    [Fact]
    public async Task A_preview_whose_pull_request_github_cannot_tell_about_stays_and_the_sweep_fails()
    {
        _world.AddWorkspaces("development", "pr-1", "pr-2");
        _world.Variables["STANDIN_PULL_REQUESTS"] = "2=CLOSED";

        var run = await _world.RunAsync("sweep-previews.sh");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("not removed: pr-1", run.Error, StringComparison.Ordinal);
        Assert.Equal(["default", "pr-1"], _world.Workspaces("development"));
    }

    [Fact]
    public async Task Without_previews_the_sweep_destroys_nothing()
    {
        var run = await _world.RunAsync("sweep-previews.sh");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(_world.TerraformCalls("destroy"));
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("gh", StringComparison.Ordinal));
    }
}
