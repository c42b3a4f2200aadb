namespace Fuzz;

/// <summary>
/// The method, path and query of a random request: mostly near the real routes, so that the handlers see them, with ids
/// of orders that were placed (anyone's) and ids that only look like ones, odd list queries and cursors real and made
/// up; also unknown routes, dot segments, percent-encodings and very long paths.
/// </summary>
internal sealed class TargetGenerator(FuzzState state)
{
    static readonly string[] Methods =
        ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "FOO", "get", "post", "QUERY", "PROPFIND", "M-SEARCH"];
    static readonly string[] Actions = ["pay", "ship", "cancel", "PAY", "Cancel", "refund", "", "pay/", "pay%00", "p%61y", "ship;x"];
    static readonly string[] Limits =
        ["1", "20", "100", "0", "-1", "101", "abc", "1e3", "2147483648", "", "%31%30", "%205", "5%20", "0x10", "%D9%A3", "1.5", "+5", "05"];
    static readonly string[] Statuses = ["placed", "paid", "shipped", "cancelled", "PAID", "refunded", "", "%00", "paid,placed", "paid%00"];

    /// <summary>Which route the request is made for (place, read, list, change, long path or odd path), its method and its target.</summary>
    public (string Route, string Method, string Target) Next(Random random, string customer)
    {
        var roll = random.Next(100);
        if (roll < 30)
            return ("place", Method(random, "POST"), random.Next(10) == 0 ? "/api/orders/" : "/api/orders");
        if (roll < 45)
            return ("read", Method(random, "GET"), $"/api/orders/{Id(random)}");
        if (roll < 60)
            return ("list", Method(random, "GET"), "/api/orders" + Query(random, customer));
        if (roll < 75)
            return ("change", Method(random, "POST"), $"/api/orders/{Id(random)}/{random.Pick(Actions)}");
        if (roll < 80)
            return ("long path", Method(random, "GET"), LongPath(random));
        return ("odd path", random.Pick(Methods), OddPath(random));
    }

    static string Method(Random random, string usual) => random.Next(10) < 8 ? usual : random.Pick(Methods);

    /// <summary>An order id: half the time one that was placed (anyone's), else a fresh one or something that only looks like one.</summary>
    string Id(Random random)
    {
        var roll = random.Next(100);
        if (roll < 50 && state.AnyOrder(random) is { } known)
            return $"{known.Id}";
        var guid = random.NextGuid();
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
            < 97 => random.Segment(),
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
                0 or 1 => "limit=" + random.Pick(Limits),
                2 => "status=" + random.Pick(Statuses),
                3 or 4 => "customerId=" + CustomerIdQuery(random, customer),
                5 => "cursor=" + Cursor(random),
                6 => random.Segment() + "=" + random.Segment(),
                _ => "",
            });
        }

        return parts.Count == 0 ? "" : (random.Next(10) == 0 ? "/?" : "?") + string.Join('&', parts);
    }

    static string CustomerIdQuery(Random random, string customer) => random.Next(8) switch
    {
        0 or 1 => Uri.EscapeDataString(customer),
        2 => Uri.EscapeDataString(random.Pick(RequestGenerator.Customers)),
        3 => "",
        4 => new string('c', 65),
        5 => random.Pick(Limits) + "%00",
        6 => "%FF%FE",
        _ => Uri.EscapeDataString(random.Next(2) == 0 ? RequestGenerator.Staff : "kunde-ä-日本"),
    };

    /// <summary>A cursor some list returned (perhaps to someone else, perhaps with other filters), or one made up.</summary>
    string Cursor(Random random)
    {
        var roll = random.Next(10);
        if (roll < 4 && state.AnyCursor(random) is { } cursor)
            return Uri.EscapeDataString(cursor);
        return roll switch
        {
            < 6 => random.Base64Url(34),
            < 8 => random.Base64Url(random.Next(1, 100)),
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
        4 => $"/api/orders/{Id(random)}/{random.Pick(Actions)}/extra",
        5 => "/api/orders//pay",
        6 => "//api//orders",
        7 => $"/api/%6Frders/{Id(random)}",
        8 => $"/api/orders%2F{Id(random)}",
        9 => $"/api/orders/{Id(random)}/%2e%2e/%2e%2e/x",
        10 => $"/API/ORDERS/{Id(random)}",
        11 => $"/{random.Segment()}/{random.Segment()}",
        12 => "/api/orders/" + string.Join('/', Enumerable.Range(0, random.Next(2, 50)).Select(_ => random.Segment())),
        _ => $"/api/orders/{Id(random)}?{random.Segment()}={random.Segment()}",
    };
}
