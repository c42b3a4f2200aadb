using System.ComponentModel;
using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;

namespace ScenarioCallers;

/// <summary>
/// The Cognito admin calls on one user pool, through the AWS CLI: its credentials are the workflow's, and a stand-in
/// aws on PATH answers for it in the tests.
/// </summary>
public sealed class UserPool(string id)
{
    /// <summary>Cognito's admin calls allow tens of requests a second: eight users at a time stay well below that.</summary>
    public const int UsersAtOnce = 8;

    public string Id => id;

    public Task<CliAnswer> CreateUserAsync(string user, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "admin-create-user", "--user-pool-id", id, "--username", user, "--message-action", "SUPPRESS", "--output", "json");

    public Task<CliAnswer> SetPermanentPasswordAsync(string user, string password, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "admin-set-user-password", "--user-pool-id", id, "--username", user, "--password", password, "--permanent");

    public Task<CliAnswer> AddToGroupAsync(string user, string group, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "admin-add-user-to-group", "--user-pool-id", id, "--username", user, "--group-name", group);

    public Task<CliAnswer> SignInAsync(string clientId, string user, string password, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "admin-initiate-auth", "--user-pool-id", id, "--client-id", clientId,
            "--auth-flow", "ADMIN_USER_PASSWORD_AUTH", "--auth-parameters", $"USERNAME={user},PASSWORD={password}", "--output", "json");

    /// <summary>The users whose name starts with prefix; the CLI reads every page of the listing.</summary>
    public Task<CliAnswer> ListUsersAsync(string prefix, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "list-users", "--user-pool-id", id, "--filter", $"username ^= \"{prefix}\"", "--output", "json");

    public Task<CliAnswer> DeleteUserAsync(string user, CancellationToken cancellation) =>
        CognitoAsync(cancellation, "admin-delete-user", "--user-pool-id", id, "--username", user);

    /// <summary>The access token in an answer of admin-initiate-auth, or null and the challenge Cognito asked instead.</summary>
    public static (string? Token, string Challenge) ReadSignIn(string answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, "none");
            if (root.TryGetProperty("AuthenticationResult", out var result) && result.ValueKind == JsonValueKind.Object &&
                result.TryGetProperty("AccessToken", out var token) && token.ValueKind == JsonValueKind.String && token.GetString() is { Length: > 0 } value)
                return (value, "none");
            return (null, root.TryGetProperty("ChallengeName", out var challenge) && challenge.ValueKind == JsonValueKind.String ? challenge.GetString()! : "none");
        }
        catch (JsonException)
        {
            return (null, "none");
        }
    }

    /// <summary>
    /// The names in an answer of list-users that start with prefix: checked again here, as a filter is easy to get
    /// wrong. Throws <see cref="JsonException"/> when the answer is not a listing.
    /// </summary>
    public static IReadOnlyList<string> ReadUserNames(string answer, string prefix)
    {
        using var json = JsonDocument.Parse(answer);
        if (json.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("a listing is an object");
        if (!json.RootElement.TryGetProperty("Users", out var users) || users.ValueKind == JsonValueKind.Null)
            return [];
        if (users.ValueKind != JsonValueKind.Array)
            throw new JsonException("Users is a list");
        return
        [
            .. users.EnumerateArray()
                .Select(user => user.TryGetProperty("Username", out var name) ? name.GetString() : null)
                .OfType<string>()
                .Where(name => name.StartsWith(prefix, StringComparison.Ordinal)),
        ];
    }

    static async Task<CliAnswer> CognitoAsync(CancellationToken cancellation, params string[] arguments)
    {
        try
        {
            var result = await Cli.Wrap("aws").WithArguments(["cognito-idp", .. arguments])
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(cancellation);
            return new CliAnswer(result.IsSuccess, result.StandardOutput, result.StandardError);
        }
        catch (Win32Exception cannotStart)
        {
            return new CliAnswer(false, "", $"aws could not be started: {cannotStart.Message}");
        }
    }
}

/// <summary>What one call of the AWS CLI answered: whether it succeeded, its output and what it said on stderr.</summary>
public sealed record CliAnswer(bool Succeeded, string Output, string Error)
{
    /// <summary>Why a user's step failed, in one line a person can act on, with the secret blanked out should the CLI repeat it.</summary>
    public string Failure(string user, string step, string? secret = null)
    {
        var said = Error.Trim();
        if (!string.IsNullOrEmpty(secret))
            said = said.Replace(secret, "[password]", StringComparison.Ordinal);
        return $"{user}: {step} failed: {(said.Length == 0 ? "no error output" : said)}";
    }
}
