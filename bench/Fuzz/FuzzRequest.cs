namespace Fuzz;

/// <summary>How a request is authenticated, if at all.</summary>
internal enum TokenKind
{
    /// <summary>A valid token of a customer.</summary>
    Customer,

    /// <summary>A valid token of a member of staff.</summary>
    Staff,

    Missing,
    Expired,
    NotYetValid,
    WrongKey,
    WrongIssuer,
    WrongAudience,
    NoExpiry,
    IdToken,

    /// <summary>A valid token whose payload was changed to name staff, its signature left as it was.</summary>
    Tampered,

    /// <summary>"alg": "none", or no signature.</summary>
    AlgNone,

    Garbage,

    /// <summary>Another scheme than Bearer, or a Bearer header that is not one token.</summary>
    OtherScheme,

    /// <summary>
    /// Signed with the trusted key, with claims the Api does not expect (no sub, odd types): the Api may take or refuse
    /// it, but never fail on it.
    /// </summary>
    OddClaims,
}

/// <summary>A valid write among the random requests: its answer is checked, and its acknowledgement recorded.</summary>
internal enum WriteKind
{
    None,
    Place,
    Replay,
    Pay,
    Cancel,
    Ship,
}

/// <summary>One request of a fuzz run, as generated, and what it takes to judge its answer.</summary>
internal sealed record FuzzRequest
{
    /// <summary>Kestrel's limit on the request line (method, target, version).</summary>
    public const int RequestLineLimit = 8 * 1024;

    /// <summary>The Api's limit on a body.</summary>
    public const int BodyLimit = 64 * 1024;

    public required int Number { get; init; }

    public required string Method { get; init; }

    /// <summary>The path and query, sent as they are.</summary>
    public required string Target { get; init; }

    /// <summary>Which route the request was made for: place, read, list, change, long path or odd path.</summary>
    public required string Route { get; init; }

    public required IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; }

    public required TokenKind Token { get; init; }

    /// <summary>Who a valid token names.</summary>
    public string? Subject { get; init; }

    public string? ContentType { get; init; }

    public byte[]? Body { get; init; }

    public string BodyKind { get; init; } = "none";

    /// <summary>Sent without a Content-Length, in chunks.</summary>
    public bool Chunked { get; init; }

    public WriteKind Write { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>For a replay: the order the first placement with the key made.</summary>
    public Guid? ExpectedId { get; init; }

    public bool ValidToken => Token is TokenKind.Customer or TokenKind.Staff;

    /// <summary>Tokens the Api must refuse: all but valid ones and trusted ones with odd claims.</summary>
    public bool RefusedToken => !ValidToken && Token != TokenKind.OddClaims;

    /// <summary>
    /// Over a limit the server may enforce by answering early and closing the connection before the request is all
    /// read: a body over 64 KiB, a request line over 8 KiB.
    /// </summary>
    public bool OverLimits => Body is { Length: > BodyLimit } || Method.Length + Target.Length + " HTTP/1.1".Length + 1 > RequestLineLimit;

    public string Operation => Write == WriteKind.None ? "random" : $"valid {Write}";

    /// <summary>What the request was, on one line, for a report; run with the same seed, the same number makes it again.</summary>
    public string Describe()
    {
        var parts = new List<string> { $"route {Route}", $"token {Token}" };
        if (Subject is not null)
            parts.Add($"as {Subject}");
        parts.Add(Body is null ? "no body" : $"body {BodyKind} ({Body.Length:N0} bytes{(Chunked ? ", chunked" : "")})");
        if (ContentType is not null)
            parts.Add($"Content-Type '{Abbreviated(ContentType, 60)}'");
        foreach (var (name, value) in Headers.Where(header => header.Key != "Authorization"))
            parts.Add($"{name} '{Abbreviated(value, 40)}'");
        return $"#{Number} {Method} {Abbreviated(Target, 160)} ({string.Join("; ", parts)})";
    }

    static string Abbreviated(string text, int length) =>
        text.Length <= length ? text : $"{text.AsSpan(0, length)}… ({text.Length:N0} characters)";
}
