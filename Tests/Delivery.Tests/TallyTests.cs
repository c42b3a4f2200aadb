using Orders.Tally;

namespace Delivery.Tests;

/// <summary>.ci/run's count of a test run, from the reports dotnet test and Vitest write.</summary>
public sealed class TallyTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("orders-tally-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_trx_report_of_a_folder_adds_up_and_an_error_timeout_or_abort_counts_as_failed()
    {
        Write("first.trx", Trx(total: 12, executed: 10, passed: 7, failed: 1, error: 1, timeout: 1));
        Write("second.trx", Trx(total: 5, executed: 5, passed: 4, aborted: 1));
        Write("notes.txt", "not a report");

        var counts = Reports.FromTrxFolder(_folder);

        Assert.Equal(new Counts(Passed: 11, Failed: 4, Executed: 15), counts);
        Assert.Equal("11 passed, 4 failed", counts.ToString());
    }

    [Fact]
    public void A_folder_without_a_trx_report_is_refused_with_the_likely_reason()
    {
        var failure = Assert.Throws<InvalidDataException>(() => Reports.FromTrxFolder(_folder));

        Assert.Contains("holds no .trx report: did the build fail?", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_trx_report_cut_off_before_its_summary_is_refused()
    {
        Write("cut.trx", """<TestRun xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010"><Results /></TestRun>""");

        var failure = Assert.Throws<InvalidDataException>(() => Reports.FromTrxFolder(_folder));

        Assert.Contains("has no ResultSummary/Counters", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vitest_todo_counts_as_not_passed()
    {
        var report = Write("vitest.json", """{"numTotalTests": 9, "numPassedTests": 6, "numFailedTests": 1, "numTodoTests": 2, "numPendingTests": 0}""");

        Assert.Equal(new Counts(Passed: 6, Failed: 3, Executed: 9), Reports.FromVitestJson(report));
    }

    [Fact]
    public void A_json_file_that_is_not_vitests_report_is_refused()
    {
        var report = Write("other.json", """{"tests": 3}""");

        var failure = Assert.Throws<InvalidDataException>(() => Reports.FromVitestJson(report));

        Assert.Contains("has no numPassedTests", failure.Message, StringComparison.Ordinal);
    }

    string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    // the shape dotnet test's trx logger writes, cut to what is counted
    static string Trx(int total, int executed, int passed, int failed = 0, int error = 0, int timeout = 0, int aborted = 0) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <TestRun id="00000000-0000-0000-0000-000000000000" name="run" xmlns="http://microsoft.com/schemas/VisualStudio/TeamTest/2010">
          <ResultSummary outcome="{(failed + error + timeout + aborted > 0 ? "Failed" : "Completed")}">
            <Counters total="{total}" executed="{executed}" passed="{passed}" failed="{failed}" error="{error}" timeout="{timeout}" aborted="{aborted}" inconclusive="0" passedButRunAborted="0" notRunnable="0" notExecuted="{total - executed}" disconnected="0" warning="0" completed="0" inProgress="0" pending="0" />
          </ResultSummary>
        </TestRun>
        """;
}
