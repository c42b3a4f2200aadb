using System.Text.Json.Nodes;
using Orders.Local.Tokens;
using Orders.Scenarios;
using OrdersClient;

namespace Fuzz;

/// <summary>
/// The Authorization header of a random request: a valid token of a customer or of staff, none, or one wrong every way
/// (the tests' wrong tokens, <see cref="TokenIssuer"/>, and more: not yet valid, without an expiry, garbage, other
/// schemes), or signed with the trusted key but with claims a real issuer would not send.
/// </summary>
internal sealed class TokenGenerator(Callers callers)
{
    static readonly (TokenKind Kind, int Weight)[] Kinds =
    [
        (TokenKind.Customer, 40), (TokenKind.Staff, 10), (TokenKind.Missing, 8), (TokenKind.Expired, 4), (TokenKind.NotYetValid, 3),
        (TokenKind.WrongKey, 4), (TokenKind.WrongIssuer, 3), (TokenKind.WrongAudience, 3), (TokenKind.NoExpiry, 2), (TokenKind.IdToken, 2),
        (TokenKind.Tampered, 4), (TokenKind.AlgNone, 4), (TokenKind.Garbage, 6), (TokenKind.OtherScheme, 3), (TokenKind.OddClaims, 4),
    ];

    TokenIssuer Issuer => callers.Issuer;

    public (TokenKind Kind, string? Header) Next(Random random, string customer)
    {
        var kind = random.PickWeighted(Kinds);
        var valid = callers.Of(customer).Token;
        var header = kind switch
        {
            TokenKind.Customer => Bearer(valid),
            TokenKind.Staff => Bearer(callers.Of(RequestGenerator.Staff, staff: true).Token),
            TokenKind.Missing => null,
            TokenKind.Expired => Bearer(Issuer.Mint(customer, expiresIn: -TimeSpan.FromHours(1))),
            TokenKind.NotYetValid => Bearer(NotYetValid(customer)),
            TokenKind.WrongKey => Bearer(Issuer.Mint(customer, key: random.Bytes(LocalIssuer.KeyBytes))),
            TokenKind.WrongIssuer => Bearer(Issuer.Mint(customer, issuer: "https://issuer.example.com/someone-else")),
            TokenKind.WrongAudience => Bearer(Issuer.Mint(customer, audience: "another-api")),
            TokenKind.NoExpiry => Bearer(WithoutExpiry(customer)),
            TokenKind.IdToken => Bearer(Issuer.Mint(customer, claims: new Dictionary<string, object> { ["token_use"] = "id" })),
            TokenKind.Tampered => Bearer(TokenIssuer.Tampered(valid, random.Next(2) == 0 ? null : RequestGenerator.Staff)),
            TokenKind.AlgNone => Bearer(Unsigned(random, customer)),
            TokenKind.Garbage => Bearer(Garbage(random)),
            TokenKind.OtherScheme => OtherScheme(random, valid),
            _ => Bearer(TokenIssuer.Forged(TokenIssuer.Hs256Header, OddClaims(random, valid).ToJsonString(), Issuer.SigningKey)),
        };
        return (kind, header);
    }

    static string Bearer(string token) => "Bearer " + token;

    string NotYetValid(string customer) =>
        LocalIssuer.Mint(Issuer.Local.Describe(customer, staff: false, DateTime.UtcNow.AddHours(1), TimeSpan.FromHours(1)));

    string WithoutExpiry(string customer)
    {
        var token = Issuer.Local.Describe(customer, staff: false, DateTime.UtcNow, LocalIssuer.Lifetime);
        token.Expires = null;
        return LocalIssuer.Mint(token);
    }

    /// <summary>A staff member's claims unsigned: "alg": "none", in any case, or no signature under HS256.</summary>
    string Unsigned(Random random, string customer)
    {
        var claims = TokenIssuer.Claims(Issuer.Mint(customer, staff: true)).ToJsonString();
        return random.Next(4) switch
        {
            0 => TokenIssuer.Forged("""{"alg":"none","typ":"JWT"}""", claims),
            1 => TokenIssuer.Forged("""{"alg":"none"}""", claims) + random.Base64Url(43),
            2 => TokenIssuer.Forged(TokenIssuer.Hs256Header, claims),
            _ => TokenIssuer.Forged("""{"alg":"NONE","typ":"JWT"}""", claims),
        };
    }

    static string Garbage(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => "a",
        2 => "a.b",
        3 => "a.b.c",
        4 => "...",
        5 => $"{random.Base64Url(20)}.{random.Base64Url(60)}.{random.Base64Url(43)}",
        6 => random.Filler(random.Next(1, 200)),
        7 => new string('A', 4_000) + ".b.c",
        8 => TokenIssuer.Forged(TokenIssuer.Hs256Header, "[]"),
        9 => TokenIssuer.Forged(TokenIssuer.Hs256Header, "not json") + random.Base64Url(43),
        10 => "a.b.c.d.e",
        _ => "tökén.with.latin1",
    };

    static string OtherScheme(Random random, string valid) => random.Next(8) switch
    {
        0 => "Basic " + Convert.ToBase64String("user:password"u8),
        1 => "Token " + valid,
        2 => valid,
        3 => "Bearer",
        // a signature one character longer (not "Bearer<tab>token": the client would send that as "Bearer token")
        4 => "Bearer " + valid + "A",
        5 => "Digest username=\"fuzz\"",
        6 => $"Bearer {valid} {valid}",
        _ => $"Bearer {valid},",
    };

    /// <summary>A valid token's claims changed as a real issuer would not send them: no subject, odd types, odd values.</summary>
    static JsonObject OddClaims(Random random, string valid)
    {
        var claims = TokenIssuer.Claims(valid);
        switch (random.Next(19))
        {
            case 0:
                claims.Remove("sub");
                break;
            case 1:
                claims["sub"] = "";
                break;
            case 2:
                claims["sub"] = new string('x', 65);
                break;
            case 3:
                claims["sub"] = "fuzz\u0007customer";
                break;
            case 4:
                claims["sub"] = 42;
                break;
            case 5:
                claims["sub"] = new JsonArray("fuzz-customer-1", "fuzz-customer-2");
                break;
            case 6:
                claims["sub"] = new JsonObject();
                break;
            case 7:
                claims["sub"] = null;
                break;
            case 8:
                claims[LocalIssuer.GroupsClaim] = LocalIssuer.StaffGroup;
                break;
            case 9:
                claims[LocalIssuer.GroupsClaim] = new JsonArray("Staff");
                break;
            case 10:
                claims[LocalIssuer.GroupsClaim] = new JsonArray(1, null);
                break;
            case 11:
                claims["exp"] = "tomorrow";
                break;
            case 12:
                claims["exp"] = 1e20;
                break;
            case 13:
                claims["aud"] = new JsonArray(LocalIssuer.Audience, "another-api");
                break;
            case 14:
                claims["iat"] = DateTimeOffset.UtcNow.AddDays(365).ToUnixTimeSeconds();
                break;
            case 15:
                claims["x"] = new string('x', 4_000);
                break;
            case 16:
                // Cognito always sends it; the Api takes a token without it
                claims.Remove("token_use");
                break;
            case 17:
                claims["sub"] = new string('a', 64);
                break;
            default:
                claims["sub"] = "kunde-ä-日本";
                break;
        }

        return claims;
    }
}
