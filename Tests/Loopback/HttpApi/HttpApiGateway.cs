using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orders.Loopback.HttpApi;

/// <summary>
/// API Gateway's HTTP API on a loopback port, in front of a Lambda function (a Lambda proxy integration of payload
/// format 2.0 on the $default stage): each request a route takes becomes an event (<see cref="HttpApiEvent"/>), and the
/// function's answer the response (<see cref="HttpApiResponse"/>). No authorizer: the function checks tokens itself.
/// </summary>
public sealed class HttpApiGateway : IAsyncDisposable
{
    /// <summary>
    /// HttpApiEvent.QuotasPage: an integration answers within 30 seconds at most (terraform/modules/api asks for all 30);
    /// after that real APIs answer 503 {"message":"Service Unavailable"}.
    /// </summary>
    public static readonly TimeSpan IntegrationTimeout = TimeSpan.FromSeconds(30);

    readonly HttpApiRoutes _routes;
    readonly Func<string, TimeSpan, CancellationToken, Task<LambdaInvocation>> _invoke;
    LoopbackServer? _server;

    HttpApiGateway(HttpApiRoutes routes, Func<string, TimeSpan, CancellationToken, Task<LambdaInvocation>> invoke)
    {
        _routes = routes;
        _invoke = invoke;
    }

    public Uri Address => _server!.Address;

    /// <summary>Serves the routes on the port given, or a free one, invoking the function for each request a route takes.</summary>
    public static async Task<HttpApiGateway> StartAsync(
        HttpApiRoutes routes, Func<string, TimeSpan, CancellationToken, Task<LambdaInvocation>> invoke, int port = 0)
    {
        var gateway = new HttpApiGateway(routes, invoke);
        gateway._server = await LoopbackServer.StartAsync(endpoints => endpoints.Map("/{**path}", gateway.ServeAsync), port);
        return gateway;
    }

    async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var cancel = context.RequestAborted;
        var requestId = HttpApiEvent.NewRequestId();
        var receivedAt = DateTimeOffset.UtcNow;
        context.Response.Headers["apigw-requestid"] = requestId;

        if (_routes.Match(request.Method, request.Path.Value ?? "/") is not { } route)
        {
            await HttpApiResponse.WriteMessageAsync(context.Response, StatusCodes.Status404NotFound, "Not Found", cancel);
            return;
        }

        if (await ReadBodyAsync(request, cancel) is not { } body)
        {
            await HttpApiResponse.WriteMessageAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "Request Entity Too Large", cancel);
            return;
        }

        var lambdaEvent = HttpApiEvent.From(request, route, body, requestId, receivedAt).ToJsonString();
        LambdaInvocation invocation;
        try
        {
            invocation = await _invoke(lambdaEvent, IntegrationTimeout, cancel);
        }
        catch (TimeoutException)
        {
            await HttpApiResponse.WriteMessageAsync(context.Response, StatusCodes.Status503ServiceUnavailable, "Service Unavailable", cancel);
            return;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // a function whose process ended mid-invocation failed, as far as API Gateway can tell (TroubleshootingPage)
            await HttpApiResponse.WriteMessageAsync(context.Response, StatusCodes.Status500InternalServerError, "Internal Server Error", cancel);
            return;
        }

        await HttpApiResponse.WriteAsync(context.Response, invocation, cancel);
    }

    /// <summary>The body, or none when it is over the payload quota (QuotasPage).</summary>
    static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > HttpApiEvent.MaxPayloadBytes)
            return null;
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (body.Length + read > HttpApiEvent.MaxPayloadBytes)
                return null;
            body.Write(buffer, 0, read);
        }

        return body.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
