using System.Text;
using OrdersClient;

namespace Fuzz;

/// <summary>
/// Makes request number n of a run from the run's seed and n alone, so that a failing request can be made again: the
/// same seed makes the same requests, but for the ids, keys and cursors of orders placed during the run, which they
/// reuse. Every fifth is a valid write (a placement, a replay of one, or paying, cancelling or shipping an order that
/// was placed); the others are random: methods, paths (<see cref="TargetGenerator"/>), headers
/// (<see cref="HeaderGenerator"/>), tokens (<see cref="TokenGenerator"/>) and bodies (<see cref="BodyGenerator"/>).
/// </summary>
internal sealed class RequestGenerator(Callers callers, FuzzState state, int seed)
{
    public const string Staff = "fuzz-staff";

    public static readonly string[] Customers = ["fuzz-customer-1", "fuzz-customer-2", "fuzz-customer-3", "fuzz-customer-4"];

    static readonly (string? Value, int Weight)[] ContentTypes =
    [
        ("application/json", 55), ("application/json; charset=utf-8", 8), (null, 6), ("text/plain", 3), ("application/xml", 2),
        ("application/x-www-form-urlencoded", 2), ("multipart/form-data; boundary=fuzz", 2), ("application/json; charset=utf-16", 2),
        ("application/json; charset=iso-8859-1", 2), ("application/json; charset=fuzz", 2), ("application/json; charset=\"utf-8\"", 2),
        ("application/problem+json", 2), ("application/vnd.orders+json", 2), ("APPLICATION/JSON", 2), ("application/json;;", 1),
        ("application/json; charset=", 1), (";", 1), ("application/*", 1), ("*/*", 1), ("application/json, text/plain", 1), ("json", 1),
        ("", 1),
    ];

    readonly TargetGenerator _targets = new(state);
    readonly HeaderGenerator _headers = new(state);
    readonly TokenGenerator _tokens = new(callers);

    public FuzzRequest Next(int number)
    {
        // the same every time for the same seed and number
        var random = new Random(unchecked((seed * 1_000_003) + number));
        return number % FuzzSettings.ValidWriteEvery == 0 ? ValidWrite(number, random) : RandomRequest(number, random);
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

        var customer = random.Pick(Customers);
        var key = random.Next(2) == 0 ? $"fuzz-{seed}-{number}" : null;
        var body = Encoding.UTF8.GetBytes(BodyGenerator.ValidOrder(random, random.Next(2) == 0 ? customer : null));
        return Valid(number, WriteKind.Place, "/api/orders", customer, body, key);
    }

    FuzzRequest Valid(int number, WriteKind write, string target, string subject, byte[]? body, string? key)
    {
        var staff = write == WriteKind.Ship;
        var headers = new List<KeyValuePair<string, string>> { new("Authorization", $"Bearer {callers.Of(subject, staff).Token}") };
        if (key is not null)
            headers.Add(new(HeaderGenerator.IdempotencyKeyHeader, key));
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
        var customer = random.Pick(Customers);
        var (token, authorization) = _tokens.Next(random, customer);
        var subject = token switch
        {
            TokenKind.Customer => customer,
            TokenKind.Staff => Staff,
            _ => null,
        };
        var (route, method, target) = _targets.Next(random, customer);

        var headers = new List<KeyValuePair<string, string>>();
        if (authorization is not null)
            headers.Add(new("Authorization", authorization));
        _headers.AddTo(random, headers);

        byte[]? body = null;
        var bodyKind = "none";
        string? contentType = null;
        var chunked = false;
        var takesBody = (method is "POST" or "PUT" or "PATCH") ? random.Next(10) < 9 : (method is "GET" or "DELETE") && random.Next(10) == 0;
        if (takesBody)
        {
            (bodyKind, body) = BodyGenerator.Next(random, customer, random.Pick(Customers));
            contentType = random.PickWeighted(ContentTypes);
            chunked = random.Next(8) == 0;
            // a header the server refuses before it reads a body may leave the body unread and the connection reset:
            // what is not ASCII goes with bodiless requests only
            headers = [.. headers.Select(header => new KeyValuePair<string, string>(header.Key, HeaderGenerator.Ascii(header.Value)))];
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
}
