using System.Globalization;
using System.Text.RegularExpressions;

namespace ScenarioCallers;

/// <summary>What the command was asked to do, from its arguments: help, create or remove.</summary>
public abstract partial record CallersRequest
{
    static readonly string[] Shared = ["--user-pool-id", "--run-id"];
    static readonly string[] CreateOnly = ["--client-id", "--customers", "--output", "--staff"];

    /// <summary>Reads the arguments; throws <see cref="UsageException"/> for anything the usage does not allow.</summary>
    /// <param name="arguments">The command, create or remove, then its options: --name value.</param>
    /// <param name="environment">Where the run id comes from when none is given: GITHUB_RUN_ID and GITHUB_RUN_ATTEMPT.</param>
    /// <param name="clock">Where it comes from outside GitHub Actions.</param>
    public static CallersRequest Parse(IReadOnlyList<string> arguments, Func<string, string?> environment, TimeProvider clock)
    {
        var command = arguments.Count > 0 ? arguments[0] : "";
        switch (command)
        {
            case "create" or "remove":
                break;
            case "-h" or "--help":
                return new HelpRequest();
            case "":
                throw new UsageException("give a command, create or remove");
            default:
                throw new UsageException($"unknown command '{command}'");
        }

        var options = ReadOptions(command, arguments.Skip(1).ToList());
        string Option(string name) => options.GetValueOrDefault(name, "");

        var userPoolId = Option("--user-pool-id");
        if (userPoolId.Length == 0)
            throw new UsageException("--user-pool-id is missing");

        var runId = Option("--run-id");
        CallersRequest request;
        if (command == "create")
        {
            var clientId = Option("--client-id");
            var output = Option("--output");
            var customers = Option("--customers");
            var staff = options.GetValueOrDefault("--staff", "1");
            if (clientId.Length == 0)
                throw new UsageException("--client-id is missing");
            if (output.Length == 0)
                throw new UsageException("--output is missing");
            if (!CustomersPattern().IsMatch(customers))
                throw new UsageException($"--customers must be a number from 1 to 9999, not '{customers}'");
            if (staff is not ("0" or "1"))
                throw new UsageException($"--staff is 0 or 1, not '{staff}'");
            if (runId.Length == 0)
                runId = DefaultRunId(environment, clock);
            request = new CreateRequest(userPoolId, clientId, int.Parse(customers, CultureInfo.InvariantCulture), output, staff == "1", runId);
        }
        else
        {
            if (runId.Length == 0)
                throw new UsageException("--run-id is missing: remove deletes the users of one run only");
            request = new RemoveRequest(userPoolId, runId);
        }

        // the run id ends up in a list-users filter between double quotes, and in every user's name
        if (!RunIdPattern().IsMatch(runId))
            throw new UsageException($"--run-id may hold letters, digits, '.', '_' and '-' only, not '{runId}'");
        return request;
    }

    static Dictionary<string, string> ReadOptions(string command, List<string> arguments)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var index = 0; index < arguments.Count; index += 2)
        {
            var name = arguments[index];
            if (!name.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{name}'");
            if (index + 1 >= arguments.Count || arguments[index + 1].Length == 0)
                throw new UsageException($"{name} needs a value");
            if (!Shared.Contains(name) && !(command == "create" && CreateOnly.Contains(name)))
                throw new UsageException($"{command} takes no {name}");
            options[name] = arguments[index + 1];
        }

        return options;
    }

    // GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT in GitHub Actions, so that a rerun names its users apart; a timestamp elsewhere
    static string DefaultRunId(Func<string, string?> environment, TimeProvider clock)
    {
        var run = environment("GITHUB_RUN_ID");
        if (string.IsNullOrEmpty(run))
            return clock.GetUtcNow().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var attempt = environment("GITHUB_RUN_ATTEMPT");
        return $"{run}-{(string.IsNullOrEmpty(attempt) ? "1" : attempt)}";
    }

    [GeneratedRegex(@"^[1-9][0-9]{0,3}\z")]
    private static partial Regex CustomersPattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\z")]
    private static partial Regex RunIdPattern();
}

public sealed record HelpRequest : CallersRequest;

/// <summary>Make Customers customers and, with Staff, one member of staff; write their access tokens to Output.</summary>
public sealed record CreateRequest(string UserPoolId, string ClientId, int Customers, string Output, bool Staff, string RunId) : CallersRequest;

/// <summary>Delete every user of the run RunId.</summary>
public sealed record RemoveRequest(string UserPoolId, string RunId) : CallersRequest;
