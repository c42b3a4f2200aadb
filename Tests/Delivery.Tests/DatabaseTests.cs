using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Delivery.Tests;

/// <summary>database.sh: the private path to an environment's database, against the stand-in aws.</summary>
public sealed class DatabaseTests : IDisposable
{
    const string Token = "standin-token-signature";
    const string Endpoint = "development-db.cluster-c0example.eu-central-1.rds.amazonaws.com";
    // what the command under the path writes: libpq's settings it was given
    static readonly string[] DumpSettings = ["--", "bash", "-c", "env | grep ^PG | sort > pg.env"];

    readonly StandInWorld _world = new();
    readonly string _caBundle;

    public DatabaseTests()
    {
        _caBundle = _world.WriteFile("rds-ca-bundle.pem", "-----BEGIN CERTIFICATE-----\nstand-in\n-----END CERTIFICATE-----\n");
        _world.Variables["RDS_CA_BUNDLE"] = _caBundle;
        _world.Variables["DATABASE_POLL_SECONDS"] = "0";
    }

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task A_session_assumes_the_reader_role_and_gives_the_command_libpqs_settings_and_prints_no_token()
    {
        var port = FreePort();

        var run = await _world.RunAsync("database.sh", ["development", "--port", $"{port}", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(
            "aws sts assume-role --role-arn arn:aws:iam::111111111111:role/development-db-reader --role-session-name alice@example.com --source-identity alice@example.com",
            _world.Calls.Single(call => call.StartsWith("aws sts assume-role", StringComparison.Ordinal)), StringComparison.Ordinal);
        var settings = Settings();
        Assert.Equal("127.0.0.1", settings["PGHOST"]);
        Assert.Equal($"{port}", settings["PGPORT"]);
        Assert.Equal("appdb", settings["PGDATABASE"]);
        Assert.Equal("orders_reader", settings["PGUSER"]);
        Assert.Equal("verify-ca", settings["PGSSLMODE"]);
        Assert.Equal(_caBundle, settings["PGSSLROOTCERT"]);
        Assert.StartsWith($"{Endpoint}:5432/?Action=connect&DBUser=orders_reader&", settings["PGPASSWORD"], StringComparison.Ordinal);
        Assert.Contains(Token, settings["PGPASSWORD"], StringComparison.Ordinal);
        Assert.DoesNotContain(Token, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_call_after_the_role_is_assumed_uses_the_roles_credentials()
    {
        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var keys = File.ReadAllLines(_world.PathOf("credentials"));
        Assert.Equal(["none sts get-caller-identity", "none sts assume-role"], keys[..2]);
        Assert.All(keys[2..], key => Assert.StartsWith("standin-key-for-development-db-reader ", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_session_assumes_the_writer_role_and_connects_as_the_operator()
    {
        var run = await _world.RunAsync("database.sh", ["development", "--write", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith("aws sts assume-role --role-arn arn:aws:iam::111111111111:role/development-db-writer ", StringComparison.Ordinal));
        Assert.Equal("orders_operator", Settings()["PGUSER"]);
        Assert.Contains("DBUser=orders_operator&", Settings()["PGPASSWORD"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workspace_session_reaches_the_workspaces_own_database_through_its_own_relay()
    {
        var run = await _world.RunAsync("database.sh", ["development", "pr-7", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith("aws sts assume-role --role-arn arn:aws:iam::111111111111:role/development-pr-7-db-reader ", StringComparison.Ordinal));
        Assert.Contains(_world.Calls, call => call.StartsWith("aws rds describe-db-clusters --db-cluster-identifier development-pr-7-db ", StringComparison.Ordinal));
        Assert.Contains(
            "--launch-template LaunchTemplateName=development-pr-7-db-relay --network-interfaces DeviceIndex=0,SubnetId=subnet-0lambdaa,Groups=sg-0relay,AssociatePublicIpAddress=false,DeleteOnTermination=true --tag-specifications ResourceType=instance,Tags=[{Key=orders:database-relay,Value=development-pr-7}]",
            _world.Calls.Single(call => call.StartsWith("aws ec2 run-instances", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.StartsWith("development-pr-7-db.cluster-", Settings()["PGPASSWORD"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_forwards_through_the_relay_to_the_clusters_port_and_closes_the_local_port_afterwards()
    {
        var port = FreePort();

        var run = await _world.RunAsync("database.sh", ["development", "--port", $"{port}", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var session = _world.Calls.Single(call => call.StartsWith("aws ssm start-session", StringComparison.Ordinal));
        Assert.Equal(
            $$"""aws ssm start-session --target i-0relay1 --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters {"host":["{{Endpoint}}"],"portNumber":["5432"],"localPortNumber":["{{port}}"]}""",
            session);
        Assert.Contains("aws ssm terminate-session --session-id standin-session-i-0relay1 --output json", _world.Calls);
        Assert.False(Accepts(port), $"127.0.0.1:{port} still accepts connections after the session");
    }

    [Fact]
    public async Task The_missing_endpoints_are_made_in_the_first_lambda_subnet_tagged_with_private_dns()
    {
        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(
            ["ssm", "ssmmessages", "ec2messages"],
            [.. _world.Calls.Where(call => call.StartsWith("aws ec2 create-vpc-endpoint", StringComparison.Ordinal)).Select(call =>
            {
                Assert.Contains(
                    "--vpc-endpoint-type Interface --vpc-id vpc-0standin --service-name com.amazonaws.eu-central-1.", call, StringComparison.Ordinal);
                Assert.Contains(
                    " --subnet-ids subnet-0lambdaa --security-group-ids sg-0endpoints --private-dns-enabled --tag-specifications ResourceType=vpc-endpoint,Tags=[{Key=orders:database-relay,Value=development}]",
                    call, StringComparison.Ordinal);
                return call.Split("--service-name com.amazonaws.eu-central-1.")[1].Split(' ')[0];
            })]);
    }

    [Fact]
    public async Task The_relay_starts_only_after_the_endpoints_are_made_and_the_session_only_once_it_is_online()
    {
        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var calls = _world.Calls.ToList();
        int Index(string start) => calls.FindIndex(call => call.StartsWith(start, StringComparison.Ordinal));
        Assert.True(Index("aws ec2 create-vpc-endpoint") < Index("aws ec2 run-instances"), string.Join('\n', calls));
        Assert.True(Index("aws ec2 wait instance-running") < Index("aws ssm describe-instance-information"), string.Join('\n', calls));
        Assert.True(Index("aws ssm describe-instance-information") < Index("aws ssm start-session"), string.Join('\n', calls));
        // the stand-in's new endpoints are pending at the first look: the script looked again until they were available
        Assert.Equal(2, calls[Index("aws ec2 run-instances")..Index("aws ec2 wait instance-running")]
            .Count(call => call.StartsWith("aws ec2 describe-vpc-endpoints", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Endpoints_that_exist_are_used_not_made_again_and_only_the_paths_own_are_deleted_after_the_last_session()
    {
        AddEndpoints(("vpce-0mine", "ssm", "available", "development"), ("vpce-0theirs", "ssmmessages", "available", null));

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        var created = Assert.Single(_world.Calls, call => call.StartsWith("aws ec2 create-vpc-endpoint", StringComparison.Ordinal));
        Assert.Contains("--service-name com.amazonaws.eu-central-1.ec2messages ", created, StringComparison.Ordinal);
        Assert.Contains("Using the endpoint vpce-0mine of ssm", run.Error, StringComparison.Ordinal);
        Assert.Equal(
            "aws ec2 delete-vpc-endpoints --vpc-endpoint-ids vpce-0mine vpce-0ec2messages --output json",
            Assert.Single(_world.Calls, call => call.StartsWith("aws ec2 delete-vpc-endpoints", StringComparison.Ordinal)));
        Assert.Equal("available", Endpoints()["vpce-0theirs"]);
        Assert.Equal("terminated", Relays()["i-0relay1"]);
    }

    [Fact]
    public async Task An_endpoint_an_earlier_session_is_deleting_is_waited_for_then_made_anew()
    {
        AddEndpoints(("vpce-0earlier", "ssm", "deleting", "development"));

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Waiting until the endpoints of ssm that an earlier session deletes are gone", run.Error, StringComparison.Ordinal);
        Assert.Contains(_world.Calls, call => call.Contains("create-vpc-endpoint", StringComparison.Ordinal) &&
                                              call.Contains("--service-name com.amazonaws.eu-central-1.ssm ", StringComparison.Ordinal));
        Assert.Equal("deleted", Endpoints()["vpce-0earlier"]);
    }

    [Fact]
    public async Task The_endpoints_stay_while_another_relay_of_the_environment_runs()
    {
        AddRelay("i-0colleague", "running", "development");

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws ec2 delete-vpc-endpoints", StringComparison.Ordinal));
        Assert.All(Endpoints().Values, state => Assert.Equal("available", state));
        Assert.Contains("the relay(s) i-0colleague of development still use them", run.Error, StringComparison.Ordinal);
        Assert.Equal("terminated", Relays()["i-0relay2"]);
        Assert.Equal("running", Relays()["i-0colleague"]);
    }

    [Fact]
    public async Task A_relay_of_another_workspace_does_not_keep_the_endpoints()
    {
        AddRelay("i-0preview", "running", "development-pr-7");

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Single(_world.Calls, call => call.StartsWith("aws ec2 delete-vpc-endpoints", StringComparison.Ordinal));
        Assert.Equal("running", Relays()["i-0preview"]);
    }

    [Fact]
    public async Task The_exit_code_is_the_commands_and_a_failed_command_still_closes_the_path()
    {
        var run = await _world.RunAsync("database.sh", "development", "--", "bash", "-c", "exit 7");

        Assert.Equal(7, run.ExitCode);
        AssertClosed(run);
    }

    [Fact]
    public async Task A_failure_halfway_closes_what_was_opened_and_never_runs_the_command()
    {
        _world.Variables["STANDIN_SSM"] = "fail";

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("could not ask Systems Manager about the relay i-0relay1", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_world.PathOf("pg.env")));
        AssertClosed(run);
    }

    [Fact]
    public async Task A_session_that_cannot_start_closes_the_path()
    {
        _world.Variables["STANDIN_SESSION"] = "fail";

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the session ended before it forwarded the port", run.Error, StringComparison.Ordinal);
        Assert.Contains("TargetNotConnected", run.Error, StringComparison.Ordinal);
        AssertClosed(run);
    }

    [Fact]
    public async Task A_relay_that_cannot_start_leaves_no_endpoints_behind()
    {
        _world.Variables["STANDIN_RUN_INSTANCES"] = "fail";

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("could not start a relay from the launch template development-db-relay", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws ec2 terminate-instances", StringComparison.Ordinal));
        Assert.All(Endpoints().Values, state => Assert.Equal("deleting", state));
    }

    [Fact]
    public async Task An_environment_not_deployed_with_the_path_fails_and_makes_nothing()
    {
        _world.Variables["STANDIN_DB_CLUSTER"] = "missing";

        var run = await _world.RunAsync("database.sh", ["development", "pr-9", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("found no database cluster development-pr-9-db", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws ec2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interrupted_session_closes_the_path()
    {
        // the command ends the script as a cancelled job would, with SIGTERM
        var run = await _world.RunAsync("database.sh", "development", "--", "bash", "-c", "kill -TERM $PPID");

        Assert.Equal(143, run.ExitCode);
        AssertClosed(run);
    }

    [Fact]
    public async Task Without_a_command_or_a_terminal_the_path_stays_open_with_the_settings_printed_until_interrupted()
    {
        // database.sh in the background, stdin no terminal; once it prints its settings, the password file is kept and
        // the path interrupted
        var script = _world.WriteFile("hold.sh", """
            bash "$DATABASE_SCRIPT" development </dev/null >settings &
            for _ in {1..200}; do grep -q PGPASSFILE settings && break; sleep 0.1; done
            eval "$(cat settings)"
            cp "$PGPASSFILE" pgpass
            kill -TERM $!
            wait $!
            """);
        _world.Variables["DATABASE_SCRIPT"] = Path.Combine(RepositoryRoot(), ".github", "scripts", "database.sh");

        var run = await _world.RunAsync(script);

        Assert.True(run.ExitCode == 0, run.ToString());
        var settings = File.ReadAllLines(_world.PathOf("settings"));
        Assert.Contains("export PGUSER=orders_reader", settings);
        Assert.Contains("export PGSSLMODE=verify-ca", settings);
        Assert.Contains(settings, setting => setting.StartsWith("export PGPORT=", StringComparison.Ordinal));
        Assert.DoesNotContain(settings, setting => setting.Contains("PGPASSWORD", StringComparison.Ordinal) || setting.Contains(Token, StringComparison.Ordinal));
        // libpq's password file, the colon in the token escaped
        Assert.StartsWith($@"127.0.0.1:{settings.Single(setting => setting.StartsWith("export PGPORT=", StringComparison.Ordinal))["export PGPORT=".Length..]}:appdb:orders_reader:{Endpoint}\:5432/?Action=connect",
            File.ReadAllText(_world.PathOf("pgpass")), StringComparison.Ordinal);
        AssertClosed(run);
    }

    [Fact]
    public async Task Writing_to_production_outside_github_actions_is_refused_before_any_aws_call()
    {
        var run = await _world.RunAsync("database.sh", ["production", "--write", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("writes to production run in a GitHub Actions job of the production environment", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task Writing_to_production_in_a_github_actions_job_names_the_actor_and_the_run()
    {
        _world.Variables["GITHUB_ACTIONS"] = "true";
        _world.Variables["GITHUB_ACTOR"] = "octocat";
        _world.Variables["GITHUB_RUN_ID"] = "4711";
        _world.Variables["STANDIN_ACCOUNT"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("database.sh", ["production", "--write", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith(
            "aws sts assume-role --role-arn arn:aws:iam::222222222222:role/production-db-writer --role-session-name octocat-4711 --source-identity octocat-4711 ",
            StringComparison.Ordinal));
        Assert.Equal("orders_operator", Settings()["PGUSER"]);
    }

    [Fact]
    public async Task Breaking_the_glass_writes_to_production_from_elsewhere_under_a_session_named_so()
    {
        var run = await _world.RunAsync("database.sh", ["production", "--write", "--break-glass", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(_world.Calls, call => call.StartsWith(
            "aws sts assume-role --role-arn arn:aws:iam::111111111111:role/production-db-writer --role-session-name break-glass-alice@example.com --source-identity alice@example.com ",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_production_needs_no_extra_flag()
    {
        var run = await _world.RunAsync("database.sh", ["production", .. DumpSettings]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("orders_reader", Settings()["PGUSER"]);
    }

    [Fact]
    public async Task Credentials_of_another_account_than_the_environments_are_refused_before_the_role_is_assumed()
    {
        _world.Variables["AWS_ACCOUNT_ID"] = StandInWorld.ProductionAccount;

        var run = await _world.RunAsync("database.sh", ["production", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("the credentials are for account 111111111111, but AWS_ACCOUNT_ID says production lives in 222222222222", run.Error, StringComparison.Ordinal);
        Assert.Equal(["aws sts get-caller-identity --query Arn --output text"], _world.Calls);
    }

    [Theory]
    [InlineData("aws", "install the AWS CLI v2")]
    [InlineData("session-manager-plugin", "install the Session Manager plugin for the AWS CLI")]
    [InlineData("jq", "install jq")]
    public async Task A_missing_tool_fails_with_how_to_install_it_before_any_aws_call(string tool, string advice)
    {
        PathWithout(tool);

        var run = await _world.RunAsync("database.sh", ["development", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"{tool} is not installed: {advice}", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Theory]
    [InlineData("staging", "unknown environment 'staging'")]
    [InlineData("development Not_A_Workspace", "'Not_A_Workspace' is not a workspace name")]
    [InlineData("development --port 70000", "--port 70000 is not a port number")]
    [InlineData("development --break-glass", "--break-glass is only for --write on production")]
    public async Task Wrong_arguments_fail_with_the_reason_before_any_aws_call(string arguments, string reason)
    {
        var run = await _world.RunAsync("database.sh", [.. arguments.Split(' '), .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    [Fact]
    public async Task A_local_port_in_use_is_refused_before_any_aws_call()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var run = await _world.RunAsync("database.sh", ["development", "--port", $"{port}", .. DumpSettings]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"port {port} on 127.0.0.1 is in use", run.Error, StringComparison.Ordinal);
        Assert.Empty(_world.Calls);
    }

    /// <summary>The session ended, the relay terminated and gone, and this last relay's endpoints deleted.</summary>
    void AssertClosed(ScriptRun run)
    {
        Assert.All(Relays().Values, state => Assert.Equal("terminated", state));
        Assert.NotEmpty(Relays());
        Assert.All(Endpoints().Values, state => Assert.Equal("deleting", state));
        Assert.Contains("Terminating the relay i-0relay1", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_world.Calls, call => call.StartsWith("aws ssm start-session", StringComparison.Ordinal) &&
                                                    SessionPort(call) is { } port && Accepts(port));
    }

    Dictionary<string, string> Settings() =>
        File.ReadAllLines(_world.PathOf("pg.env")).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);

    /// <summary>The stand-in's relays: instance ID and state.</summary>
    Dictionary<string, string> Relays() =>
        Resources("instances.json").ToDictionary(relay => (string)relay["InstanceId"]!, relay => (string)relay["State"]!["Name"]!);

    /// <summary>The stand-in's VPC endpoints: ID and state.</summary>
    Dictionary<string, string> Endpoints() =>
        Resources("vpc-endpoints.json").ToDictionary(endpoint => (string)endpoint["VpcEndpointId"]!, endpoint => (string)endpoint["State"]!);

    IEnumerable<JsonNode> Resources(string file) =>
        File.Exists(_world.PathOf(file)) ? JsonNode.Parse(File.ReadAllText(_world.PathOf(file)))!.AsArray().Select(node => node!) : [];

    void AddEndpoints(params (string Id, string Service, string State, string? Tag)[] endpoints) =>
        _world.WriteFile("vpc-endpoints.json", JsonSerializer.Serialize(endpoints.Select(endpoint => new
        {
            VpcEndpointId = endpoint.Id,
            ServiceName = $"com.amazonaws.eu-central-1.{endpoint.Service}",
            VpcId = "vpc-0standin",
            endpoint.State,
            Tags = endpoint.Tag is null ? [] : new[] { new { Key = "orders:database-relay", Value = endpoint.Tag } },
        })));

    void AddRelay(string id, string state, string tag) =>
        _world.WriteFile("instances.json", JsonSerializer.Serialize(new[]
        {
            new { InstanceId = id, State = new { Name = state }, Tags = new[] { new { Key = "orders:database-relay", Value = tag } } },
        }));

    /// <summary>PATH as it is, but for one tool: a folder of links to everything else on it.</summary>
    void PathWithout(string tool)
    {
        var folder = Directory.CreateDirectory(_world.PathOf($"path-without-{tool}")).FullName;
        HashSet<string> linked = [tool];
        foreach (var directory in _world.Variables["PATH"]!.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(directory).Where(file => linked.Add(Path.GetFileName(file))))
                File.CreateSymbolicLink(Path.Combine(folder, Path.GetFileName(file)), file);
        }
        _world.Variables["PATH"] = folder;
    }

    static int? SessionPort(string startSession) =>
        JsonNode.Parse(startSession[(startSession.IndexOf("--parameters ", StringComparison.Ordinal) + "--parameters ".Length)..])
            ?["localPortNumber"]?[0]?.GetValue<string>() is { } port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : null;

    static bool Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Solution.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No Solution.sln above {AppContext.BaseDirectory}.");
    }
}
