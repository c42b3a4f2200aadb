using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OrdersClient;

/// <summary>
/// Mints the access tokens the Api trusts when it runs with the local settings (bench/tokens.sh gives it them): HS256
/// JWTs of the issuer orders-local for the audience orders-api, signed with the run's key, which the scripts pass in
/// the variable ORDERS_TOKEN_SIGNING_KEY. A caller's token is kept and minted anew every few minutes, so that a run of
/// any length sends valid ones.
/// </summary>
internal sealed class AccessTokens(byte[] signingKey)
{
    public const string Issuer = "orders-local";
    public const string Audience = "orders-api";
    public const string KeyVariable = "ORDERS_TOKEN_SIGNING_KEY";
    public const string StaffGroup = "staff";
    public const string Hs256Header = """{"alg":"HS256","typ":"JWT"}""";
    static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    static readonly TimeSpan RenewedAfter = TimeSpan.FromMinutes(10);

    readonly ConcurrentDictionary<(string Subject, bool Staff), (string Token, DateTimeOffset MintedAt)> _kept = new();

    public byte[] SigningKey { get; } = signingKey;

    /// <summary>The tokens of the key in ORDERS_TOKEN_SIGNING_KEY: base64 of at least 32 bytes.</summary>
    public static AccessTokens FromEnvironment()
    {
        var encoded = Environment.GetEnvironmentVariable(KeyVariable);
        if (string.IsNullOrWhiteSpace(encoded))
            throw new UsageException($"Set {KeyVariable} to the signing key the Api trusts (base64), as bench/soak.sh and bench/fuzz.sh do.");

        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            throw new UsageException($"{KeyVariable} is not base64.");
        }

        return key.Length >= 32 ? new AccessTokens(key) : throw new UsageException($"{KeyVariable} is shorter than 32 bytes.");
    }

    /// <summary>A valid token of the customer <paramref name="subject"/>, or of a member of staff of that name.</summary>
    public string For(string subject, bool staff = false)
    {
        var now = DateTimeOffset.UtcNow;
        if (_kept.TryGetValue((subject, staff), out var kept) && now - kept.MintedAt < RenewedAfter)
            return kept.Token;

        var token = Sign(Hs256Header, Claims(subject, staff, now, Lifetime).ToJsonString(), SigningKey);
        _kept[(subject, staff)] = (token, now);
        return token;
    }

    /// <summary>The claims of a valid token, for a caller that changes them into an invalid one.</summary>
    public static JsonObject Claims(string subject, bool staff, DateTimeOffset issuedAt, TimeSpan lifetime)
    {
        var claims = new JsonObject
        {
            ["sub"] = subject,
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds(),
            ["nbf"] = issuedAt.ToUnixTimeSeconds(),
            ["iat"] = issuedAt.ToUnixTimeSeconds(),
        };
        if (staff)
            claims["cognito:groups"] = new JsonArray(StaffGroup);
        return claims;
    }

    /// <summary>header.payload.signature, each in base64url; without a key the signature is empty, as "alg": "none" has it.</summary>
    public static string Sign(string header, string payload, byte[]? key)
    {
        var signed = Segment(header) + "." + Segment(payload);
        var signature = key is null ? "" : Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
        return signed + "." + signature;
    }

    /// <summary>A segment of a JWT: the JSON's UTF-8 in base64url.</summary>
    public static string Segment(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}
