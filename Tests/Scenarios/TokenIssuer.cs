using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orders.Scenarios;

/// <summary>
/// Mints access tokens as the AppHost does for local development: signed with a key the Api under test trusts, for the
/// issuer and audience it is configured with, and, for the cases that prove the Api refuses them, every way wrong.
/// </summary>
public sealed class TokenIssuer(byte[] signingKey)
{
    public const string Issuer = "orders-local";
    public const string Audience = "orders-api";
    public const string StaffGroup = "staff";

    /// <summary>Where the deployed target finds the key, as base64, when it runs somewhere that trusts local tokens.</summary>
    public const string SigningKeyVariable = "ORDERS_TOKEN_SIGNING_KEY";

    public byte[] SigningKey { get; } = signingKey;

    public static TokenIssuer WithNewKey() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The Api's configuration that trusts this issuer, as ASP.NET Core's JWT bearer handler reads it.</summary>
    public IEnumerable<KeyValuePair<string, string>> ApiSettings =>
    [
        new("Authentication:Schemes:Bearer:ValidIssuer", Issuer),
        new("Authentication:Schemes:Bearer:ValidAudiences:0", Audience),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Issuer", Issuer),
        new("Authentication:Schemes:Bearer:SigningKeys:0:Value", Convert.ToBase64String(SigningKey)),
    ];

    public Caller NewCustomer() => Caller.Customer($"customer-{Guid.NewGuid():N}", this);

    public Caller NewStaff()
    {
        var id = $"staff-{Guid.NewGuid():N}";
        return Caller.Member(id, Mint(id, staff: true));
    }

    /// <summary>A token; every argument left out is what the Api accepts.</summary>
    public string Mint(
        string subject,
        bool staff = false,
        string issuer = Issuer,
        string audience = Audience,
        TimeSpan? expiresIn = null,
        byte[]? key = null,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? TimeSpan.FromHours(1));
        var identity = new ClaimsIdentity([new Claim("sub", subject)]);
        if (staff)
            identity.AddClaim(new Claim("cognito:groups", StaffGroup));
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = identity,
            Claims = claims,
            IssuedAt = expires < now ? expires - TimeSpan.FromHours(1) : now,
            NotBefore = expires < now ? expires - TimeSpan.FromHours(1) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? SigningKey), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>The same claims with no signature at all, "alg": "none", as an attacker would send them.</summary>
    public static string WithoutSignature(string subject, bool staff = false)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var groups = staff ? $",\"cognito:groups\":[\"{StaffGroup}\"]" : "";
        return $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{Base64Url($"{{\"sub\":\"{subject}\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{expires}{groups}}}")}.";
    }

    static string Base64Url(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
}
