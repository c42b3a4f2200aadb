using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Xunit.Sdk;

namespace Delivery.Tests;

/// <summary>
/// A world of stand-ins for one test: terraform, aws and gh that record their calls, in a temporary folder first on
/// PATH, with a Lambda package, the environment's outputs, the account the credentials belong to, and an S3 that keeps
/// what is uploaded.
/// </summary>
public sealed class StandInWorld : IDisposable
{
    public const string SharedAccount = "111111111111";
    public const string ProductionAccount = "222222222222";
    public const string UserPoolId = "eu-central-1_Ex4mple01";
    public const string ScenariosClientId = "1example23456789scenarios";
    public const string WebBucket = "development-web-111111111111";
    public const string DistributionId = "E2EXAMPLE0ABCD";
    public const string SignInDomain = "https://development-auth-111111111111.auth.eu-central-1.amazoncognito.com";
    public const string WebClientId = "1example23456789webclient";
    static readonly TimeSpan ScriptBudget = TimeSpan.FromSeconds(60);

    readonly string _root = Directory.CreateTempSubdirectory("delivery-tests-").FullName;

    public StandInWorld()
    {
        var bin = Path.Combine(AppContext.BaseDirectory, "StandIns");
        // a checkout or copy that lost the executable bit must not make every stand-in "command not found"
        if (!OperatingSystem.IsWindows())
        {
            foreach (var standIn in Directory.GetFiles(bin))
                File.SetUnixFileMode(standIn, File.GetUnixFileMode(standIn) | UnixFileMode.UserExecute);
        }
        File.WriteAllText(PackagePath, "not unpacked by the stand-ins");
        Outputs = new()
        {
            ["url"] = "https://d111111abcdef8.cloudfront.net",
            ["function_name"] = "development-api",
            ["published_version"] = "8",
            ["migration_function_name"] = "development-migrate",
            ["provisioned_concurrency"] = "0",
            ["user_pool_id"] = UserPoolId,
            ["scenarios_client_id"] = ScenariosClientId,
            ["database_api_secret_arn"] = DatabaseApiSecretArn,
            ["web_bucket_name"] = WebBucket,
            ["distribution_id"] = DistributionId,
            ["sign_in_domain"] = SignInDomain,
            ["web_client_id"] = WebClientId,
            ["deploy"] = new Dictionary<string, object>
            {
                ["traffic_steps"] = new[] { 10, 100 },
                ["bake_seconds"] = 0,
                ["alarm_names"] = DeployAlarms,
            },
        };
        Variables = new()
        {
            ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}",
            ["STANDIN_STATE"] = _root,
            ["STANDIN_OUTPUTS"] = Path.Combine(_root, "outputs.json"),
            ["STANDIN_ACCOUNT"] = SharedAccount,
            ["LAMBDA_PACKAGE"] = PackagePath,
            ["GITHUB_OUTPUT"] = Path.Combine(_root, "github-output"),
            ["PROVISIONED_CONCURRENCY_POLL_SECONDS"] = "0",
            ["ALARM_POLL_SECONDS"] = "0",
            ["ENDPOINT_POLL_SECONDS"] = "0",
        };
    }

    public string PackagePath => Path.Combine(_root, "api-lambda.zip");

    /// <summary>What `terraform output -json environment` answers.</summary>
    public const string DatabaseApiSecretArn = "arn:aws:secretsmanager:eu-central-1:111122223333:secret:development-database-api-AbCdEf";

    public Dictionary<string, object> Outputs { get; }

    /// <summary>The alarms the environment's deploy watches while live moves.</summary>
    public static readonly string[] DeployAlarms = ["development-lambda-errors-1m", "development-api-5xx-1m"];

    /// <summary>How the deploy moves live: <see cref="Outputs"/>' "deploy" (traffic steps, bake seconds, alarms).</summary>
    public Dictionary<string, object> DeploySettings => (Dictionary<string, object>)Outputs["deploy"];

    /// <summary>The scripts' environment: the stand-ins' settings and what a workflow would set.</summary>
    public Dictionary<string, string?> Variables { get; }

    /// <summary>Every call of a stand-in so far, in order: "terraform development/default: apply ...", "aws lambda ...".</summary>
    public IReadOnlyList<string> Calls => File.Exists(CallLog) ? File.ReadAllLines(CallLog) : [];

    public IReadOnlyList<string> TerraformCalls(string command) =>
        [.. Calls.Where(call => call.StartsWith("terraform ", StringComparison.Ordinal) && call.Contains($": {command}", StringComparison.Ordinal))];

    public IReadOnlyList<string> Workspaces(string environment)
    {
        var file = Path.Combine(_root, $"{environment}.workspaces");
        return File.Exists(file) ? File.ReadAllLines(file) : ["default"];
    }

    public void AddWorkspaces(string environment, params string[] workspaces) =>
        File.WriteAllLines(Path.Combine(_root, $"{environment}.workspaces"), ["default", .. workspaces]);

    /// <summary>The users of the stand-in Cognito user pool: those created and not deleted since, in the order created.</summary>
    public IReadOnlyList<string> CognitoUsers
    {
        get
        {
            var created = Path.Combine(_root, "cognito-users");
            var deleted = Path.Combine(_root, "cognito-deleted");
            HashSet<string> gone = File.Exists(deleted) ? [.. File.ReadAllLines(deleted)] : [];
            return File.Exists(created) ? [.. File.ReadAllLines(created).Where(user => !gone.Contains(user))] : [];
        }
    }

    /// <summary>Users that were in the stand-in Cognito user pool before the script ran.</summary>
    public void AddCognitoUsers(params string[] users) => File.AppendAllLines(Path.Combine(_root, "cognito-users"), users);

    /// <summary>Every object the stand-in S3 was given, in the order uploaded.</summary>
    public IReadOnlyList<S3Upload> S3Uploads
    {
        get
        {
            var file = Path.Combine(_root, "s3-objects");
            return File.Exists(file)
                ? [.. File.ReadAllLines(file).Select(line => line.Split('\t')).Select(fields => new S3Upload(fields[0], fields[1], fields[2]))]
                : [];
        }
    }

    /// <summary>What the stand-in S3 holds at "bucket/key": the last upload there.</summary>
    public string S3Content(string bucketAndKey) => File.ReadAllText(Path.Combine(_root, "s3", bucketAndKey));

    /// <summary>What the script appended to GITHUB_OUTPUT, name by name.</summary>
    public IReadOnlyDictionary<string, string> StepOutputs
    {
        get
        {
            var file = Variables["GITHUB_OUTPUT"]!;
            return File.Exists(file)
                ? File.ReadAllLines(file).Select(line => line.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1])
                : new Dictionary<string, string>();
        }
    }

    /// <summary>Writes a file into the world's folder, which goes with it, and returns its path.</summary>
    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>The path of a file in the world's folder, which goes with it.</summary>
    public string PathOf(string name) => Path.Combine(_root, name);

    string CallLog => Path.Combine(_root, "calls");

    public Task<ScriptRun> RunAsync(string script, params string[] arguments) =>
        RunInWorldAsync($"{script} {string.Join(' ', arguments)}", "bash", [Path.Combine(RepositoryRoot, ".github", "scripts", script), .. arguments]);

    /// <summary>Runs a program the tests reference (its assembly is beside theirs) as a script would: in the world.</summary>
    public Task<ScriptRun> RunProgramAsync(string program, params string[] arguments) =>
        RunInWorldAsync($"{program} {string.Join(' ', arguments)}", "dotnet", [Path.Combine(AppContext.BaseDirectory, $"{program}.dll"), .. arguments]);

    async Task<ScriptRun> RunInWorldAsync(string call, string command, string[] arguments)
    {
        File.WriteAllText(Variables["STANDIN_OUTPUTS"]!, JsonSerializer.Serialize(Outputs));
        // nothing of the machine's or the workflow's own settings may reach the script under test
        var inherited = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(IsDeliverySetting).ToList();
        using var budget = new CancellationTokenSource(ScriptBudget);
        try
        {
            var run = await Cli.Wrap(command).WithArguments(arguments).WithWorkingDirectory(_root)
                .WithEnvironmentVariables(variables =>
                {
                    foreach (var name in inherited)
                        variables.Set(name, null);
                    variables.Set(Variables);
                })
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(budget.Token);
            return new ScriptRun(run.ExitCode, run.StandardOutput, run.StandardError);
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            // CliWrap has killed the script and all it started
            throw FailException.ForFailure($"{call} did not finish within {ScriptBudget.TotalSeconds} s");
        }
    }

    static bool IsDeliverySetting(string name) =>
        name.StartsWith("TF_", StringComparison.Ordinal) || name.StartsWith("AWS_", StringComparison.Ordinal) ||
        name.StartsWith("GITHUB_", StringComparison.Ordinal) || name.StartsWith("STANDIN_", StringComparison.Ordinal) ||
        name.StartsWith("CHAT_", StringComparison.Ordinal) ||
        name is "LAMBDA_PACKAGE" or "WEB_DIST" or "GH_TOKEN" or "GH_REPO";

    static string RepositoryRoot { get; } = FindRepositoryRoot();

    static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Solution.sln")))
                return folder.FullName;
        }

        throw new InvalidOperationException($"No Solution.sln above {AppContext.BaseDirectory}: the tests run the scripts of the repository they were built in.");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}

/// <summary>One object put into the stand-in S3 at "bucket/key": its Cache-Control and its content type (empty: the CLI's guess).</summary>
public sealed record S3Upload(string Address, string CacheControl, string ContentType);

public sealed record ScriptRun(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
