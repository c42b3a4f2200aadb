using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.Hosting;

/// <summary>What every service of the system shares: telemetry, resilient HTTP clients, health endpoints and problem details.</summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddTelemetry();

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        // every outgoing call retries what is transient and finds its target by name, as Aspire's services do
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddProblemDetails();
        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // orchestrators probe every few seconds: their requests would drown the real ones in traces and metrics
        // and they carry no token: health is anonymous whatever the service's authorization
        app.MapHealthChecks(HealthPath).WithoutTelemetry().AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) })
            .WithoutTelemetry()
            .AllowAnonymous();
        return app;
    }

    internal static bool IsHealthRequest(HttpRequest request) =>
        request.Path.StartsWithSegments(HealthPath) || request.Path.StartsWithSegments(AlivePath);
}
