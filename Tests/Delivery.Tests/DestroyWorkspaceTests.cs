namespace Delivery.Tests;

public sealed class DestroyWorkspaceTests : IDisposable
{
    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Removing_a_workspace_destroys_its_resources_then_deletes_it()
    {
        _world.AddWorkspaces("development", "pr-42", "pr-43");

        var run = await _world.RunAsync("destroy-workspace.sh", "development", "pr-42");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["terraform development/pr-42: destroy -input=false -auto-approve -no-color"], _world.TerraformCalls("destroy"));
        Assert.Equal(["default", "pr-43"], _world.Workspaces("development"));
    }

    [Fact]
    public async Task What_a_cut_off_database_session_left_behind_goes_before_the_destroy()
    {
        _world.AddWorkspaces("development", "pr-42");
        _world.WriteFile("instances.json", """
            [{"InstanceId": "i-0left", "State": {"Name": "running"}, "Tags": [{"Key": "orders:database-relay", "Value": "development-pr-42"}]},
             {"InstanceId": "i-0other", "State": {"Name": "running"}, "Tags": [{"Key": "orders:database-relay", "Value": "development-pr-43"}]}]
            """);
        _world.WriteFile("vpc-endpoints.json", """
            [{"VpcEndpointId": "vpce-0ssm", "State": "available", "Tags": [{"Key": "orders:database-relay", "Value": "development-pr-42"}]}]
            """);

        var run = await _world.RunAsync("destroy-workspace.sh", "development", "pr-42");

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = _world.Calls.ToList();
        var terminate = calls.IndexOf("aws ec2 terminate-instances --instance-ids i-0left --output json");
        var delete = calls.IndexOf("aws ec2 delete-vpc-endpoints --vpc-endpoint-ids vpce-0ssm --output json");
        var destroy = calls.FindIndex(call => call.StartsWith("terraform development/pr-42: destroy", StringComparison.Ordinal));
        Assert.True(terminate >= 0 && delete > terminate && destroy > delete, string.Join(Environment.NewLine, calls));
        Assert.DoesNotContain(calls, call => call.Contains("i-0other", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("default")]
    [InlineData("")]
    public async Task The_environment_itself_is_never_destroyed(string workspace)
    {
        var run = await _world.RunAsync("destroy-workspace.sh", "production", workspace);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task Nothing_is_destroyed_when_terraform_stays_in_another_workspace()
    {
        _world.AddWorkspaces("development", "pr-42");
        _world.Variables["STANDIN_STUCK"] = "1";

        var run = await _world.RunAsync("destroy-workspace.sh", "development", "pr-42");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Terraform is in workspace 'default', not 'pr-42'", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.TerraformCalls("destroy"));
        Assert.Empty(_world.TerraformCalls("apply"));
    }

    [Fact]
    public async Task A_workspace_that_does_not_exist_is_nothing_to_remove()
    {
        var run = await _world.RunAsync("destroy-workspace.sh", "development", "pr-7");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing to remove", run.Output, StringComparison.Ordinal);
        Assert.Empty(_world.TerraformCalls("destroy"));
        Assert.Equal(["default"], _world.Workspaces("development"));
    }

    [Fact]
    public async Task A_production_copy_releases_only_its_database_before_it_is_destroyed()
    {
        _world.AddWorkspaces("production", "debug-4711");
        _world.Variables["AWS_ACCOUNT_ID"] = StandInWorld.ProductionAccount;
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("destroy-workspace.sh", "production", "debug-4711");

        Assert.True(run.ExitCode == 0, run.ToString());
        var changes = _world.Calls.Where(call => call.Contains(": apply", StringComparison.Ordinal) || call.Contains(": destroy", StringComparison.Ordinal)).ToList();
        Assert.Collection(changes,
            release => Assert.Equal("terraform production/debug-4711: apply -input=false -auto-approve -no-color -var allow_destroy=true -target=module.environment.module.database", release),
            destroy => Assert.Equal("terraform production/debug-4711: destroy -input=false -auto-approve -no-color -var allow_destroy=true", destroy));
    }

    [Fact]
    public async Task A_production_copy_is_not_removed_with_credentials_of_another_account()
    {
        _world.AddWorkspaces("production", "debug-4711");
        _world.Variables["AWS_ACCOUNT_ID"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("destroy-workspace.sh", "production", "debug-4711");

        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("terraform", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_destroy_keeps_the_workspace_so_it_can_be_run_again()
    {
        _world.AddWorkspaces("development", "pr-42");
        _world.Variables["STANDIN_FAIL"] = "destroy";

        var run = await _world.RunAsync("destroy-workspace.sh", "development", "pr-42");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("pr-42", _world.Workspaces("development"));
    }
}
