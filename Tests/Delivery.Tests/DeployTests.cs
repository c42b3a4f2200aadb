namespace Delivery.Tests;

public sealed class DeployTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_deploy_applies_then_migrates_then_moves_live_to_the_new_version_in_its_steps()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        var steps = _world.Calls.Where(call => call.Contains(": apply", StringComparison.Ordinal) ||
                                              call.StartsWith("aws lambda invoke", StringComparison.Ordinal) ||
                                              call.StartsWith("aws lambda update-alias", StringComparison.Ordinal)).ToList();
        Assert.Collection(steps,
            apply => Assert.StartsWith("terraform development/default: apply", apply),
            migrate => Assert.StartsWith("aws lambda invoke --function-name development-migrate", migrate),
            tenPercent => Assert.StartsWith("aws lambda update-alias --function-name development-api --name live --function-version 7 --routing-config AdditionalVersionWeights={8=0.10}", tenPercent),
            all => Assert.StartsWith("aws lambda update-alias --function-name development-api --name live --function-version 8 --routing-config AdditionalVersionWeights={}", all));
        Assert.Contains("live sends 10% of its traffic to version 8, the rest to version 7", run.Output, StringComparison.Ordinal);
        Assert.Equal("7", _world.StepOutputs["previous_version"]);
    }

    [Fact]
    public async Task Each_step_is_held_for_the_bake_time_while_the_deploys_alarms_are_watched()
    {
        _world.DeploySettings["bake_seconds"] = 2;
        _world.Variables["ALARM_POLL_SECONDS"] = "1";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = _world.Calls.ToList();
        var tenPercent = calls.FindIndex(call => call.Contains("AdditionalVersionWeights={8=0.10}", StringComparison.Ordinal));
        var all = calls.FindIndex(call => call.Contains("--function-version 8 --routing-config AdditionalVersionWeights={}", StringComparison.Ordinal));
        bool WatchesAlarms(string call) => call.StartsWith(
            $"aws cloudwatch describe-alarm-history --alarm-name {StandInWorld.DeployAlarms[1]} --history-item-type StateUpdate --start-date ", StringComparison.Ordinal);
        // at least at the start and the end of each 2-second bake
        Assert.True(calls.Skip(tenPercent).Take(all - tenPercent).Count(WatchesAlarms) >= 2, string.Join(Environment.NewLine, calls));
        Assert.True(calls.Skip(all).Count(WatchesAlarms) >= 2, string.Join(Environment.NewLine, calls));
    }

    [Fact]
    public async Task An_alarm_during_a_step_rolls_live_wholly_back_and_fails_the_deploy_with_its_reason()
    {
        _world.Outputs["provisioned_concurrency"] = "2";
        _world.Variables["STANDIN_PROVISIONED_QUALIFIERS"] = "7";
        _world.Variables["STANDIN_ALARM_FROM"] = "1";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.NotEqual(0, run.ExitCode);
        var moves = _world.Calls.Where(call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal)).ToList();
        Assert.Collection(moves,
            tenPercent => Assert.Contains("--function-version 7 --routing-config AdditionalVersionWeights={8=0.10}", tenPercent, StringComparison.Ordinal),
            back => Assert.Contains("--function-version 7 --routing-config AdditionalVersionWeights={}", back, StringComparison.Ordinal));
        Assert.Contains("live is back on version 7 of development-api, because the alarm development-lambda-errors-1m: Threshold Crossed", run.Error, StringComparison.Ordinal);
        Assert.Contains("while version 8 had 10% of the traffic", run.Error, StringComparison.Ordinal);
        Assert.Equal("true", _world.StepOutputs["rolled_back"]);
        Assert.Contains("development-lambda-errors-1m", _world.StepOutputs["reason"], StringComparison.Ordinal);
        // the new version gave its provisioned concurrency back; the previous one kept its own throughout
        Assert.Contains("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier 8", _world.Calls);
        Assert.DoesNotContain(_world.Calls, call => call.Contains("delete-provisioned-concurrency-config", StringComparison.Ordinal) && call.EndsWith("--qualifier 7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alarm_that_fired_before_the_deploy_does_not_roll_it_back()
    {
        _world.Variables["STANDIN_ALARM_AT"] = "2020-01-01T00:00:00";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.Contains("--function-version 8 --routing-config AdditionalVersionWeights={}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_deploy_has_nothing_to_move_and_nothing_to_roll_back_to()
    {
        // Terraform made live on the version it published
        _world.Variables["STANDIN_LIVE_VERSION"] = "8";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal));
        Assert.Contains("nothing to move, and nothing to roll back to", run.Output, StringComparison.Ordinal);
        Assert.Equal("", _world.StepOutputs["previous_version"]);
    }

    [Fact]
    public async Task A_deploy_after_one_that_stopped_halfway_returns_to_the_version_that_served()
    {
        _world.Variables["STANDIN_LIVE_CANARY"] = "6=0.1";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("7", _world.StepOutputs["previous_version"]);
        Assert.Contains(_world.Calls, call => call.Contains("--function-version 7 --routing-config AdditionalVersionWeights={8=0.10}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_first_deploy_gives_the_api_role_a_random_password_before_the_migration_and_no_argument_shows_it()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        var put = _world.Calls.ToList().FindIndex(call => call.StartsWith("aws secretsmanager put-secret-value", StringComparison.Ordinal));
        var migrate = _world.Calls.ToList().FindIndex(call => call.StartsWith("aws lambda invoke", StringComparison.Ordinal));
        Assert.True(put >= 0 && put < migrate, string.Join(Environment.NewLine, _world.Calls));
        Assert.Contains($"--secret-id {StandInWorld.DatabaseApiSecretArn} --secret-string file://", _world.Calls[put], StringComparison.Ordinal);
        var password = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_world.PathOf("secret-value"))).RootElement.GetProperty("password").GetString()!;
        Assert.Matches("^[0-9a-f]{64}$", password);
        Assert.DoesNotContain(_world.Calls, call => call.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(password, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_deploy_keeps_the_api_roles_password()
    {
        _world.Variables["STANDIN_SECRET_VALUE"] = "present";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith("aws secretsmanager describe-secret", StringComparison.Ordinal));
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws secretsmanager put-secret-value", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_migration_leaves_live_where_it_was_and_fails_the_deploy_with_the_error()
    {
        _world.Variables["STANDIN_MIGRATION"] = "fail";

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(_world.Calls, call => call.Contains("update-alias", StringComparison.Ordinal));
        Assert.Contains("PostgresException: 42P07: relation \"orders\" already exists", run.Error, StringComparison.Ordinal);
        Assert.Contains("live stays where it was", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.StepOutputs);
    }

    [Fact]
    public async Task A_failed_apply_neither_migrates_nor_moves_live()
    {
        _world.Variables["STANDIN_FAIL"] = "apply";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deploy_without_its_package_is_refused_before_anything_runs()
    {
        _world.Variables["LAMBDA_PACKAGE"] = Path.Combine(Path.GetTempPath(), "no-such-package.zip");

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("does not exist", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task A_deploy_tells_the_workflow_the_environments_url_and_the_live_version()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("https://d111111abcdef8.cloudfront.net", _world.StepOutputs["url"]);
        Assert.Equal("8", _world.StepOutputs["version"]);
    }

    [Fact]
    public async Task A_deploy_tells_the_workflow_the_user_pool_and_the_client_the_scenarios_sign_in_with()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(StandInWorld.UserPoolId, _world.StepOutputs["user_pool_id"]);
        Assert.Equal(StandInWorld.ScenariosClientId, _world.StepOutputs["scenarios_client_id"]);
    }

    [Fact]
    public async Task A_deploy_whose_environment_has_no_user_pool_leaves_live_where_it_was()
    {
        _world.Outputs.Remove("user_pool_id");

        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the environment has no output user_pool_id", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_new_version_has_its_provisioned_concurrency_ready_before_live_sends_it_anything()
    {
        _world.Outputs["provisioned_concurrency"] = "2";
        _world.Variables["STANDIN_PROVISIONED"] = "IN_PROGRESS IN_PROGRESS READY";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = _world.Calls.ToList();
        var put = calls.IndexOf("aws lambda put-provisioned-concurrency-config --function-name development-api --qualifier 8 --provisioned-concurrent-executions 2 --output json");
        var ready = calls.FindLastIndex(call => call.StartsWith("aws lambda get-provisioned-concurrency-config --function-name development-api --qualifier 8", StringComparison.Ordinal));
        var firstMove = calls.FindIndex(call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal));
        Assert.True(put >= 0 && put < ready && ready < firstMove, string.Join(Environment.NewLine, calls));
        Assert.Equal(3, calls.Count(call => call.StartsWith("aws lambda get-provisioned-concurrency-config --function-name development-api --qualifier 8", StringComparison.Ordinal)));
        Assert.Contains("2 provisioned executions of version 8 are ready", run.Output, StringComparison.Ordinal);
        // the previous version keeps its own until finish-deploy.sh, after the scenarios, sees it take no traffic
        Assert.DoesNotContain(calls, call => call.Contains("delete-provisioned-concurrency-config", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_provisioned_concurrency_config_on_the_alias_from_before_moves_onto_the_previous_version_first()
    {
        _world.Outputs["provisioned_concurrency"] = "2";
        _world.Variables["STANDIN_PROVISIONED_QUALIFIERS"] = "live";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = _world.Calls.Where(call => call.Contains("-provisioned-concurrency-config --function-name", StringComparison.Ordinal) &&
                                               !call.Contains(" get-", StringComparison.Ordinal)).ToList();
        Assert.Collection(calls,
            alias => Assert.Equal("aws lambda delete-provisioned-concurrency-config --function-name development-api --qualifier live", alias),
            previous => Assert.StartsWith("aws lambda put-provisioned-concurrency-config --function-name development-api --qualifier 7 ", previous),
            next => Assert.StartsWith("aws lambda put-provisioned-concurrency-config --function-name development-api --qualifier 8 ", next));
    }

    [Fact]
    public async Task Provisioned_concurrency_that_fails_fails_the_deploy_before_live_moves()
    {
        _world.Outputs["provisioned_concurrency"] = "1";
        _world.Variables["STANDIN_PROVISIONED"] = "IN_PROGRESS FAILED";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the provisioned concurrency of version 8 failed", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws lambda update-alias", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_provisioned_concurrency_nothing_is_provisioned_or_waited_for()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.Contains("put-provisioned-concurrency", StringComparison.Ordinal) ||
                                                   call.Contains("get-provisioned-concurrency", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_production_deploy_refuses_credentials_of_another_account_before_terraform_runs()
    {
        _world.Variables["AWS_ACCOUNT_ID"] = StandInWorld.ProductionAccount;
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.SharedAccount;

        var run = await _world.RunAsync("deploy.sh", "production");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"the credentials are for account {StandInWorld.SharedAccount}", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("terraform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_production_deploy_without_its_account_named_is_refused()
    {
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("deploy.sh", "production");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("AWS_ACCOUNT_ID is not set", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task A_production_deploy_with_the_production_accounts_credentials_goes_ahead()
    {
        _world.Variables["AWS_ACCOUNT_ID"] = StandInWorld.ProductionAccount;
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.ProductionAccount;
        _world.Outputs["function_name"] = "production-api";

        var run = await _world.RunAsync("deploy.sh", "production");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith("aws lambda update-alias --function-name production-api", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_workspace_deploy_creates_its_workspace_and_changes_nothing_in_the_default_one()
    {
        var run = await _world.RunAsync("deploy.sh", "development", "pr-42");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("pr-42", _world.Workspaces("development"));
        Assert.Single(_world.TerraformCalls("apply"), call => call.StartsWith("terraform development/pr-42: apply", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PR-42")]
    [InlineData("feature/client")]
    [InlineData("a-workspace-name-too-long")]
    [InlineData("pr--42")]
    public async Task A_workspace_name_aws_would_refuse_is_refused_before_anything_runs(string workspace)
    {
        var run = await _world.RunAsync("deploy.sh", "development", workspace);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("is not a workspace name", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task An_unknown_environment_is_refused()
    {
        var run = await _world.RunAsync("deploy.sh", "staging");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("unknown environment 'staging'", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }
}
