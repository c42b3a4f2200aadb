using System.Text;
using System.Text.Json.Nodes;
using OrdersClient;

namespace Fuzz;

/// <summary>
/// Makes request number n of a run from the run's seed and n alone, so that a failing request can be made again: the
/// same seed makes the same requests, but for the ids, keys and cursors of orders placed during the run, which they
/// reuse. Every fifth is a valid write (a placement, a replay of one, or paying, cancelling or shipping an order that
/// was placed); the others are random: methods, paths (mostly near the real routes, so the handlers see them; also
/// unknown routes, odd ids, very long paths, percent-encodings), headers (Idempotency-Key, If-Match, If-None-Match,
/// Accept, large ones within Kestrel's limits), tokens (valid, and wrong every way) and bodies (<see cref="BodyGenerator"/>).
/// </summary>
internal sealed class RequestGenerator(AccessTokens tokens, FuzzState state, int seed)
{
    public const string Staff = "fuzz-staff";
    const string IdempotencyKeyHeader = "Idempotency-Key";
    const string SegmentCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@";
    const string Base64UrlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    // what the headers a request is made with may come to, well within Kestrel's 32 KiB
    const int HeaderBudget = 24 * 1024;

    static readonly string[] Customers = ["fuzz-customer-1", "fuzz-customer-2", "fuzz-customer-3", "fuzz-customer-4"];
    static readonly string[] Methods =
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "get", "post", "QUERY", "PROPFIND", "M-SEARCH"];
    static readonly string[] Actions = ["pay", "ship", "cancel", "PAY", "Cancel", "refund", "", "pay/", "pay%00", "p%61y", "ship;x"];
    static readonly string[] Limits =
        ["1", "20", "100", "0", "-1", "101", "abc", "1e3", "2147483648", "", "%31%30", "%205", "5%20", "0x10", "%D9%A3", "1.5", "+5", "05"];
    static readonly string[] Statuses = ["placed", "paid", "shipped", "cancelled", "PAID", "refunded", "", "%00", "paid,placed", "paid%00"];
    static readonly string[] Accepts = ["application/xml", "*/*", "text/html", "application/json;q=0", "application/problem+json", "garbage"];

    static readonly string[] Tags =
    [
        "*", "\"1\"", "\"2\"", "W/\"1\"", "\"1\", \"2\"", "1", "\"", "\"\"", ",,,", "\"999999999999999999999\"", "W/",
        new string('"', 2_000), "\"" + new string('9', 1_000) + "\"", "*, \"1\"", "\"-1\"", "\"1\"\"2\"",
    ];

    static readonly (TokenKind Kind, int Weight)[] TokenKinds =
    [
        (TokenKind.Customer, 40), (TokenKind.Staff, 10), (TokenKind.Missing, 8), (TokenKind.Expired, 4), (TokenKind.NotYetValid, 3),
        (TokenKind.WrongKey, 4), (TokenKind.WrongIssuer, 3), (TokenKind.WrongAudience, 3), (TokenKind.NoExpiry, 2), (TokenKind.IdToken, 2),
        (TokenKind.Tampered, 4), (TokenKind.AlgNone, 4), (TokenKind.Garbage, 6), (TokenKind.OtherScheme, 3), (TokenKind.OddClaims, 4),
    ];

    static readonly (string? Value, int Weight)[] ContentTypes =
    [
        ("application/json", 55), ("application/json; charset=utf-8", 8), (null, 6), ("text/plain", 3), ("application/xml", 2),
        ("application/x-www-form-urlencoded", 2), ("multipart/form-data; boundary=fuzz", 2), ("application/json; charset=utf-16", 2),
        ("application/json; charset=iso-8859-1", 2), ("application/json; charset=fuzz", 2), ("application/json; charset=\"utf-8\"", 2),
        ("application/problem+json", 2), ("application/vnd.orders+json", 2), ("APPLICATION/JSON", 2), ("application/json;;", 1),
        ("application/json; charset=", 1), (";", 1), ("application/*", 1), ("*/*", 1), ("application/json, text/plain", 1), ("json", 1),
        ("", 1),
    ];

    public FuzzRequest Next(int number)
    {
        // the same every time for the same seed and number
        var random = new Random(unchecked((seed * 1_000_003) + number));
        return number % FuzzSettings.ValidWriteEvery == 0 ? ValidWrite(number, random) : RandomRequest(number, random);
    }

    public static T PickWeighted<T>(Random random, (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(choice => choice.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
                return value;
            roll -= weight;
        }

        return choices[^1].Value;
    }

    FuzzRequest ValidWrite(int number, Random random)
    {
        var roll = random.Next(100);
        if (roll is >= 45 and < 55 && state.AnyPlacement(random) is { } placement)
        {
            return Valid(number, WriteKind.Replay, "/api/orders", placement.Customer, placement.Body, placement.Key) with
            {
                ExpectedId = placement.Id,
            };
        }

        if (roll >= 55 && state.AnyOrder(random) is { } order)
        {
            var (write, action) = roll switch
            {
                < 75 => (WriteKind.Pay, "pay"),
                < 90 => (WriteKind.Cancel, "cancel"),
                _ => (WriteKind.Ship, "ship"),
            };
            return Valid(number, write, $"/api/orders/{order.Id}/{action}", write == WriteKind.Ship ? Staff : order.CustomerId, null, null);
        }

        var customer = Pick(random, Customers);
        var key = random.Next(2) == 0 ? $"fuzz-{seed}-{number}" : null;
        var body = Encoding.UTF8.GetBytes(BodyGenerator.ValidOrder(random, random.Next(2) == 0 ? customer : null));
        return Valid(number, WriteKind.Place, "/api/orders", customer, body, key);
    }

    FuzzRequest Valid(int number, WriteKind write, string target, string subject, byte[]? body, string? key)
    {
        var staff = write == WriteKind.Ship;
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", $"Bearer {tokens.For(subject, staff)}") };
        if (key is not null)
            headers.Add(new(IdempotencyKeyHeader, key));
        return new FuzzRequest
        {
            Number = number,
            Method = "POST",
            Target = target,
            Route = (write is WriteKind.Place or WriteKind.Replay) ? "place" : "change",
            Headers = headers,
            Token = staff ? TokenKind.Staff : TokenKind.Customer,
            Subject = subject,
            ContentType = body is null ? null : "application/json",
            Body = body,
            BodyKind = body is null ? "none" : "valid",
            Write = write,
            IdempotencyKey = key,
        };
    }

    FuzzRequest RandomRequest(int number, Random random)
    {
        var customer = Pick(random, Customers);
        var (token, authorization) = Authorization(random, customer);
        var subject = token switch
        {
            TokenKind.Customer => customer,
            TokenKind.Staff => Staff,
            _ => null,
        };
        var (route, method, target) = Route(random, customer);

        var headers = new List<KeyValuePair<string, string>>();
        if (authorization is not null)
            headers.Add(new("Authorization", authorization));
        AddOddHeaders(random, headers);

        byte[]? body = null;
        var bodyKind = "none";
        string? contentType = null;
        var chunked = false;
        var takesBody = (method is "POST" or "PUT" or "PATCH") ? random.Next(10) < 9 : (method is "GET" or "DELETE") && random.Next(10) == 0;
        if (takesBody)
        {
            (bodyKind, body) = BodyGenerator.Next(random, customer, Pick(random, Customers));
            contentType = PickWeighted(random, ContentTypes);
            chunked = random.Next(8) == 0;
            // a header the server refuses before it reads a body may leave the body unread and the connection reset:
            // what is not ASCII goes with bodiless requests only
            headers = [.. headers.Select(header => new KeyValuePair<string, string>(header.Key, Ascii(header.Value)))];
        }

        return new FuzzRequest
        {
            Number = number,
            Method = method,
            Target = target,
            Route = route,
            Headers = headers,
            Token = token,
            Subject = subject,
            ContentType = contentType,
            Body = body,
            BodyKind = bodyKind,
            Chunked = chunked,
        };
    }

    (string Route, string Method, string Target) Route(Random random, string customer)
    {
        var roll = random.Next(100);
        if (roll < 30)
            return ("place", Method(random, "POST"), random.Next(10) == 0 ? "/api/orders/" : "/api/orders");
        if (roll < 45)
            return ("read", Method(random, "GET"), $"/api/orders/{Id(random)}");
        if (roll < 60)
            return ("list", Method(random, "GET"), "/api/orders" + Query(random, customer));
        if (roll < 75)
            return ("change", Method(random, "POST"), $"/api/orders/{Id(random)}/{Pick(random, Actions)}");
        if (roll < 80)
            return ("long path", Method(random, "GET"), LongPath(random));
        return ("odd path", Pick(random, Methods), OddPath(random));
    }

    static string Method(Random random, string usual) => random.Next(10) < 8 ? usual : Pick(random, Methods);

    /// <summary>An order id: half the time one that was placed (anyone's), else a fresh one or something that only looks like one.</summary>
    string Id(Random random)
    {
        var roll = random.Next(100);
        if (roll < 50 && state.AnyOrder(random) is { } known)
            return $"{known.Id}";
        var guid = RandomGuid(random);
        return roll switch
        {
            < 62 => $"{guid}",
            < 66 => $"%7B{guid}%7D",
            < 69 => $"{guid:N}",
            < 71 => $"{guid}".ToUpperInvariant(),
            < 73 => "00000000-0000-0000-0000-000000000000",
            < 75 => $"{random.Next()}",
            < 77 => "-1",
            < 79 => "99999999999999999999999999999999999999",
            < 82 => string.Concat($"{guid}".Select(character => $"%{(int)character:X2}")),
            < 84 => $"{guid}%00",
            < 86 => "null",
            < 88 => "",
            < 90 => "..",
            < 91 => ".",
            < 94 => new string('f', random.Next(37, 3_000)),
            < 97 => Segment(random),
            _ => $"{guid}%20",
        };
    }

    string Query(Random random, string customer)
    {
        var parts = new List<string>();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            parts.Add(random.Next(8) switch
            {
                0 or 1 => "limit=" + Pick(random, Limits),
                2 => "status=" + Pick(random, Statuses),
                3 or 4 => "customerId=" + CustomerIdQuery(random, customer),
                5 => "cursor=" + Cursor(random),
                6 => Segment(random) + "=" + Segment(random),
                _ => "",
            });
        }

        return parts.Count == 0 ? "" : (random.Next(10) == 0 ? "/?" : "?") + string.Join('&', parts);
    }

    static string CustomerIdQuery(Random random, string customer) => random.Next(8) switch
    {
        0 or 1 => Uri.EscapeDataString(customer),
        2 => Uri.EscapeDataString(Pick(random, Customers)),
        3 => "",
        4 => new string('c', 65),
        5 => Pick(random, Limits) + "%00",
        6 => "%FF%FE",
        _ => Uri.EscapeDataString(random.Next(2) == 0 ? Staff : "kunde-ä-日本"),
    };

    /// <summary>A cursor some list returned (perhaps to someone else, perhaps with other filters), or one made up.</summary>
    string Cursor(Random random)
    {
        var roll = random.Next(10);
        if (roll < 4 && state.AnyCursor(random) is { } cursor)
            return Uri.EscapeDataString(cursor);
        return roll switch
        {
            < 6 => RandomBase64Url(random, 34),
            < 8 => RandomBase64Url(random, random.Next(1, 100)),
            8 => "%2B%2F%3D%3D",
            _ => "",
        };
    }

    static string LongPath(Random random) => random.Next(3) switch
    {
        0 => "/api/orders/" + new string('a', random.Next(2_000, 20_000)),
        1 => "/api/orders?customerId=" + new string('c', random.Next(2_000, 20_000)),
        _ => string.Concat(Enumerable.Repeat("/api", random.Next(500, 5_000))),
    };

    string OddPath(Random random) => random.Next(14) switch
    {
        0 => "/",
        1 => "/api",
        2 => "/api/",
        3 => "/api/order",
        4 => $"/api/orders/{Id(random)}/{Pick(random, Actions)}/extra",
        5 => "/api/orders//pay",
        6 => "//api//orders",
        7 => $"/api/%6Frders/{Id(random)}",
        8 => $"/api/orders%2F{Id(random)}",
        9 => $"/api/orders/{Id(random)}/%2e%2e/%2e%2e/x",
        10 => $"/API/ORDERS/{Id(random)}",
        11 => $"/{Segment(random)}/{Segment(random)}",
        12 => "/api/orders/" + string.Join('/', Enumerable.Range(0, random.Next(2, 50)).Select(_ => Segment(random))),
        _ => $"/api/orders/{Id(random)}?{Segment(random)}={Segment(random)}",
    };

    void AddOddHeaders(Random random, List<KeyValuePair<string, string>> headers)
    {
        if (random.Next(4) == 0)
            headers.Add(new(IdempotencyKeyHeader, IdempotencyKey(random)));
        if (random.Next(30) == 0)
            headers.Add(new(IdempotencyKeyHeader, IdempotencyKey(random)));
        if (random.Next(6) == 0)
            headers.Add(new("If-Match", Pick(random, Tags)));
        if (random.Next(6) == 0)
            headers.Add(new("If-None-Match", Pick(random, Tags)));
        if (random.Next(10) == 0)
            headers.Add(new("Accept", Pick(random, Accepts)));
        if (random.Next(12) == 0)
            headers.Add(new($"X-Fuzz-{random.Next(1_000)}", Filler(random, random.Next(1, 12 * 1024))));
        if (random.Next(25) == 0)
        {
            // many headers, within Kestrel's 100
            var count = random.Next(10, 60);
            for (var i = 0; i < count; i++)
                headers.Add(new($"X-Fuzz-{i}", Filler(random, random.Next(1, 100))));
        }

        // within the budget: the largest go first (the token, always first, stays)
        while (headers.Count > 1 && headers.Sum(header => header.Key.Length + header.Value.Length + 4) > HeaderBudget)
        {
            var largest = headers.Skip(1).MaxBy(header => header.Value.Length);
            headers.Remove(largest);
        }
    }

    string IdempotencyKey(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => " ",
        2 => "key with spaces",
        3 => new string('!', 255),
        4 => new string('k', 256),
        5 => new string('k', 4_000),
        6 => "clé",
        7 => "\tkey",
        8 => state.AnyPlacement(random)?.Key ?? "fuzz-reused",
        9 => "key\u007f",
        10 => $"{RandomGuid(random)}",
        _ => Segment(random),
    };

    (TokenKind Kind, string? Header) Authorization(Random random, string customer)
    {
        var kind = PickWeighted(random, TokenKinds);
        var now = DateTimeOffset.UtcNow;
        var header = kind switch
        {
            TokenKind.Customer => Bearer(tokens.For(customer)),
            TokenKind.Staff => Bearer(tokens.For(Staff, staff: true)),
            TokenKind.Missing => null,
            TokenKind.Expired => Bearer(Signed(AccessTokens.Claims(customer, false, now - TimeSpan.FromHours(2), TimeSpan.FromHours(1)))),
            TokenKind.NotYetValid => Bearer(Signed(AccessTokens.Claims(customer, false, now + TimeSpan.FromHours(1), TimeSpan.FromHours(1)))),
            TokenKind.WrongKey => Bearer(AccessTokens.Sign(AccessTokens.Hs256Header, Claims(customer, now).ToJsonString(), RandomBytes(random, 32))),
            TokenKind.WrongIssuer => Bearer(Signed(With(Claims(customer, now), "iss", "https://issuer.example.com/someone-else"))),
            TokenKind.WrongAudience => Bearer(Signed(With(Claims(customer, now), "aud", "another-api"))),
            TokenKind.NoExpiry => Bearer(Signed(Without(Claims(customer, now), "exp"))),
            TokenKind.IdToken => Bearer(Signed(With(Claims(customer, now), "token_use", "id"))),
            TokenKind.Tampered => Bearer(Tampered(random, customer, now)),
            TokenKind.AlgNone => Bearer(Unsigned(random, customer, now)),
            TokenKind.Garbage => Bearer(Garbage(random)),
            TokenKind.OtherScheme => OtherScheme(random, tokens.For(customer)),
            _ => Bearer(Signed(OddClaims(random, customer, now))),
        };
        return (kind, header);
    }

    static string Bearer(string token) => "Bearer " + token;

    string Signed(JsonObject claims) => AccessTokens.Sign(AccessTokens.Hs256Header, claims.ToJsonString(), tokens.SigningKey);

    static JsonObject Claims(string customer, DateTimeOffset now) => AccessTokens.Claims(customer, false, now, TimeSpan.FromHours(1));

    static JsonObject With(JsonObject claims, string name, JsonNode? value)
    {
        claims[name] = value;
        return claims;
    }

    static JsonObject Without(JsonObject claims, string name)
    {
        claims.Remove(name);
        return claims;
    }

    /// <summary>A customer's valid token with its payload changed to name staff (and perhaps someone else), its signature kept.</summary>
    string Tampered(Random random, string customer, DateTimeOffset now)
    {
        var parts = tokens.For(customer).Split('.');
        var forged = AccessTokens.Claims(random.Next(2) == 0 ? customer : Staff, staff: true, now, TimeSpan.FromHours(1));
        return $"{parts[0]}.{AccessTokens.Segment(forged.ToJsonString())}.{parts[2]}";
    }

    static string Unsigned(Random random, string customer, DateTimeOffset now)
    {
        var claims = AccessTokens.Claims(customer, staff: true, now, TimeSpan.FromHours(1)).ToJsonString();
        return random.Next(4) switch
        {
            0 => AccessTokens.Sign("""{"alg":"none","typ":"JWT"}""", claims, null),
            1 => AccessTokens.Sign("""{"alg":"none"}""", claims, null) + RandomBase64Url(random, 43),
            2 => AccessTokens.Sign(AccessTokens.Hs256Header, claims, null),
            _ => AccessTokens.Sign("""{"alg":"NONE","typ":"JWT"}""", claims, null),
        };
    }

    static string Garbage(Random random) => random.Next(12) switch
    {
        0 => "",
        1 => "a",
        2 => "a.b",
        3 => "a.b.c",
        4 => "...",
        5 => $"{RandomBase64Url(random, 20)}.{RandomBase64Url(random, 60)}.{RandomBase64Url(random, 43)}",
        6 => Filler(random, random.Next(1, 200)),
        7 => new string('A', 4_000) + ".b.c",
        8 => $"{AccessTokens.Segment(AccessTokens.Hs256Header)}.{AccessTokens.Segment("[]")}.",
        9 => $"{AccessTokens.Segment(AccessTokens.Hs256Header)}.{AccessTokens.Segment("not json")}.{RandomBase64Url(random, 43)}",
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

    /// <summary>Claims signed with the trusted key that a real issuer would not send: no subject, odd types, odd values.</summary>
    static JsonObject OddClaims(Random random, string customer, DateTimeOffset now)
    {
        var claims = Claims(customer, now);
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
                claims["cognito:groups"] = AccessTokens.StaffGroup;
                break;
            case 9:
                claims["cognito:groups"] = new JsonArray("Staff");
                break;
            case 10:
                claims["cognito:groups"] = new JsonArray(1, null);
                break;
            case 11:
                claims["exp"] = "tomorrow";
                break;
            case 12:
                claims["exp"] = 1e20;
                break;
            case 13:
                claims["aud"] = new JsonArray(AccessTokens.Audience, "another-api");
                break;
            case 14:
                claims["iat"] = (now + TimeSpan.FromDays(365)).ToUnixTimeSeconds();
                break;
            case 15:
                claims["x"] = new string('x', 4_000);
                break;
            case 16:
                claims["token_use"] = "access";
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

    /// <summary>A path segment: unreserved characters, sub-delimiters and percent-encoded bytes of any value.</summary>
    static string Segment(Random random)
    {
        var length = random.Next(1, 40);
        var segment = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            if (random.Next(6) == 0)
                segment.Append('%').Append(Hex(random.Next(256)));
            else
                segment.Append(SegmentCharacters[random.Next(SegmentCharacters.Length)]);
        }

        return segment.ToString();
    }

    static string Hex(int value) => $"{value:X2}";

    static string Filler(Random random, int length)
    {
        var characters = new char[length];
        for (var i = 0; i < length; i++)
            characters[i] = (char)random.Next(0x20, 0x7F);
        return new string(characters);
    }

    /// <summary>The text with what is not printable ASCII replaced.</summary>
    static string Ascii(string text) =>
        string.Create(text.Length, text, (characters, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                characters[i] = (source[i] is (>= ' ' and <= '~') or '\t') ? source[i] : '?';
        });

    static string RandomBase64Url(Random random, int length)
    {
        var characters = new char[length];
        for (var i = 0; i < length; i++)
            characters[i] = Base64UrlCharacters[random.Next(Base64UrlCharacters.Length)];
        return new string(characters);
    }

    static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    static Guid RandomGuid(Random random) => new(RandomBytes(random, 16));

    static T Pick<T>(Random random, T[] choices) => choices[random.Next(choices.Length)];
}
