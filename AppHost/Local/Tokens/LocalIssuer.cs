using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Local.Tokens;

/// <summary>
/// The sign-in of local runs, in Cognito's place: HS256 access tokens of the issuer orders-local for the audience
/// orders-api, with the claims Cognito gives (sub, cognito:groups, token_use), signed with a key of the run's. The AppHost
/// signs in the dashboard's users with it, the tests their callers, bench its load, scripts through the `token`
/// command; an Api configured with <see cref="ApiSettings"/> trusts its tokens.
/// </summary>
public sealed class LocalIssuer
{
    public const string Issuer = "orders-local";
    public const string Audience = "orders-api";
    public const string GroupsClaim = "cognito:groups";
    public const string StaffGroup = "staff";

    /// <summary>Where scripts and tools pass the signing key, as base64.</summary>
    public const string SigningKeyVariable = "ORDERS_TOKEN_SIGNING_KEY";

    /// <summary>HS256 wants a key at least as long as its hash.</summary>
    public const int KeyBytes = 32;

    /// <summary>A working day, as the AppHost's tokens last from its start.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    // the times as each descriptor gives them, so that a token can be made expired or not yet valid
    static readonly JsonWebTokenHandler Writer = new() { SetDefaultTimesOnTokenCreation = false };

    public LocalIssuer(byte[] signingKey)
    {
        if (signingKey.Length < KeyBytes)
            throw new ArgumentException($"A signing key is at least {KeyBytes} bytes, not {signingKey.Length}.", nameof(signingKey));
        SigningKey = signingKey;
    }

    public byte[] SigningKey { get; }

    public string SigningKeyBase64 => Convert.ToBase64String(SigningKey);

    public static LocalIssuer WithNewKey() => new(RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The issuer of a key given as base64; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static LocalIssuer FromBase64(string signingKey)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(signingKey);
        }
        catch (FormatException)
        {
            throw new FormatException("The signing key is not base64.");
        }

        return key.Length >= KeyBytes
            ? new LocalIssuer(key)
            : throw new FormatException($"The signing key is {key.Length} bytes, fewer than {KeyBytes}.");
    }

    /// <summary>The issuer of the key in ORDERS_TOKEN_SIGNING_KEY, or null when it is not set.</summary>
    public static LocalIssuer? FromEnvironment() =>
        Environment.GetEnvironmentVariable(SigningKeyVariable) is { Length: > 0 } key ? FromBase64(key) : null;

    /// <summary>A token of the customer <paramref name="subject"/>, or of a member of staff, valid for <see cref="Lifetime"/>.</summary>
    public string Mint(string subject, bool staff = false) => Mint(Describe(subject, staff, DateTime.UtcNow, Lifetime));

    /// <summary>The token as <paramref name="token"/> describes it.</summary>
    public static string Mint(SecurityTokenDescriptor token) => Writer.CreateToken(token);

    /// <summary>What a valid token says and how it is signed; a caller that wants one wrong on purpose changes it.</summary>
    public SecurityTokenDescriptor Describe(string subject, bool staff, DateTime issuedAt, TimeSpan lifetime)
    {
        var claims = new Dictionary<string, object> { ["sub"] = subject, ["token_use"] = "access" };
        if (staff)
            claims[GroupsClaim] = new[] { StaffGroup };
        return new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Claims = claims,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            SigningCredentials = Credentials(SigningKey),
        };
    }

    public static SigningCredentials Credentials(byte[] key) => new(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256);

    /// <summary>The Api's configuration that trusts this issuer, as ASP.NET Core's JWT bearer handler reads it.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ApiSettings =>
    [
        new("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        new("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Value", SigningKeyBase64),
    ];

    /// <summary><see cref="ApiSettings"/> as environment variables, whose names write ':' as '__'.</summary>
    public IEnumerable<KeyValuePair<string, string>> ApiEnvironment =>
        ApiSettings.Select(setting => KeyValuePair.Create(setting.Key.Replace(":", "__", StringComparison.Ordinal), setting.Value));
}
