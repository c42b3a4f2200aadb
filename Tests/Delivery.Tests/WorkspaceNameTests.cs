using System.Text.RegularExpressions;

namespace Delivery.Tests;

public sealed partial class WorkspaceNameTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Theory]
    [InlineData("pr-42", "pr-42")]
    [InlineData("feature/Client_4711", "feature-client-4711")]
    [InlineData("123-hotfix", "hotfix")]
    [InlineData("debug--client", "debug-client")]
    [InlineData("Debug Client 4711!", "debug-client-4711")]
    public async Task A_label_becomes_the_workspace_name_aws_allows(string label, string expected)
    {
        var run = await _world.RunAsync("workspace-name.sh", label);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(expected, run.Output.Trim());
    }

    [Theory]
    [InlineData("feature/a-very-long-branch-name-for-one-client")]
    [InlineData("feature/a-very-long-branch-name-for-another-client")]
    [InlineData("release/2026.12-----------------------x")]
    [InlineData("ÄÖÜ-straße/ümlaut_über")]
    public async Task Every_name_is_legal_for_the_environments_resources(string label)
    {
        var run = await _world.RunAsync("workspace-name.sh", label);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(LegalWorkspace(), run.Output.Trim());
        Assert.DoesNotContain("--", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_long_branch_names_never_share_a_workspace()
    {
        var one = await _world.RunAsync("workspace-name.sh", "feature/a-very-long-branch-name-for-one-client");
        var other = await _world.RunAsync("workspace-name.sh", "feature/a-very-long-branch-name-for-another-client");

        Assert.NotEqual(one.Output, other.Output);
    }

    [Theory]
    [InlineData("default")]
    [InlineData("DEFAULT")]
    [InlineData("4711")]
    [InlineData("///")]
    [InlineData("")]
    public async Task A_label_without_a_name_of_its_own_is_refused(string label)
    {
        var run = await _world.RunAsync("workspace-name.sh", label);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task A_private_copy_may_not_take_a_previews_name()
    {
        var copy = await _world.RunAsync("workspace-name.sh", "--private-copy", "PR-12");
        var preview = await _world.RunAsync("workspace-name.sh", "pr-12");
        var other = await _world.RunAsync("workspace-name.sh", "--private-copy", "pr-12-debug");

        Assert.NotEqual(0, copy.ExitCode);
        Assert.Contains("pull request's preview", copy.Error, StringComparison.Ordinal);
        Assert.Equal("pr-12", preview.Output.Trim());
        Assert.Equal("pr-12-debug", other.Output.Trim());
    }

    // what terraform/modules/infrastructure-main accepts as a workspace
    [GeneratedRegex("^[a-z]([a-z0-9-]{0,18}[a-z0-9])?$")]
    private static partial Regex LegalWorkspace();
}
