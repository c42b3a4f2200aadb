namespace Delivery.Tests;

public sealed class PlanTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_plan_of_the_target_environment_changes_and_locks_nothing()
    {
        var markdown = _world.WriteFile("plan.md", "");

        var run = await _world.RunAsync("plan.sh", "preproduction", markdown);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["terraform preproduction/default: plan -input=false -lock=false -no-color -detailed-exitcode"], _world.TerraformCalls("plan"));
        Assert.Empty(_world.TerraformCalls("apply"));
        Assert.Contains("Plan: 1 to add, 2 to change, 0 to destroy.", File.ReadAllText(markdown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_plan_fails_and_still_writes_what_terraform_said()
    {
        _world.Variables["STANDIN_PLAN_EXIT"] = "1";
        var markdown = _world.WriteFile("plan.md", "");

        var run = await _world.RunAsync("plan.sh", "development", markdown);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the plan failed", File.ReadAllText(markdown), StringComparison.Ordinal);
    }
}
