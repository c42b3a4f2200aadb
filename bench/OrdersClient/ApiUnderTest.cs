using System.Globalization;

namespace OrdersClient;

/// <summary>
/// The Api that bench/soak.sh or bench/fuzz.sh started for a tool to load (bench/api-under-test.sh): its process,
/// whose resident memory is sampled while the tool runs, and its log. At the end, the report on both: the memory and
/// the verdict on it, and the errors the Api logged.
/// </summary>
internal sealed class ApiUnderTest(MemorySampler sampler, string log, string memorySamples, double limit, string build)
{
    public const string Usage =
        "[--api-pid <pid> --api-log <file> --memory-samples <csv> [--rss-interval 15] [--rss-limit 1.10] [--api-build aot]]";

    TimeSpan? _loadOver;

    /// <summary>The Api of --api-pid, or null when there is none to watch.</summary>
    public static ApiUnderTest? From(Arguments arguments)
    {
        if (arguments.Text("api-pid") is null)
            return null;
        var memorySamples = arguments.Required("memory-samples");
        var sampler = new MemorySampler(
            arguments.Number("api-pid", 0, 1, int.MaxValue),
            arguments.Duration("rss-interval", TimeSpan.FromSeconds(15)),
            memorySamples);
        return new ApiUnderTest(
            sampler,
            arguments.Required("api-log"),
            memorySamples,
            arguments.Ratio("rss-limit", 1.10),
            arguments.Text("api-build") ?? "aot");
    }

    public void Start() => sampler.Start();

    /// <summary>The load is over: later samples are of the read-back, shown and not judged.</summary>
    public void LoadOver() => _loadOver = sampler.Elapsed;

    /// <summary>
    /// Stops the sampling and writes the report; false when the Api logged an error or, when <paramref name="memoryCounts"/>,
    /// its memory grew.
    /// </summary>
    public async Task<bool> ReportAsync(TextWriter output, bool memoryCounts)
    {
        var passed = true;
        var verdict = new MemoryVerdict(await sampler.StopAsync(), _loadOver, limit);
        output.WriteLine();
        verdict.Write(output);
        if (verdict.Grew && memoryCounts)
            passed = false;
        else if (verdict.Grew)
            output.WriteLine("(Reported, not judged: this run is too short and uneven for it.)");

        var errors = ApiLog.Read(log);
        output.WriteLine();
        output.WriteLine($"The Api logged {errors.Errors} errors ({log}); memory samples: {memorySamples}.");
        output.WriteLine($"Machine: {Environment.ProcessorCount} cores, {MemoryGiB()}, .NET {Environment.Version}, the Api built {build}.");
        if (errors.Errors > 0)
        {
            output.WriteLine();
            foreach (var line in errors.Excerpt())
                output.WriteLine(line);
            passed = false;
        }

        return passed;
    }

    static string MemoryGiB()
    {
        var kib = MemorySampler.Kib(File.ReadAllText("/proc/meminfo"), "MemTotal") ?? 0;
        return $"{(kib / 1048576.0).ToString("0", CultureInfo.InvariantCulture)} GiB";
    }
}
