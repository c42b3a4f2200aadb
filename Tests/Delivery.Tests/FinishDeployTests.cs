namespace Delivery.Tests;

/// <summary>
/// finish-deploy.sh after the checks that follow a deploy: deploy.sh left live wholly on version 8, moved from 7 at
/// <see cref="MovedAt"/>; 7 still has its provisioned concurrency.
/// </summary>
public sealed class FinishDeployTests : IDisposable
{
    const string MovedAt = "2026-12-07T11:00:00";

    readonly StandInWorld _world = new();

    public FinishDeployTests()
    {
        _world.Outputs["provisioned_concurrency"] = "2";
        _world.Variables["STANDIN_LIVE_VERSION"] = "8";
        _world.Variables["STANDIN_PROVISIONED_QUALIFIERS"] = "7 8";
    }

    public void Dispose() => _world.Dispose();

    Task<ScriptRun> FinishAsync(string checks) =>
        _world.RunAsync("finish-deploy.sh", "development", "--checks", checks, "--previous-version", "7", "--moved-at", MovedAt);

    [Fact]
    public async Task Checks_that_succeeded_keep_the_new_version_and_take_the_old_ones_provisioned_concurrency_away()
    {
        var run = await FinishAsync("success");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal));
        Assert.Contains("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier 7", _world.Calls);
        Assert.DoesNotContain(_world.Calls, call => call.EndsWith("delete-provisioned-concurrency-config --function-name development-api --qualifier 8", StringComparison.Ordinal));
        Assert.Contains("version 8 of development-api stays live", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provisioned_concurrency_config_on_the_alias_itself_from_before_goes_once_the_new_version_stays()
    {
        _world.Variables["STANDIN_PROVISIONED_QUALIFIERS"] = "live 8";

        var run = await FinishAsync("success");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier live", _world.Calls);
    }

    [Theory]
    [InlineData("failure")]
    [InlineData("cancelled")]
    public async Task Checks_that_did_not_succeed_roll_live_wholly_back_and_fail_with_the_reason(string checks)
    {
        var run = await FinishAsync(checks);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("aws lambda update-alias --function-name development-api --name live --function-version 7 --routing-config AdditionalVersionWeights={} --output json", _world.Calls);
        Assert.Contains("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier 8", _world.Calls);
        Assert.Contains($"live is back on version 7 of development-api, because the checks after the deploy did not succeed ({checks})", run.Error, StringComparison.Ordinal);
        Assert.Equal("true", _world.StepOutputs["rolled_back"]);
    }

    [Fact]
    public async Task An_alarm_that_fired_while_the_scenarios_ran_rolls_back_even_when_they_passed_and_it_cleared()
    {
        // in its history since live began to move, whatever its state now
        _world.Variables["STANDIN_ALARM_AT"] = "2026-12-07T11:20:00";

        var run = await FinishAsync("success");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(_world.Calls, call => call.Contains("--function-version 7 --routing-config AdditionalVersionWeights={}", StringComparison.Ordinal));
        Assert.Contains("because the alarm development-lambda-errors-1m", run.Error, StringComparison.Ordinal);
        Assert.Contains("while version 8 took the traffic", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_first_deploy_failed_checks_fail_with_nothing_to_roll_back_to()
    {
        var run = await _world.RunAsync("finish-deploy.sh", "development", "--checks", "failure");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("there is no version to roll back to, so live stays on version 8", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deploy_that_stopped_while_live_shared_its_traffic_is_rolled_back()
    {
        _world.Variables["STANDIN_LIVE_VERSION"] = "7";
        _world.Variables["STANDIN_LIVE_CANARY"] = "8=0.1";

        var run = await FinishAsync("failure");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("aws lambda update-alias --function-name development-api --name live --function-version 7 --routing-config AdditionalVersionWeights={} --output json", _world.Calls);
        Assert.Contains("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier 8", _world.Calls);
        Assert.Contains("because the deploy stopped while version 8 had a share of the traffic (failure)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_live_alias_still_shared_after_checks_that_succeeded_is_not_the_deploy_named_and_nothing_is_changed()
    {
        _world.Variables["STANDIN_LIVE_VERSION"] = "7";
        _world.Variables["STANDIN_LIVE_CANARY"] = "8=0.1";

        var run = await FinishAsync("success");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("nothing was changed", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal) ||
                                                   call.StartsWith("aws lambda delete-provisioned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workspace_is_finished_in_its_own_terraform_workspace()
    {
        _world.AddWorkspaces("development", "pr-7");

        var run = await _world.RunAsync("finish-deploy.sh", "development", "pr-7", "--checks", "success", "--previous-version", "7", "--moved-at", MovedAt);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith("terraform development/pr-7: output", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--checks", "passed")]
    [InlineData("--previous-version", "7")]
    public async Task Arguments_it_cannot_act_on_are_refused_before_anything_runs(params string[] arguments)
    {
        var run = await _world.RunAsync("finish-deploy.sh", ["development", .. arguments]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(_world.Calls);
    }
}
