using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using Orders.Local.Tokens;

namespace Orders.Scenarios;

/// <summary>
/// The local issuer (<see cref="LocalIssuer"/>) as the tests use it: callers of their own, and, for the cases that
/// prove the Api refuses them, tokens wrong every way: of another issuer, audience or key, expired, changed after
/// signing, unsigned, or written by hand with whatever header and claims.
/// </summary>
public sealed class TokenIssuer(LocalIssuer local)
{
    /// <summary>The header of a token signed with HMAC-SHA256, as a hand-written token has it.</summary>
    public const string Hs256Header = """{"alg":"HS256","typ":"JWT"}""";

    public TokenIssuer(byte[] signingKey)
        : this(new LocalIssuer(signingKey))
    {
    }

    public LocalIssuer Local { get; } = local;

    public byte[] SigningKey => Local.SigningKey;

    public IEnumerable<KeyValuePair<string, string>> ApiSettings => Local.ApiSettings;

    public static TokenIssuer WithNewKey() => new(LocalIssuer.WithNewKey());

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
        string issuer = LocalIssuer.Issuer,
        string audience = LocalIssuer.Audience,
        TimeSpan? expiresIn = null,
        byte[]? key = null,
        IDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (expiresIn ?? LocalIssuer.Lifetime);
        // a token that has expired was issued a lifetime before it did
        var issuedAt = expires < now ? expires - LocalIssuer.Lifetime : now;
        var token = Local.Describe(subject, staff, issuedAt, expires - issuedAt);
        token.Issuer = issuer;
        token.Audience = audience;
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
            token.Claims[name] = value;
        if (key is not null)
            token.SigningCredentials = LocalIssuer.Credentials(key);
        return LocalIssuer.Mint(token);
    }

    /// <summary>The same claims with no signature at all, "alg": "none", as an attacker would send them.</summary>
    public static string WithoutSignature(string subject, bool staff = false)
    {
        var expires = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        var groups = staff ? $",\"{LocalIssuer.GroupsClaim}\":[\"{LocalIssuer.StaffGroup}\"]" : "";
        return Forged("""{"alg":"none","typ":"JWT"}""", $"{{\"sub\":\"{subject}\",\"iss\":\"{LocalIssuer.Issuer}\",\"aud\":\"{LocalIssuer.Audience}\",\"exp\":{expires}{groups}}}");
    }

    /// <summary>
    /// The payload of a signed token changed to name staff (and, when given, another subject), its signature left as it was.
    /// </summary>
    public static string Tampered(string token, string? subject = null)
    {
        var parts = token.Split('.');
        var claims = Claims(token);
        claims[LocalIssuer.GroupsClaim] = new JsonArray(LocalIssuer.StaffGroup);
        if (subject is not null)
            claims["sub"] = subject;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(claims.ToJsonString())}.{parts[2]}";
    }

    /// <summary>The same header and payload with the first byte of the signature changed.</summary>
    public static string WithOtherSignature(string token)
    {
        var parts = token.Split('.');
        var signature = Base64UrlEncoder.DecodeBytes(parts[2]);
        signature[0] ^= 0xFF;
        return $"{parts[0]}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
    }

    /// <summary>The claims of a token, to change into a token written by hand.</summary>
    public static JsonObject Claims(string token) => JsonNode.Parse(Base64UrlEncoder.Decode(token.Split('.')[1]))!.AsObject();

    /// <summary>
    /// A token written by hand, as no issuer would write it: any header, any payload (JSON or not), signed with HMAC-SHA256
    /// and <paramref name="key"/> whatever the header says, or, without a key, with an empty signature.
    /// </summary>
    public static string Forged(string header, string payload, byte[]? key = null)
    {
        var signed = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        var signature = key is null ? "" : Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
        return signed + "." + signature;
    }
}
