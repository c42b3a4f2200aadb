using System.Globalization;

namespace OrdersClient;

/// <summary>The Api's resident memory (VmRSS, in KiB) <see cref="At"/> that long into the run.</summary>
internal sealed record MemorySample(TimeSpan At, long Kib);

/// <summary>
/// Whether the Api's memory grew under the load. The load's samples in thirds by their order: the first is the warm-up;
/// the memory stayed flat when the median of the last third is at most <see cref="Limit"/> times the median of the
/// second. It takes <see cref="FewestSamples"/>, two a third. Samples after the load (the read-back that follows it)
/// are shown, not judged.
/// </summary>
internal sealed class MemoryVerdict
{
    public const int FewestSamples = 6;

    readonly MemorySample[] _load;
    readonly MemorySample? _afterLoad;

    /// <param name="samples">In the order they were taken.</param>
    /// <param name="loadOver">When the load ended; null when every sample is of the load.</param>
    /// <param name="limit">How far the last third's median may be above the second third's: 1.10 is 10 % more.</param>
    public MemoryVerdict(IEnumerable<MemorySample> samples, TimeSpan? loadOver, double limit)
    {
        var all = samples.ToArray();
        _load = loadOver is { } over ? [.. all.Where(sample => sample.At <= over)] : all;
        _afterLoad = loadOver is { } end ? all.LastOrDefault(sample => sample.At > end) : null;
        Limit = limit;
    }

    public double Limit { get; }

    /// <summary>The samples of the load.</summary>
    public int Samples => _load.Length;

    /// <summary>Whether there are samples enough to judge.</summary>
    public bool Judged => Samples >= FewestSamples;

    public double SecondThirdMedian => Median(_load[Third..(2 * Samples / 3)]);

    public double LastThirdMedian => Median(_load[(2 * Samples / 3)..]);

    public double Ratio => LastThirdMedian / SecondThirdMedian;

    /// <summary>Whether the memory grew; with too few samples it cannot tell, and says it did not.</summary>
    public bool Grew => Judged && Ratio > Limit;

    int Third => Samples / 3;

    /// <summary>A Markdown table of the memory, then the verdict on it.</summary>
    public void Write(TextWriter output)
    {
        output.WriteLine("| Api memory (VmRSS) | MiB | at (s) |");
        output.WriteLine("| --- | --- | --- |");
        if (Samples == 0)
        {
            output.WriteLine("| no sample | | |");
            return;
        }

        // the first of the highest
        var top = _load.Aggregate((highest, sample) => sample.Kib > highest.Kib ? sample : highest);
        Row(output, "first", _load[0]);
        if (Third >= 1)
            Row(output, "after warm-up (the first sample of the second third)", _load[Third]);
        Row(output, "max", top);
        Row(output, "last", _load[^1]);
        if (_afterLoad is not null)
            Row(output, "at the end, after the read-back", _afterLoad);
        if (!Judged)
        {
            output.WriteLine();
            output.WriteLine($"Memory: {Samples} samples, too few to judge (six are needed: run longer, or lower RSS_INTERVAL).");
            return;
        }

        output.WriteLine($"| median of the second third | {Mib(SecondThirdMedian)} | |");
        output.WriteLine($"| median of the last third | {Mib(LastThirdMedian)} | |");
        output.WriteLine();
        var limit = Limit.ToString("0.00##", CultureInfo.InvariantCulture);
        var ratio = Ratio.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine(Grew
            ? $"Memory: **grew** ({Samples} samples; the median of the last third is {ratio} times that of the second, more than {limit})."
            : $"Memory: **flat** ({Samples} samples; the median of the last third is {ratio} times that of the second, at most {limit}).");
    }

    static void Row(TextWriter output, string what, MemorySample sample) =>
        output.WriteLine($"| {what} | {Mib(sample.Kib)} | {Seconds(sample.At)} |");

    static string Mib(double kib) => (kib / 1024).ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds, as the samples' file has them.</summary>
    public static string Seconds(TimeSpan at) => ((long)at.TotalSeconds).ToString(CultureInfo.InvariantCulture);

    static double Median(MemorySample[] samples)
    {
        var sorted = samples.Select(sample => sample.Kib).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}
