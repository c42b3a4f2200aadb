using System.Diagnostics;
using System.Globalization;

namespace OrdersClient;

/// <summary>
/// Samples a process's resident memory (VmRSS in /proc/&lt;pid&gt;/status) every interval from <see cref="Start"/>,
/// and once more at <see cref="StopAsync"/>; each sample is added to a CSV file (seconds,rss_kib) as it is taken, so
/// that a run cut short leaves what it had.
/// </summary>
internal sealed class MemorySampler(int processId, TimeSpan interval, string csvPath)
{
    readonly List<MemorySample> _samples = [];
    readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    long _startedAt;
    Task _sampling = Task.CompletedTask;

    /// <summary>How long ago the sampling started.</summary>
    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

    public void Start()
    {
        _startedAt = Stopwatch.GetTimestamp();
        File.WriteAllText(csvPath, "seconds,rss_kib\n");
        _sampling = SampleAsync();
    }

    /// <summary>Stops the sampling, after one last sample; the samples, in the order they were taken.</summary>
    public async Task<IReadOnlyList<MemorySample>> StopAsync()
    {
        _stopped.TrySetResult();
        await _sampling;
        _ = Sample();
        return _samples;
    }

    /// <summary>The value in KiB of a field such as "VmRSS:   51234 kB" in a /proc file, or null when it has none.</summary>
    public static long? Kib(string procFile, string field)
    {
        foreach (var line in procFile.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(field) || line.Length <= field.Length || line[field.Length] != ':')
                continue;
            var value = line[(field.Length + 1)..].Trim();
            var end = value.IndexOf(' ');
            return long.TryParse(end < 0 ? value : value[..end], NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
        }

        return null;
    }

    async Task SampleAsync()
    {
        using var timer = new PeriodicTimer(interval);
        // until the process is gone or the sampling is stopped
        while (Sample())
        {
            var tick = timer.WaitForNextTickAsync().AsTask();
            if (await Task.WhenAny(tick, _stopped.Task) != tick)
                return;
        }
    }

    /// <summary>Takes a sample; false when the process is gone.</summary>
    bool Sample()
    {
        string status;
        try
        {
            status = File.ReadAllText($"/proc/{processId}/status");
        }
        catch (IOException)
        {
            return false;
        }

        // a process that has exited but not been waited for has no memory to show
        if (Kib(status, "VmRSS") is not { } kib)
            return true;
        var sample = new MemorySample(Elapsed, kib);
        _samples.Add(sample);
        File.AppendAllText(csvPath, $"{MemoryVerdict.Seconds(sample.At)},{kib}\n");
        return true;
    }
}
