using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace AppHost;

/// <summary>
/// Signing in without AWS: the AppHost issues access tokens as Cognito does in AWS, with the same claims (sub,
/// cognito:groups), signed with a key of its own. The Api trusts that key through ASP.NET Core's JWT bearer settings, and
/// the dashboard shows a customer's and a staff member's token as the parameters customer-token and staff-token.
/// LocalSignIn:SigningKey (base64, at least 32 bytes) keeps the key, and tokens, across runs; without it each run
/// makes a new one.
/// </summary>
public static class LocalSignIn
{
    public const string Section = "LocalSignIn";
    public const string Issuer = "orders-local";
    public const string Audience = "orders-api";
    public const string Customer = "local-customer";
    public const string Staff = "local-staff";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    /// <summary>The key the tokens are signed with, and the dashboard's tokens made with it.</summary>
    public static LocalTokens AddLocalSignIn(this IDistributedApplicationBuilder builder)
    {
        var key = builder.Configuration[$"{Section}:SigningKey"] is { Length: > 0 } configured
            ? Decode(configured)
            : RandomNumberGenerator.GetBytes(32);
        var tokens = new LocalTokens(key);
        const string use = "Send it as `Authorization: Bearer <token>`; it is valid for 12 hours from the AppHost's start.";
        builder.AddParameter("customer-token", tokens.CustomerToken, secret: true)
            .WithDescription($"An access token of the customer {Customer}. {use}", enableMarkdown: true);
        builder.AddParameter("staff-token", tokens.StaffToken, secret: true)
            .WithDescription($"An access token of {Staff}, a member of staff (who sees every order and ships). {use}", enableMarkdown: true);
        return tokens;
    }

    /// <summary>Tells a copy of the Api to trust the AppHost's tokens, as ASP.NET Core's JWT bearer handler reads its settings.</summary>
    public static IResourceBuilder<T> TrustingLocalSignIn<T>(this IResourceBuilder<T> api, LocalTokens tokens)
        where T : IResourceWithEnvironment =>
        api.WithEnvironment("Authentication__Schemes__Bearer__ValidIssuer", Issuer)
            .WithEnvironment("Authentication__Schemes__Bearer__ValidAudiences__0", Audience)
            .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Issuer", Issuer)
            .WithEnvironment("Authentication__Schemes__Bearer__SigningKeys__0__Value", Convert.ToBase64String(tokens.SigningKey));

    static byte[] Decode(string configured)
    {
        try
        {
            var key = Convert.FromBase64String(configured);
            return key.Length >= 32 ? key : throw new FormatException("it is shorter than 32 bytes");
        }
        catch (FormatException exception)
        {
            throw new DistributedApplicationException(
                $"{Section}:SigningKey must be at least 32 bytes in base64 ({exception.Message}); `openssl rand -base64 32` makes one.");
        }
    }
}

/// <summary>Mints the AppHost's access tokens.</summary>
public sealed class LocalTokens
{
    public LocalTokens(byte[] signingKey)
    {
        SigningKey = signingKey;
        CustomerToken = Mint(LocalSignIn.Customer, staff: false);
        StaffToken = Mint(LocalSignIn.Staff, staff: true);
    }

    public byte[] SigningKey { get; }

    /// <summary>The token of local-customer, made once: the dashboard shows it and the web front end offers it.</summary>
    public string CustomerToken { get; }

    /// <summary>The token of local-staff, made once, as <see cref="CustomerToken"/>.</summary>
    public string StaffToken { get; }

    string Mint(string subject, bool staff)
    {
        var identity = new ClaimsIdentity([new Claim("sub", subject), new Claim("token_use", "access")]);
        if (staff)
            identity.AddClaim(new Claim("cognito:groups", "staff"));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = LocalSignIn.Issuer,
            Audience = LocalSignIn.Audience,
            Subject = identity,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.Add(LocalSignIn.Lifetime),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }
}
