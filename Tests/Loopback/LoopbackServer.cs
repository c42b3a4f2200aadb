using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Orders.Loopback;

/// <summary>A small HTTP server on a free loopback port, standing in for something the Api talks to.</summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    readonly WebApplication _app;

    LoopbackServer(WebApplication app) => _app = app;

    public Uri Address => new(_app.Urls.Single());

    /// <summary>Serves the routes on the port given, or on a free one.</summary>
    public static async Task<LoopbackServer> StartAsync(Action<IEndpointRouteBuilder> routes, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // a stand-in's own requests are not what anyone reads its output for
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        return new LoopbackServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
