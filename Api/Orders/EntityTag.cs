namespace Api.Orders;

/// <summary>Strong entity tags from an order's version, and the comparisons RFC 9110 asks of If-Match and If-None-Match.</summary>
public static class EntityTag
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>True when an If-None-Match header lists the tag (weak comparison) or is "*".</summary>
    public static bool NoneMatchHits(string? ifNoneMatch, int version) =>
        ifNoneMatch is not null && Tags(ifNoneMatch).Any(tag => tag == "*" || StripWeak(tag) == For(version));

    /// <summary>True when there is no If-Match header, or it lists the tag (strong comparison) or is "*".</summary>
    public static bool MatchAllows(string? ifMatch, int version) =>
        ifMatch is null || Tags(ifMatch).Any(tag => tag == "*" || tag == For(version));

    static string[] Tags(string header) =>
        header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    static string StripWeak(string tag) => tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag;
}
