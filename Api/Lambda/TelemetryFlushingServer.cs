using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.AspNetCoreServer.Hosting.Internal;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;
using OpenTelemetry.Logs;
using OpenTelemetry.Trace;

namespace Api;

/// <summary>
/// The Lambda adapter's server for API Gateway's HTTP API, with one addition: an invocation sends the spans and logs it
/// produced before it returns. Once the response is out Lambda freezes the process, and may end it frozen, so what
/// still waited in the exporter's batch would be lost. The request's own span ends when the adapter disposes the
/// request, inside the handler, so it is flushed too.
/// </summary>
internal sealed class TelemetryFlushingServer(IServiceProvider services) : APIGatewayHttpApiV2LambdaRuntimeSupportServer(services)
{
    // the collector runs beside the function (a Lambda layer): a flush takes milliseconds; a collector that does not
    // answer holds the invocation no longer than this
    const int FlushBudgetMilliseconds = 1_000;

    protected override HandlerWrapper CreateHandlerWrapper(IServiceProvider serviceProvider)
    {
        var function = new APIGatewayHttpApiV2MinimalApi(serviceProvider);
        var tracing = serviceProvider.GetService<TracerProvider>();
        var logging = serviceProvider.GetService<LoggerProvider>();
        return HandlerWrapper.GetHandlerWrapper<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(
            async (request, context) =>
            {
                try
                {
                    return await function.FunctionHandlerAsync(request, context);
                }
                finally
                {
                    tracing?.ForceFlush(FlushBudgetMilliseconds);
                    logging?.ForceFlush(FlushBudgetMilliseconds);
                }
            },
            serviceProvider.GetRequiredService<ILambdaSerializer>());
    }
}
