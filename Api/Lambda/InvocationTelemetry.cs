using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Api;

/// <summary>
/// Sends what an invocation produced before it returns. Once the response is out Lambda freezes the process, and may
/// end it frozen, so what still waited in the exporter's batch would be lost.
/// </summary>
internal static class InvocationTelemetry
{
    // the collector runs beside the function (a Lambda layer): a flush takes milliseconds; a collector that does not
    // answer holds the invocation no longer than this
    const int FlushBudgetMilliseconds = 1_000;

    /// <summary>What flushes the spans and logs of the telemetry registered in these services, if any.</summary>
    public static Action Flusher(IServiceProvider services)
    {
        var tracing = services.GetService<TracerProvider>();
        var logging = services.GetService<LoggerProvider>();
        return () =>
        {
            tracing?.ForceFlush(FlushBudgetMilliseconds);
            logging?.ForceFlush(FlushBudgetMilliseconds);
        };
    }
}
