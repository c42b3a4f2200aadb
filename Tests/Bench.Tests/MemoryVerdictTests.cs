using OrdersClient;

namespace Bench.Tests;

public sealed class MemoryVerdictTests
{
    const double Limit = 1.10;

    static MemorySample[] Samples(params long[] mib) =>
        [.. mib.Select((value, index) => new MemorySample(TimeSpan.FromSeconds(index * 15), value * 1024))];

    static string Written(MemoryVerdict verdict)
    {
        using var output = new StringWriter { NewLine = "\n" };
        verdict.Write(output);
        return output.ToString();
    }

    [Fact]
    public void Memory_that_settles_after_the_warm_up_stayed_flat()
    {
        var verdict = new MemoryVerdict(Samples(40, 50, 55, 56, 57, 56, 57, 58, 57), loadOver: null, Limit);

        Assert.True(verdict.Judged);
        Assert.False(verdict.Grew);
        Assert.Equal(56 * 1024, verdict.SecondThirdMedian);
        Assert.Equal(57 * 1024, verdict.LastThirdMedian);
        Assert.EndsWith("Memory: **flat** (9 samples; the median of the last third is 1.018 times that of the second, at most 1.10).\n", Written(verdict));
    }

    [Fact]
    public void Memory_that_keeps_rising_grew()
    {
        var verdict = new MemoryVerdict(Samples(40, 50, 60, 60, 70, 86), loadOver: null, Limit);

        Assert.True(verdict.Grew);
        Assert.Equal(1.3, verdict.Ratio, precision: 3);
        Assert.EndsWith("Memory: **grew** (6 samples; the median of the last third is 1.300 times that of the second, more than 1.10).\n", Written(verdict));
    }

    [Fact]
    public void A_rise_of_exactly_the_limit_is_still_flat()
    {
        var verdict = new MemoryVerdict(Samples(10, 10, 100, 100, 125, 125), loadOver: null, limit: 1.25);

        Assert.Equal(1.25, verdict.Ratio);
        Assert.False(verdict.Grew);
    }

    [Fact]
    public void Fewer_than_six_samples_are_too_few_to_judge_and_do_not_fail()
    {
        var verdict = new MemoryVerdict(Samples(40, 80, 160, 320, 640), loadOver: null, Limit);

        Assert.False(verdict.Judged);
        Assert.False(verdict.Grew);
        var written = Written(verdict);
        Assert.EndsWith("\nMemory: 5 samples, too few to judge (six are needed: run longer, or lower RSS_INTERVAL).\n", written);
        Assert.DoesNotContain("median", written, StringComparison.Ordinal);
    }

    [Fact]
    public void The_read_back_after_the_load_is_shown_and_not_judged()
    {
        // flat during the load (up to 75 s), then the read-back doubles the memory
        var samples = Samples(40, 50, 50, 50, 50, 50, 100, 110);
        var loadOver = TimeSpan.FromSeconds(80);

        var verdict = new MemoryVerdict(samples, loadOver, Limit);

        Assert.Equal(6, verdict.Samples);
        Assert.False(verdict.Grew);
        var written = Written(verdict);
        Assert.Contains("| last | 50.0 | 75 |\n", written, StringComparison.Ordinal);
        Assert.Contains("| at the end, after the read-back | 110.0 | 105 |\n", written, StringComparison.Ordinal);
        Assert.True(new MemoryVerdict(samples, loadOver: null, Limit).Grew, "Counted with the load, the read-back's samples would have made it grow.");
    }

    [Fact]
    public void The_table_shows_the_first_the_warm_up_the_highest_the_last_and_the_medians()
    {
        long[] kib = [1024, 2048, 3072, 2048, 3072, 2048];
        var samples = kib.Select((value, index) => new MemorySample(TimeSpan.FromSeconds(index * 5 + 0.9), value));

        var written = Written(new MemoryVerdict(samples, loadOver: null, Limit));

        Assert.Equal(
            """
            | Api memory (VmRSS) | MiB | at (s) |
            | --- | --- | --- |
            | first | 1.0 | 0 |
            | after warm-up (the first sample of the second third) | 3.0 | 10 |
            | max | 3.0 | 10 |
            | last | 2.0 | 25 |
            | median of the second third | 2.5 | |
            | median of the last third | 2.5 | |

            Memory: **flat** (6 samples; the median of the last third is 1.000 times that of the second, at most 1.10).

            """.ReplaceLineEndings("\n"),
            written);
    }

    [Fact]
    public void Without_a_sample_the_table_says_so_and_nothing_is_judged()
    {
        var verdict = new MemoryVerdict([], loadOver: null, Limit);

        Assert.False(verdict.Grew);
        Assert.Equal("| Api memory (VmRSS) | MiB | at (s) |\n| --- | --- | --- |\n| no sample | | |\n", Written(verdict));
    }

    [Fact]
    public void A_third_of_an_odd_count_has_the_middle_sample_as_its_median()
    {
        var verdict = new MemoryVerdict(Samples(1, 1, 1, 9, 3, 5, 7, 2, 30), loadOver: null, Limit);

        Assert.Equal(5 * 1024, verdict.SecondThirdMedian);
        Assert.Equal(7 * 1024, verdict.LastThirdMedian);
    }
}
