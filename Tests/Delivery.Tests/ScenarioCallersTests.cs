namespace Delivery.Tests;

/// <summary>The program behind scenario-callers.sh, run as the script runs it, against the stand-in aws.</summary>
public sealed class ScenarioCallersTests : IDisposable
{
    const string Program = "ScenarioCallers";
    const string RunId = "r1";
    const string Staff = "scenario-r1-staff";

    static readonly string[] Customers = ["scenario-r1-customer-1", "scenario-r1-customer-2", "scenario-r1-customer-3"];
    static readonly string[] Users = [Staff, .. Customers];

    readonly StandInWorld _world = new();

    public void Dispose() => _world.Dispose();

    string CallersFile => _world.PathOf("callers.json");

    Task<ScriptRun> CreateAsync(params string[] more) =>
        _world.RunProgramAsync(Program, ["create", "--user-pool-id", StandInWorld.UserPoolId, "--client-id", StandInWorld.ScenariosClientId,
            "--customers", "3", "--output", CallersFile, .. more]);

    Task<ScriptRun> RemoveAsync(string runId) =>
        _world.RunProgramAsync(Program, "remove", "--user-pool-id", StandInWorld.UserPoolId, "--run-id", runId);

    IReadOnlyList<string> CallsOf(string command) =>
        [.. _world.Calls.Where(call => call.StartsWith($"aws cognito-idp {command} ", StringComparison.Ordinal))];

    // the passwords the script gave its users, as it set them
    IReadOnlyList<string> Passwords() =>
        [.. CallsOf("admin-set-user-password").Select(call => call.Split(' ').SkipWhile(word => word != "--password").ElementAt(1))];

