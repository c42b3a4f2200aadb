namespace Delivery.Tests;

public sealed class DeployTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_deploy_applies_then_migrates_then_moves_live_to_the_new_version()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        var steps = _world.Calls.Where(call => call.Contains(": apply", StringComparison.Ordinal) ||
                                              call.StartsWith("aws lambda", StringComparison.Ordinal)).ToList();
        Assert.Collection(steps,
            apply => Assert.StartsWith("terraform development/default: apply", apply),
            migrate => Assert.StartsWith("aws lambda invoke --function-name development-migrate", migrate),
            moveLive => Assert.StartsWith("aws lambda update-alias --function-name development-api --name live --function-version 8", moveLive));
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
    public async Task A_deploy_waits_until_lives_provisioned_concurrency_is_ready()
    {
        _world.Outputs["provisioned_concurrency"] = "2";
        _world.Variables["STANDIN_PROVISIONED"] = "IN_PROGRESS IN_PROGRESS READY";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(3, _world.Calls.Count(call => call.StartsWith("aws lambda get-provisioned-concurrency-config --function-name development-api --qualifier live", StringComparison.Ordinal)));
        Assert.Contains("2 provisioned executions of version 8 are ready", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provisioned_concurrency_that_fails_fails_the_deploy()
    {
        _world.Outputs["provisioned_concurrency"] = "1";
        _world.Variables["STANDIN_PROVISIONED"] = "IN_PROGRESS FAILED";

        var run = await _world.RunAsync("deploy.sh", "preproduction");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("its provisioned concurrency failed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_provisioned_concurrency_nothing_is_waited_for()
    {
        var run = await _world.RunAsync("deploy.sh", "development");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.Contains("provisioned-concurrency", StringComparison.Ordinal));
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
