using CliWrap;
using OrdersClient;

namespace Bench.Tests;

public sealed class MemorySamplerTests : IDisposable
{
    readonly string _csv = Path.GetTempFileName();

    public void Dispose() => File.Delete(_csv);

    [Fact]
    public void A_field_of_a_proc_file_is_read_in_KiB()
    {
        const string Status = "Name:\tApi\nVmPeak:\t  123456 kB\nVmRSS:\t   51234 kB\nVmRSSx:\t 1 kB\n";

        Assert.Equal(51234, MemorySampler.Kib(Status, "VmRSS"));
        Assert.Equal(32_000_000, MemorySampler.Kib("MemTotal:       32000000 kB\nMemFree: 1 kB\n", "MemTotal"));
        Assert.Null(MemorySampler.Kib("Name:\tApi\nState:\tZ (zombie)\n", "VmRSS"));
    }

    [Fact]
    public async Task A_running_process_is_sampled_every_interval_and_once_more_at_the_end()
    {
        var sampler = new MemorySampler(Environment.ProcessId, TimeSpan.FromMilliseconds(20), _csv);

        sampler.Start();
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
        var samples = await sampler.StopAsync();

        Assert.True(samples.Count >= 3, $"{samples.Count} samples in 200 ms at one every 20 ms");
        Assert.All(samples, sample => Assert.True(sample.Kib > 1024, $"{sample.Kib} KiB resident"));
        Assert.Equal(samples.OrderBy(sample => sample.At), samples);
        var lines = await File.ReadAllLinesAsync(_csv, TestContext.Current.CancellationToken);
        Assert.Equal("seconds,rss_kib", lines[0]);
        Assert.Equal([.. samples.Select(sample => $"{(long)sample.At.TotalSeconds},{sample.Kib}")], lines[1..]);
    }

    [Fact]
    public async Task A_process_that_is_gone_leaves_no_sample()
    {
        var run = Cli.Wrap("true").ExecuteAsync(TestContext.Current.CancellationToken);
        await run;
        var sampler = new MemorySampler(run.ProcessId, TimeSpan.FromMilliseconds(20), _csv);

        sampler.Start();
        var samples = await sampler.StopAsync();

        Assert.Empty(samples);
        Assert.Equal(["seconds,rss_kib"], await File.ReadAllLinesAsync(_csv, TestContext.Current.CancellationToken));
    }
}
