namespace Fuzz;

/// <summary>
/// The headers a random request carries besides its token: Idempotency-Key (odd, repeated, another placement's),
/// If-Match and If-None-Match, Accept, and large or many headers of no meaning, all within Kestrel's limits.
/// </summary>
internal sealed class HeaderGenerator(FuzzState state)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    // what the headers a request is made with may come to, well within Kestrel's 32 KiB
    const int HeaderBudget = 24 * 1024;

    static readonly string[] Accepts = ["application/xml", "*/*", "text/html", "application/json;q=0", "application/problem+json", "garbage"];

    static readonly string[] Tags =
    [
        "*", "\"1\"", "\"2\"", "W/\"1\"", "\"1\", \"2\"", "1", "\"", "\"\"", ",,,", "\"999999999999999999999\"", "W/",
        new string('"', 2_000), "\"" + new string('9', 1_000) + "\"", "*, \"1\"", "\"-1\"", "\"1\"\"2\"",
    ];

    /// <summary>Adds odd headers after those in <paramref name="headers"/>, then drops the largest (never the first) to stay within the budget.</summary>
    public void AddTo(Random random, List<KeyValuePair<string, string>> headers)
    {
        if (random.Next(4) == 0)
            headers.Add(new(IdempotencyKeyHeader, IdempotencyKey(random)));
        if (random.Next(30) == 0)
            headers.Add(new(IdempotencyKeyHeader, IdempotencyKey(random)));
        if (random.Next(6) == 0)
            headers.Add(new("If-Match", random.Pick(Tags)));
        if (random.Next(6) == 0)
            headers.Add(new("If-None-Match", random.Pick(Tags)));
        if (random.Next(10) == 0)
            headers.Add(new("Accept", random.Pick(Accepts)));
        if (random.Next(12) == 0)
            headers.Add(new($"X-Fuzz-{random.Next(1_000)}", random.Filler(random.Next(1, 12 * 1024))));
        if (random.Next(25) == 0)
        {
            // many headers, within Kestrel's 100
            var count = random.Next(10, 60);
            for (var i = 0; i < count; i++)
                headers.Add(new($"X-Fuzz-{i}", random.Filler(random.Next(1, 100))));
        }

        // the largest go first; the first, the token when there is one, stays
        while (headers.Count > 1 && headers.Sum(header => header.Key.Length + header.Value.Length + 4) > HeaderBudget)
        {
            var largest = headers.Skip(1).MaxBy(header => header.Value.Length);
            headers.Remove(largest);
        }
    }

    /// <summary>The text with what is not printable ASCII replaced.</summary>
    public static string Ascii(string text) =>
        string.Create(text.Length, text, (characters, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                characters[i] = (source[i] is (>= ' ' and <= '~') or '\t') ? source[i] : '?';
        });

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
        10 => $"{random.NextGuid()}",
        _ => random.Segment(),
    };
}
