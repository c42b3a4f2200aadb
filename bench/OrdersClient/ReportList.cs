namespace OrdersClient;

/// <summary>A list under a run's report, the first 40 items of it; nothing when it is empty.</summary>
internal static class ReportList
{
    public static void Write(TextWriter output, string title, IReadOnlyList<string> items)
    {
        if (items.Count == 0)
            return;
        output.WriteLine();
        output.WriteLine($"{title} ({items.Count:N0}, the first 40):");
        output.WriteLine();
        foreach (var item in items.Take(40))
            output.WriteLine($"- {item}");
    }
}
