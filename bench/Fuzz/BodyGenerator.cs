using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Fuzz;

/// <summary>
/// Request bodies: valid orders, and orders made wrong every way a client can: wrong types, odd numbers, deep nesting,
/// bytes that are not UTF-8, cut short, over 64 KiB (and exactly 64 KiB), odd fields, things that are not an order, and
/// random bytes. Each comes with its kind, for the report.
/// </summary>
internal static class BodyGenerator
{
    const int Limit = FuzzRequest.BodyLimit;

    static readonly string[] Skus = ["BOOK", "PEN", "MUG", "SKU-ö", "A"];
    // prices a valid order may have, written as clients write them
    static readonly string[] Prices = ["0", "1", "0.99", "12.5", "12.50", "19.99", "10000000", "1.0"];
    static readonly string[] Currencies = ["EUR", "USD", "GBP", "JPY"];

    static readonly string[] OddValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "\"\"", "\" \"", "\"2\"", "\"12.50\"", "\"EUR\"", "[]", "{}", "[1,\"a\",null]",
        "{\"sku\":\"A\"}", "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0007\"", "\"😀\"", "\"" + new string('x', 65) + "\"",
        "\"" + new string('x', 5000) + "\"", "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10", "1e2", "\"\\\"", "'EUR'",
        "EUR", "nul", "tru", "\"\\x41\"", "\"\\u12\"",
    ];

    static readonly string[] OddNumbers =
    [
        "0", "1000", "1001", "-0", "-1", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775808", "1e309", "-1e309",
        "1e-400", "1E+2", "1.0", "1.00000000000000000000000000001", "99999999999999999999999999999999999999", "79228162514264337593543950335",
        "79228162514264337593543950336", "-79228162514264337593543950336", "7.9228162514264337593543950335E+28", "10000000", "10000000.00",
        "10000000.01", "9999999.99", "0.001", "0.005", "1.005", "0.1e1", "123456789012345678901234567890.5", "1" + new string('0', 400),
        "0." + new string('0', 400) + "1", "1e2147483648", "-0.00",
    ];

    static readonly byte[][] NotUtf8 =
    [
        [0xFF], [0xFE], [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80],
        [0xEF, 0xBB],
    ];

    static readonly string[] NotOrders =
    [
        "", " ", "\t\r\n ", "null", "true", "0", "\"order\"", "[]", "{}", "[{}]", "{", "}", "[", "{\"a\":1,}", "{'currency':'EUR'}",
        "customerId=x&currency=EUR", "<order><currency>EUR</currency></order>", "NaN", "{\"currency\":\"EUR\",\"lines\":[]} x",
        "{\"currency\":\"EUR\"}{\"currency\":\"EUR\"}", "/* an order */ {\"currency\":\"EUR\"}", "{\"\\u0000\":1}",
    ];

    static readonly int[] Depths = [64, 65, 100, 1_000, 10_000];
    static readonly string[] OddCurrencies = ["\"eur\"", "\"EURO\"", "\"€\"", "\"E1R\"", "\"\""];
    static readonly string[] OddCustomerIds = ["\"\"", "\"  \"", "\"c\\u0000\"", "null"];
    static readonly string[] EdgeQuantities = ["0", "1000", "1001"];
    static readonly string[] EdgePrices = ["-0.01", "1.005", "0"];

    static readonly (string Kind, int Weight)[] Kinds =
    [
        ("valid", 12), ("another customer's", 3), ("wrong type", 12), ("odd number", 8), ("deep nesting", 5), ("not UTF-8", 7),
        ("cut short", 8), ("over 64 KiB", 4), ("exactly 64 KiB", 2), ("odd field", 12), ("not an order", 13), ("random bytes", 8),
    ];

    /// <summary>A valid order of one to four lines; the customer id left out when null.</summary>
    public static string ValidOrder(Random random, string? customerId) =>
        Order(customerId is null ? null : Quote(customerId), Quote(random.Pick(Currencies)), ValidLines(random, random.Next(1, 5)));

    /// <summary>A body of a random kind, for <paramref name="owner"/> (or naming <paramref name="someoneElse"/>).</summary>
    public static (string Kind, byte[] Body) Next(Random random, string owner, string someoneElse)
    {
        var kind = random.PickWeighted(Kinds);
        var customerId = random.Next(3) == 0 ? null : Quote(owner);
        var currency = Quote(random.Pick(Currencies));
        var body = kind switch
        {
            "valid" => Utf8(ValidOrder(random, random.Next(2) == 0 ? owner : null)),
            "another customer's" => Utf8(ValidOrder(random, someoneElse)),
            "wrong type" => Utf8(WrongType(random, customerId, currency)),
            "odd number" => Utf8(OddNumber(random, customerId, currency)),
            "deep nesting" => Utf8(DeepNesting(random, customerId, currency)),
            "not UTF-8" => NotUtf8Body(random, ValidOrder(random, random.Next(2) == 0 ? owner : null)),
            "cut short" => CutShort(random, Utf8(ValidOrder(random, owner))),
            "over 64 KiB" => Utf8(OverLimit(random, customerId, currency)),
            "exactly 64 KiB" => Utf8(Padded(ValidOrder(random, random.Next(2) == 0 ? owner : null), Limit + random.Next(0, 2))),
            "odd field" => Utf8(OddField(random, customerId, currency)),
            "not an order" => Utf8(NotAnOrder(random, owner)),
            _ => RandomBytes(random),
        };
        // "exactly 64 KiB" is a byte over half the time
        return (kind == "exactly 64 KiB" && body.Length > Limit ? "64 KiB and a byte" : kind, body);
    }

    static string WrongType(Random random, string? customerId, string currency)
    {
        var odd = random.Pick(OddValues);
        var line = ValidLine(random);
        return random.Next(8) switch
        {
            0 => Order(odd, currency, "[" + line + "]"),
            1 => Order(customerId, odd, "[" + line + "]"),
            2 => Order(customerId, currency, odd),
            3 => Order(customerId, currency, "[" + line + "," + odd + "]"),
            4 => Order(customerId, currency, "[" + Line(odd, "1", "1") + "]"),
            5 => Order(customerId, currency, "[" + Line(Quote("A"), odd, "1") + "]"),
            6 => Order(customerId, currency, "[" + Line(Quote("A"), "1", odd) + "]"),
            _ => odd,
        };
    }

    static string OddNumber(Random random, string? customerId, string currency)
    {
        var odd = random.Pick(OddNumbers);
        return random.Next(5) switch
        {
            0 => Order(customerId, currency, "[" + Line(Quote("A"), odd, "1") + "]"),
            1 => Order(customerId, currency, "[" + Line(Quote("A"), "1", odd) + "]"),
            2 => Order(customerId, currency, "[" + Line(Quote("A"), odd, odd) + "]"),
            // the largest order there is: 100 lines of 1000 at the highest price
            3 => Order(customerId, currency, "[" + string.Join(',', Enumerable.Range(0, 100).Select(i => Line(Quote($"MAX-{i}"), "1000", "10000000"))) + "]"),
            _ => Order(customerId, currency, "[" + Line(Quote("A"), "1", odd) + "," + Line(Quote("B"), odd, "0.01") + "]"),
        };
    }

    static string DeepNesting(Random random, string? customerId, string currency)
    {
        var depth = random.Pick(Depths);
        var arrays = new string('[', depth) + new string(']', depth);
        var objects = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        return random.Next(4) switch
        {
            0 => arrays,
            1 => Order(customerId, currency, arrays),
            2 => Order(customerId, currency, "[" + Line(arrays, "1", "1") + "]"),
            _ => Order(customerId, currency, "[" + ValidLine(random) + "]", ",\"extra\":" + objects),
        };
    }

    static byte[] NotUtf8Body(Random random, string valid)
    {
        var bytes = Utf8(valid);
        var bad = random.Next(4) == 0 ? RandomHighBytes(random) : random.Pick(NotUtf8);
        // inside a string (the first SKU's) or anywhere
        var sku = valid.IndexOf("\"sku\":\"", StringComparison.Ordinal);
        var at = random.Next(2) == 0 && sku >= 0 ? sku + "\"sku\":\"".Length : random.Next(bytes.Length + 1);
        var body = new byte[bytes.Length + bad.Length];
        bytes.AsSpan(0, at).CopyTo(body);
        bad.CopyTo(body.AsSpan(at));
        bytes.AsSpan(at).CopyTo(body.AsSpan(at + bad.Length));
        return body;
    }

    static byte[] CutShort(Random random, byte[] valid) => valid[..random.Next(valid.Length)];

    static string OverLimit(Random random, string? customerId, string currency) => random.Next(3) switch
    {
        // valid JSON but for its size: whitespace
        0 => Padded(Order(customerId, currency, ValidLines(random, 2)), Limit + random.Next(1, 256 * 1024)),
        // 1,500 lines
        1 => Order(customerId, currency, ValidLines(random, 1_500)),
        _ => Order(customerId, currency, "[" + Line(Quote(new string('s', Limit + random.Next(1, 64 * 1024))), "1", "1") + "]"),
    };

    /// <summary>The JSON with whitespace before its closing brace, to <paramref name="length"/> bytes in all.</summary>
    static string Padded(string json, int length) =>
        string.Concat(json.AsSpan(0, json.Length - 1), new string(' ', Math.Max(0, length - Encoding.UTF8.GetByteCount(json))), "}");

    static string OddField(Random random, string? customerId, string currency)
    {
        var line = ValidLine(random);
        return random.Next(24) switch
        {
            0 => Order(customerId, currency, ValidLines(random, 101)),
            1 => Order(customerId, currency, ValidLines(random, 100)),
            2 => Order(customerId, currency, "[]"),
            3 => Order(customerId, currency, "[" + Line(Quote(new string('s', 64)), "1", "1") + "]"),
            4 => Order(customerId, currency, "[" + Line(Quote(new string('s', 65)), "1", "1") + "]"),
            5 => Order(customerId, currency, "[" + Line("\"\"", "1", "1") + "]"),
            6 => Order(customerId, currency, "[" + Line("\"A\\u0007\"", "1", "1") + "]"),
            7 => Order(customerId, currency, "[" + Line("\"   \"", "1", "1") + "]"),
            8 => Order(customerId, random.Pick(OddCurrencies), "[" + line + "]"),
            9 => Order(Quote(new string('c', 64)), currency, "[" + line + "]"),
            10 => Order(random.Pick(OddCustomerIds), currency, "[" + line + "]"),
            11 => Order(customerId, currency, "[" + line + "]", ",\"note\":\"x\""),
            12 => Order(customerId, currency, "[" + Open(line) + ",\"qty\":1}]"),
            13 => Order(customerId, currency, "[" + line + "]", ",\"currency\":" + currency),
            14 => Order(customerId, currency, "[" + Open(line) + ",\"sku\":\"B\"}]"),
            15 => Order(customerId, currency, "null"),
            16 => Order(customerId, currency, "[null]"),
            17 => Order(customerId, currency, "[" + Line(Quote("A"), random.Pick(EdgeQuantities), "1") + "]"),
            18 => Order(customerId, currency, "[" + Line(Quote("A"), "1", random.Pick(EdgePrices)) + "]"),
            19 => Order(customerId, currency, "[" + line + "]", ",\"Currency\":" + currency),
            20 => Order(customerId, currency, "[" + Line("\"\\u00e9\\ud83d\\ude00\"", "1", "1") + "]"),
            21 => "{\"CURRENCY\":" + currency + ",\"LINES\":[" + line + "]}",
            22 => Order(customerId, currency, "[" + line + "]", ",\"" + new string('k', 10_000) + "\":1"),
            _ => "{\"lines\":[" + line + "]}",
        };
    }

    static string NotAnOrder(Random random, string owner) => random.Next(4) switch
    {
        // with a byte order mark
        0 => "\uFEFF" + ValidOrder(random, owner),
        _ => random.Pick(NotOrders),
    };

    static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 4_096)];
        if (random.Next(2) == 0)
        {
            random.NextBytes(bytes);
        }
        else
        {
            // printable ASCII, which looks more like JSON
            for (var i = 0; i < bytes.Length; i++)
                bytes[i] = (byte)random.Next(0x20, 0x7F);
        }

        return bytes;
    }

    static byte[] RandomHighBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 9)];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)random.Next(0x80, 0x100);
        return bytes;
    }

    static string Order(string? customerId, string currency, string lines, string extra = "") =>
        "{" + (customerId is null ? "" : "\"customerId\":" + customerId + ",") + "\"currency\":" + currency + ",\"lines\":" + lines + extra + "}";

    static string Line(string sku, string quantity, string unitPrice) =>
        "{\"sku\":" + sku + ",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice + "}";

    static string ValidLine(Random random) =>
        Line(Quote(random.Pick(Skus)), random.Next(1, 10).ToString(CultureInfo.InvariantCulture), random.Pick(Prices));

    static string ValidLines(Random random, int count) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(_ => ValidLine(random))) + "]";

    // a line without its closing brace, for a field more
    static string Open(string line) => line.TrimEnd('}');

    static string Quote(string text) => "\"" + JsonEncodedText.Encode(text).Value + "\"";

    static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
