using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace Orders.Tally;

/// <summary>The reports a test run writes, read into <see cref="Counts"/>; a report that cannot be read says why.</summary>
public static class Reports
{
    static readonly XNamespace Trx = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    // outcomes that are not a pass: a test that errored, timed out or was aborted failed as surely as one that failed
    static readonly string[] NotPassed = ["failed", "error", "timeout", "aborted"];

    /// <summary>Every .trx report in a folder, added up.</summary>
    public static Counts FromTrxFolder(string folder)
    {
        var reports = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.trx") : [];
        return reports.Length == 0
            ? throw new InvalidDataException($"{folder} holds no .trx report: did the build fail?")
            : reports.Select(FromTrx).Aggregate((total, next) => total + next);
    }

    public static Counts FromTrx(string path)
    {
        var counters = XDocument.Load(path).Root?.Element(Trx + "ResultSummary")?.Element(Trx + "Counters")
            ?? throw new InvalidDataException($"{path} has no ResultSummary/Counters: it is not a complete trx report.");
        int Count(string name) =>
            int.TryParse((string?)counters.Attribute(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : 0;
        return new Counts(Count("passed"), NotPassed.Sum(Count), Count("executed"));
    }

    /// <summary>Vitest's JSON report (--reporter=json): a todo counts as not passed, as a test that is not there yet.</summary>
    public static Counts FromVitestJson(string path)
    {
        using var report = JsonDocument.Parse(File.ReadAllText(path));
        var root = report.RootElement;
        int Count(string name) => root.TryGetProperty(name, out var value) && value.TryGetInt32(out var count)
            ? count
            : throw new InvalidDataException($"{path} has no {name}: it is not Vitest's JSON report.");
        return new Counts(Count("numPassedTests"), Count("numFailedTests") + Count("numTodoTests"), Count("numTotalTests"));
    }
}
