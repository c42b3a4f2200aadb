using System.Collections.Concurrent;
using System.Text.Json;

namespace ScenarioCallers;

/// <summary>remove: deletes every user of a run and no other; safe to call when none was created.</summary>
public static class CallerRemoval
{
    public static async Task RunAsync(RemoveRequest request, CommandLog log, CancellationToken cancellation)
    {
        var pool = new UserPool(request.UserPoolId);
        var prefix = Caller.Prefix(request.RunId);
        var listing = await pool.ListUsersAsync(prefix, cancellation);
        if (!listing.Succeeded)
        {
            log.Complain(listing.Error.TrimEnd());
            throw new CommandFailedException($"could not list the users of {pool.Id}");
        }

        IReadOnlyList<string> users;
        try
        {
            users = UserPool.ReadUserNames(listing.Output, prefix);
        }
        catch (JsonException)
        {
            throw new CommandFailedException($"could not read the users of {pool.Id} from: {listing.Output}");
        }

        if (users.Count == 0)
        {
            log.Say($"{pool.Id} has no user {prefix}*; nothing to remove");
            return;
        }

        log.Say($"Removing {users.Count} users {prefix}* from {pool.Id}");
        var failures = new ConcurrentDictionary<string, string>();
        var outcomes = await Batch.RunAsync(users, UserPool.UsersAtOnce, stopAtFirstFailure: false, async user =>
        {
            var deleted = await pool.DeleteUserAsync(user, cancellation);
            // gone already: what remove is for
            if (deleted.Succeeded || deleted.Error.Contains("UserNotFoundException", StringComparison.Ordinal))
                return true;
            failures[user] = deleted.Failure(user, "admin-delete-user");
            return false;
        });

        var failed = users.Where((_, index) => outcomes[index] != Outcome.Done).ToList();
        foreach (var user in failed)
            log.Complain(failures.GetValueOrDefault(user, $"{user}: stopped without saying why"));
        if (failed.Count > 0)
            throw new CommandFailedException($"not removed: {string.Join(' ', failed)}");
        log.Say($"Removed {users.Count} users");
    }
}
