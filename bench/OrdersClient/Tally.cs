using System.Collections.Concurrent;

namespace OrdersClient;

/// <summary>
/// What a run's requests came to: answers by status and by operation, transport errors, and the failures with what
/// caused them (the first few kept in full).
/// </summary>
internal sealed class Tally
{
    const int FailuresKept = 40;

    readonly ConcurrentDictionary<int, long> _statuses = new();
    readonly ConcurrentDictionary<(string Operation, string Outcome), long> _outcomes = new();
    readonly ConcurrentQueue<string> _failures = new();
    long _requests;
    long _transportErrors;
    long _failureCount;

    public long Requests => Interlocked.Read(ref _requests);

    public long TransportErrors => Interlocked.Read(ref _transportErrors);

    public long Failures => Interlocked.Read(ref _failureCount);

    public long ServerErrors => _statuses.Where(status => status.Key >= 500).Sum(status => status.Value);

    /// <summary>The first failures, in full.</summary>
    public string[] FirstFailures => [.. _failures];

    public void Count(string operation, Answer answer)
    {
        Interlocked.Increment(ref _requests);
        if (answer.Arrived)
        {
            _statuses.AddOrUpdate(answer.Status, 1, (_, count) => count + 1);
            _outcomes.AddOrUpdate((operation, $"{answer.Status}"), 1, (_, count) => count + 1);
        }
        else
        {
            Interlocked.Increment(ref _transportErrors);
            _outcomes.AddOrUpdate((operation, "transport error"), 1, (_, count) => count + 1);
        }
    }

    public void Fail(string description)
    {
        if (Interlocked.Increment(ref _failureCount) <= FailuresKept)
            _failures.Enqueue(description);
    }

    /// <summary>A Markdown table of the answers by status.</summary>
    public void WriteStatuses(TextWriter output)
    {
        output.WriteLine("| status | answers |");
        output.WriteLine("| --- | --- |");
        foreach (var (status, count) in _statuses.OrderBy(entry => entry.Key))
            output.WriteLine($"| {status} | {count:N0} |");
        if (TransportErrors > 0)
            output.WriteLine($"| transport error | {TransportErrors:N0} |");
    }

    /// <summary>A Markdown table of the answers to each operation, by status.</summary>
    public void WriteOperations(TextWriter output)
    {
        output.WriteLine("| operation | answers |");
        output.WriteLine("| --- | --- |");
        foreach (var operation in _outcomes.GroupBy(entry => entry.Key.Operation).OrderBy(group => group.Key, StringComparer.Ordinal))
        {
            var outcomes = operation.OrderBy(entry => entry.Key.Outcome, StringComparer.Ordinal).Select(entry => $"{entry.Key.Outcome} × {entry.Value:N0}");
            output.WriteLine($"| {operation.Key} | {string.Join(", ", outcomes)} |");
        }
    }

    /// <summary>A Markdown list of the first failures, or nothing when there were none.</summary>
    public void WriteFailures(TextWriter output)
    {
        if (Failures == 0)
            return;
        output.WriteLine();
        output.WriteLine($"Failures ({Math.Min(Failures, FailuresKept)} of {Failures:N0}):");
        output.WriteLine();
        foreach (var failure in _failures)
            output.WriteLine($"- {failure}");
    }
}

/// <summary>How long requests took, kept by each worker on its own (no locking) and put together at the end.</summary>
internal sealed class Latencies
{
    readonly List<(double At, double Milliseconds)> _samples = [];

    /// <summary>A request that took <paramref name="took"/>, answered <paramref name="at"/> into the run.</summary>
    public void Add(TimeSpan at, TimeSpan took) => _samples.Add((at.TotalSeconds, took.TotalMilliseconds));

    /// <summary>p50 and p99 of every request, and of those in each third of <paramref name="duration"/>.</summary>
    public static LatencySummary Summarize(IEnumerable<Latencies> workers, TimeSpan duration)
    {
        var all = workers.SelectMany(worker => worker._samples).ToList();
        var third = duration.TotalSeconds / 3;
        var thirds = Enumerable.Range(0, 3)
            .Select(part => Percentiles(all.Where(sample => ThirdOf(sample.At, third) == part).Select(sample => sample.Milliseconds)))
            .ToList();
        return new LatencySummary(Percentiles(all.Select(sample => sample.Milliseconds)), thirds);
    }

    static int ThirdOf(double at, double third) => third <= 0 ? 0 : Math.Min((int)(at / third), 2);

    static Percentile Percentiles(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Percentile(At(sorted, 0.50), At(sorted, 0.99));
    }

    // nearest rank
    static double At(double[] sorted, double fraction) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
}

internal readonly record struct Percentile(double P50, double P99)
{
    public override string ToString() => double.IsNaN(P50) ? "none" : $"{P50:0.0} ms, {P99:0.0} ms";
}

internal sealed record LatencySummary(Percentile All, IReadOnlyList<Percentile> Thirds);
