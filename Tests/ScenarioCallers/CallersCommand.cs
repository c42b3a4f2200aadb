namespace ScenarioCallers;

/// <summary>
/// create makes the callers of one run and writes their access tokens; remove deletes them. Exits 0 when done, 1 when
/// it failed, 2 when the arguments are wrong (and then calls nothing).
/// </summary>
public static class CallersCommand
{
    /// <summary>The name people and workflows call it by.</summary>
    public const string Name = "scenario-callers.sh";

    public const string Usage = $"""
        usage: {Name} create --user-pool-id ID --client-id ID --customers N --output FILE [--staff 0|1] [--run-id R]
               {Name} remove --user-pool-id ID --run-id R
        """;

    public static async Task<int> RunAsync(
        IReadOnlyList<string> arguments, Func<string, string?> environment, TimeProvider clock, CommandLog log, CancellationToken cancellation)
    {
        CallersRequest request;
        try
        {
            request = CallersRequest.Parse(arguments, environment, clock);
        }
        catch (UsageException wrong)
        {
            log.Complain($"{Name}: {wrong.Message}");
            log.Complain(Usage);
            return 2;
        }

        try
        {
            switch (request)
            {
                case CreateRequest create:
                    await CallerCreation.RunAsync(create, log, cancellation);
                    break;
                case RemoveRequest remove:
                    await CallerRemoval.RunAsync(remove, log, cancellation);
                    break;
                default:
                    log.Say(Usage);
                    break;
            }

            return 0;
        }
        catch (CommandFailedException failed)
        {
            log.Complain($"{Name}: {failed.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            log.Complain($"{Name}: cancelled; the users made so far are for remove");
            return 130;
        }
    }
}

/// <summary>The arguments are wrong: the command shows its usage and calls nothing.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The command could not do what it was asked; the message says what and what to do about it.</summary>
public sealed class CommandFailedException(string message) : Exception(message);
