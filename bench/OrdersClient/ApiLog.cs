namespace OrdersClient;

/// <summary>
/// The errors in the Api's log: the lines the console logger begins with fail: (Error) or crit: (Critical), each shown
/// with the lines that follow it, where the logger puts the message and the exception.
/// </summary>
internal sealed class ApiLog(IReadOnlyList<string> lines)
{
    const int LinesAfter = 3;
    const int ExcerptLines = 40;

    /// <summary>The log as it is now; the Api may still be writing to it.</summary>
    public static ApiLog Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
            lines.Add(line);
        return new ApiLog(lines);
    }

    public int Errors => lines.Count(IsError);

    /// <summary>The first lines of the errors, each with the three lines after it, and -- between lines apart (as grep -A 3 shows them).</summary>
    public IEnumerable<string> Excerpt()
    {
        var shown = new List<string>();
        var showUntil = -1;
        var lastShown = -1;
        for (var i = 0; i < lines.Count && shown.Count < ExcerptLines; i++)
        {
            if (IsError(lines[i]))
                showUntil = i + LinesAfter;
            if (i > showUntil)
                continue;
            if (lastShown >= 0 && i > lastShown + 1)
                shown.Add("--");
            shown.Add(lines[i]);
            lastShown = i;
        }

        return shown.Take(ExcerptLines);
    }

    static bool IsError(string line) => line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
}
