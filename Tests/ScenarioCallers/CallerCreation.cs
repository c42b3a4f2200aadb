using System.Collections.Concurrent;

namespace ScenarioCallers;

/// <summary>
/// create: makes the callers of a run, each with a password nobody sees, signs each in at the scenarios' client and
/// writes their access tokens to the callers file; or, when one cannot be made, names it and writes nothing.
/// </summary>
public static class CallerCreation
{
    public static async Task RunAsync(CreateRequest request, CommandLog log, CancellationToken cancellation)
    {
        if (!Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(request.Output))))
            throw new CommandFailedException($"the folder of {request.Output} does not exist");

        var pool = new UserPool(request.UserPoolId);
        var callers = Caller.Of(request.RunId, request.Customers, request.Staff);
        log.Say($"Creating {request.Customers} customers and {(request.Staff ? 1 : 0)} member(s) of staff in {pool.Id}: {Caller.Prefix(request.RunId)}*");

        var tokens = new ConcurrentDictionary<Caller, string>();
        var failures = new ConcurrentDictionary<Caller, string>();
        var outcomes = await Batch.RunAsync(callers, UserPool.UsersAtOnce, stopAtFirstFailure: true, async caller =>
        {
            var (token, failure) = await CreateAsync(pool, request.ClientId, caller, log, cancellation);
            if (token is null)
                failures[caller] = failure!;
            else
                tokens[caller] = token;
            return token is not null;
        });

        var failed = new List<string>();
        for (var index = 0; index < callers.Count; index++)
        {
            if (outcomes[index] != Outcome.Failed)
                continue;
            failed.Add(callers[index].UserName);
            log.Complain(failures.GetValueOrDefault(callers[index], $"{callers[index].UserName}: stopped without saying why"));
        }

        if (failed.Count > 0)
        {
            var untried = outcomes.Count(outcome => outcome == Outcome.NotTried);
            throw new CommandFailedException(
                $"could not create the scenarios' callers; failed: {string.Join(' ', failed)}{(untried == 0 ? "" : $" ({untried} not tried after that)")}. " +
                $"Users created so far stay until: {CallersCommand.Name} remove --user-pool-id {pool.Id} --run-id {request.RunId}");
        }

        CallersFile.Write(request.Output, CallersFile.Json(
            callers.Where(caller => caller.Group == Caller.StaffGroup).Select(caller => tokens[caller]).FirstOrDefault(),
            callers.Where(caller => caller.Group is null).Select(caller => tokens[caller])));
        log.Say($"Wrote the access tokens of {callers.Count} callers to {request.Output}");
    }

    // makes one user with a password of its own and signs it in: its access token, or why it could not
    static async Task<(string? Token, string? Failure)> CreateAsync(
        UserPool pool, string clientId, Caller caller, CommandLog log, CancellationToken cancellation)
    {
        var user = caller.UserName;
        var password = Caller.NewPassword();
        log.Mask(password);

        var created = await pool.CreateUserAsync(user, cancellation);
        if (!created.Succeeded)
            return (null, created.Failure(user, "admin-create-user", password));
        var set = await pool.SetPermanentPasswordAsync(user, password, cancellation);
        if (!set.Succeeded)
            return (null, set.Failure(user, "admin-set-user-password", password));
        if (caller.Group is { } group)
        {
            var joined = await pool.AddToGroupAsync(user, group, cancellation);
            if (!joined.Succeeded)
                return (null, joined.Failure(user, $"admin-add-user-to-group ({group})", password));
        }

        var signedIn = await pool.SignInAsync(clientId, user, password, cancellation);
        if (!signedIn.Succeeded)
            return (null, signedIn.Failure(user, "admin-initiate-auth", password));
        var (token, challenge) = UserPool.ReadSignIn(signedIn.Output);
        if (token is null)
            return (null, $"{user}: admin-initiate-auth gave no access token (challenge: {challenge})");
        log.Mask(token);
        return (token, null);
    }
}
