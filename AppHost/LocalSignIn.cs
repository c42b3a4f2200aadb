using Orders.Local.Tokens;

namespace AppHost;

/// <summary>
/// Signing in without AWS: the AppHost's Api trusts the local issuer (<see cref="LocalIssuer"/>), and the dashboard shows
/// a customer's and a staff member's token as the parameters customer-token and staff-token. LocalSignIn:SigningKey
/// (base64, at least 32 bytes) keeps the key, and tokens, across runs; without it each run makes a new one.
/// </summary>
public static class LocalSignIn
{
    public const string Section = "LocalSignIn";
    public const string Customer = "local-customer";
    public const string Staff = "local-staff";

    /// <summary>The key the tokens are signed with, and the dashboard's tokens made with it.</summary>
    public static LocalTokens AddLocalSignIn(this IDistributedApplicationBuilder builder)
    {
        var issuer = builder.Configuration[$"{Section}:SigningKey"] is { Length: > 0 } configured
            ? Decode(configured)
            : LocalIssuer.WithNewKey();
        var tokens = new LocalTokens(issuer);
        var use = $"Send it as `Authorization: Bearer <token>`; it is valid for {LocalIssuer.Lifetime.TotalHours} hours from the AppHost's start.";
        builder.AddParameter("customer-token", tokens.CustomerToken, secret: true)
            .WithDescription($"An access token of the customer {Customer}. {use}", enableMarkdown: true);
        builder.AddParameter("staff-token", tokens.StaffToken, secret: true)
            .WithDescription($"An access token of {Staff}, a member of staff (who sees every order and ships). {use}", enableMarkdown: true);
        return tokens;
    }

    /// <summary>Tells a copy of the Api to trust the AppHost's tokens.</summary>
    public static IResourceBuilder<T> TrustingLocalSignIn<T>(this IResourceBuilder<T> api, LocalTokens tokens)
        where T : IResourceWithEnvironment
    {
        foreach (var (name, value) in tokens.Issuer.ApiEnvironment)
            api.WithEnvironment(name, value);
        return api;
    }

    static LocalIssuer Decode(string configured)
    {
        try
        {
            return LocalIssuer.FromBase64(configured);
        }
        catch (FormatException exception)
        {
            throw new DistributedApplicationException(
                $"{Section}:SigningKey must be at least {LocalIssuer.KeyBytes} bytes in base64 ({exception.Message}); `dotnet run --project AppHost/Local -- token --new-key` makes one.");
        }
    }
}

/// <summary>The AppHost's issuer and the tokens of its two users, made once: the dashboard shows them and the web front end offers them.</summary>
public sealed class LocalTokens(LocalIssuer issuer)
{
    public LocalIssuer Issuer { get; } = issuer;

    public string CustomerToken { get; } = issuer.Mint(LocalSignIn.Customer);

    public string StaffToken { get; } = issuer.Mint(LocalSignIn.Staff, staff: true);
}