    [Fact]
    public async Task Create_writes_the_access_tokens_of_the_member_of_staff_and_of_each_customer()
    {
        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            """{"staff":{"token":"token-for-scenario-r1-staff"},"customers":[{"token":"token-for-scenario-r1-customer-1"},{"token":"token-for-scenario-r1-customer-2"},{"token":"token-for-scenario-r1-customer-3"}]}""",
            File.ReadAllText(CallersFile).TrimEnd());
        Assert.Equal(Users.Order(StringComparer.Ordinal), _world.CognitoUsers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_caller_is_created_without_an_invitation_given_a_permanent_password_and_signed_in_at_the_scenarios_client()
    {
        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        foreach (var user in Users)
        {
            Assert.Contains($"aws cognito-idp admin-create-user --user-pool-id {StandInWorld.UserPoolId} --username {user} --message-action SUPPRESS --output json", _world.Calls);
            var setPassword = Assert.Single(CallsOf("admin-set-user-password"), call => call.Contains($" --username {user} ", StringComparison.Ordinal));
            Assert.EndsWith(" --permanent", setPassword, StringComparison.Ordinal);
            var signIn = Assert.Single(CallsOf("admin-initiate-auth"), call => call.Contains($"USERNAME={user},", StringComparison.Ordinal));
            Assert.Contains($"--client-id {StandInWorld.ScenariosClientId} --auth-flow ADMIN_USER_PASSWORD_AUTH ", signIn, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_staff_0_there_is_no_member_of_staff_and_no_one_joins_a_group()
    {
        var run = await CreateAsync("--run-id", RunId, "--staff", "0");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            """{"customers":[{"token":"token-for-scenario-r1-customer-1"},{"token":"token-for-scenario-r1-customer-2"},{"token":"token-for-scenario-r1-customer-3"}]}""",
            File.ReadAllText(CallersFile).TrimEnd());
        Assert.Empty(CallsOf("admin-add-user-to-group"));
        Assert.Equal(Customers.Order(StringComparer.Ordinal), _world.CognitoUsers.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Only_the_member_of_staff_joins_the_group_staff()
    {
        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var join = Assert.Single(CallsOf("admin-add-user-to-group"));
        Assert.Equal($"aws cognito-idp admin-add-user-to-group --user-pool-id {StandInWorld.UserPoolId} --username {Staff} --group-name staff", join);
    }

    [Fact]
    public async Task The_callers_file_is_readable_by_its_owner_only_even_when_it_was_there_before()
    {
        _world.WriteFile("callers.json", "from an earlier run");

        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CallersFile));
    }

    [Fact]
    public async Task Each_caller_has_a_long_password_of_its_own_that_appears_only_where_it_is_set_and_used()
    {
        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var passwords = Passwords();
        Assert.Equal(Users.Length, passwords.Distinct().Count());
        var callers = File.ReadAllText(CallersFile);
        foreach (var password in passwords)
        {
            Assert.True(password.Length >= 32, $"the password of {password.Length} characters is short");
            Assert.DoesNotContain(password, run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(password, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(password, callers, StringComparison.Ordinal);
            Assert.All(_world.Calls.Where(call => call.Contains(password, StringComparison.Ordinal)), call =>
                Assert.True(call.StartsWith("aws cognito-idp admin-set-user-password ", StringComparison.Ordinal) ||
                            call.StartsWith("aws cognito-idp admin-initiate-auth ", StringComparison.Ordinal), call));
        }
    }

    [Fact]
    public async Task In_github_actions_every_token_and_password_is_masked_and_shown_nowhere_else()
    {
        _world.Variables["GITHUB_ACTIONS"] = "true";

        var run = await CreateAsync("--run-id", RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Output.Split('\n');
        foreach (var user in Users)
            Assert.Contains($"::add-mask::token-for-{user}", lines);
        foreach (var password in Passwords())
        {
            Assert.Contains($"::add-mask::{password}", lines);
            Assert.All(lines.Where(line => line.Contains(password, StringComparison.Ordinal)), line => Assert.Equal($"::add-mask::{password}", line));
            Assert.DoesNotContain(password, run.Error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_run_id_the_callers_are_named_after_the_github_run_and_its_attempt()
    {
        _world.Variables["GITHUB_RUN_ID"] = "4711";
        _world.Variables["GITHUB_RUN_ATTEMPT"] = "2";

        var run = await CreateAsync();

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("scenario-4711-2-staff", _world.CognitoUsers);
        Assert.Contains("scenario-4711-2-customer-3", _world.CognitoUsers);
    }

    [Fact]
    public async Task A_user_that_cannot_be_created_fails_the_command_by_its_name_and_no_file_is_written()
    {
        _world.Variables["STANDIN_FAIL"] = "admin-create-user";
        _world.Variables["STANDIN_FAIL_USER"] = "scenario-r1-customer-2";

        var run = await CreateAsync("--run-id", RunId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("scenario-r1-customer-2: admin-create-user failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("failed: scenario-r1-customer-2", run.Error, StringComparison.Ordinal);
        Assert.Contains($"remove --user-pool-id {StandInWorld.UserPoolId} --run-id {RunId}", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(CallersFile));
    }

    [Fact]
    public async Task A_failed_sign_in_names_the_user_and_never_shows_its_password_even_when_the_cli_repeats_it()
    {
        _world.Variables["STANDIN_FAIL"] = "admin-initiate-auth";
        _world.Variables["STANDIN_FAIL_USER"] = "scenario-r1-customer-1";

        var run = await CreateAsync("--run-id", RunId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("scenario-r1-customer-1: admin-initiate-auth failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("PASSWORD=[password]", run.Error, StringComparison.Ordinal);
        Assert.All(Passwords(), password =>
        {
            Assert.DoesNotContain(password, run.Error, StringComparison.Ordinal);
            Assert.DoesNotContain(password, run.Output, StringComparison.Ordinal);
        });
        Assert.False(File.Exists(CallersFile));
    }

    [Fact]
    public async Task After_the_first_failure_no_more_users_are_made_and_those_not_tried_are_counted()
    {
        _world.Variables["STANDIN_FAIL"] = "admin-create-user";
        _world.Variables["STANDIN_FAIL_USER"] = "scenario-r1-customer-1";

        var run = await _world.RunProgramAsync(Program, "create", "--user-pool-id", StandInWorld.UserPoolId,
            "--client-id", StandInWorld.ScenariosClientId, "--customers", "30", "--output", CallersFile, "--run-id", RunId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("failed: scenario-r1-customer-1 (", run.Error, StringComparison.Ordinal);
        Assert.Contains(" not tried after that)", run.Error, StringComparison.Ordinal);
        Assert.True(CallsOf("admin-create-user").Count < 31, $"{CallsOf("admin-create-user").Count} users were tried after the first failure");
        Assert.False(File.Exists(CallersFile));
    }

    [Theory]
    [InlineData("")]
    [InlineData("create --user-pool-id pool --client-id client --customers 3 --output callers.json --run-id r1\"")]
    public async Task Bad_arguments_show_the_usage_and_call_nothing(string arguments)
    {
        var run = await _world.RunProgramAsync(Program, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task Remove_deletes_the_users_of_its_run_and_no_other()
    {
        _world.AddCognitoUsers(Staff, "scenario-r1-customer-1", "scenario-r1-customer-2", "scenario-r11-customer-1", "scenario-r2-staff", "alice");

        var run = await RemoveAsync(RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(["scenario-r11-customer-1", "scenario-r2-staff", "alice"], _world.CognitoUsers);
        Assert.Equal(3, CallsOf("admin-delete-user").Count);
        Assert.Equal(
            $"aws cognito-idp list-users --user-pool-id {StandInWorld.UserPoolId} --filter username ^= \"scenario-r1-\" --output json",
            Assert.Single(CallsOf("list-users")));
    }

    [Fact]
    public async Task Remove_after_create_leaves_the_pool_as_it_was()
    {
        _world.AddCognitoUsers("alice");

        var create = await CreateAsync("--run-id", RunId);
        var remove = await RemoveAsync(RunId);

        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.True(remove.ExitCode == 0, remove.ToString());
        Assert.Equal(["alice"], _world.CognitoUsers);
    }

    [Fact]
    public async Task Remove_when_nothing_was_created_deletes_nothing_and_succeeds()
    {
        _world.AddCognitoUsers("alice");

        var run = await RemoveAsync(RunId);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("nothing to remove", run.Output, StringComparison.Ordinal);
        Assert.Empty(CallsOf("admin-delete-user"));
        Assert.Equal(["alice"], _world.CognitoUsers);
    }

    [Fact]
    public async Task A_user_that_cannot_be_removed_fails_remove_by_its_name_and_the_others_are_removed()
    {
        _world.AddCognitoUsers(Staff, "scenario-r1-customer-1", "scenario-r1-customer-2", "alice");
        _world.Variables["STANDIN_FAIL"] = "admin-delete-user";
        _world.Variables["STANDIN_FAIL_USER"] = "scenario-r1-customer-1";

        var run = await RemoveAsync(RunId);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("scenario-r1-customer-1: admin-delete-user failed", run.Error, StringComparison.Ordinal);
        Assert.Contains("not removed: scenario-r1-customer-1", run.Error, StringComparison.Ordinal);
        Assert.Equal(["scenario-r1-customer-1", "alice"], _world.CognitoUsers);
    }
}
