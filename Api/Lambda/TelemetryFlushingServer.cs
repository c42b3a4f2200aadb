using Amazon.Lambda.APIGatewayEvents;
using Amazon.Lambda.AspNetCoreServer.Hosting.Internal;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;

namespace Api;

/// <summary>
/// The Lambda adapter's server for API Gateway's HTTP API, with one addition: an invocation sends the spans and logs it
/// produced before it returns (<see cref="InvocationTelemetry"/>). The request's own span ends when the adapter
/// disposes the request, inside the handler, so it is flushed too.
/// </summary>
internal sealed class TelemetryFlushingServer(IServiceProvider services) : APIGatewayHttpApiV2LambdaRuntimeSupportServer(services)
{
    protected override HandlerWrapper CreateHandlerWrapper(IServiceProvider serviceProvider)
    {
        var function = new APIGatewayHttpApiV2MinimalApi(serviceProvider);
        var flushTelemetry = InvocationTelemetry.Flusher(serviceProvider);
        return HandlerWrapper.GetHandlerWrapper<APIGatewayHttpApiV2ProxyRequest, APIGatewayHttpApiV2ProxyResponse>(
            async (request, context) =>
            {
                try
                {
                    return await function.FunctionHandlerAsync(request, context);
                }
                finally
                {
                    flushTelemetry();
                }
            },
            serviceProvider.GetRequiredService<ILambdaSerializer>());
    }
}
