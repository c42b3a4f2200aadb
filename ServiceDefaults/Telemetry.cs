using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Traces, metrics and logs over OTLP, from OpenTelemetry's instrumentation of ASP.NET Core, HttpClient and the runtime.</summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // nowhere to send telemetry: no providers, no listeners, nothing recorded and nothing to start
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
            return builder;

        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !ServiceDefaultsExtensions.IsHealthRequest(context.Request))
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// Leaves what an endpoint does out of telemetry, whatever the sampler (the AppHost asks for always_on, under which
    /// a span is kept even when its request's span is not): a health probe's SQL would otherwise be a root trace each time.
    /// </summary>
    public static TBuilder WithoutTelemetry<TBuilder>(this TBuilder endpoint) where TBuilder : IEndpointConventionBuilder
    {
        endpoint.Add(route =>
        {
            var handle = route.RequestDelegate!;
            route.RequestDelegate = async context =>
            {
                using var untraced = SuppressInstrumentationScope.Begin();
                await handle(context);
            };
        });
        return endpoint.DisableHttpMetrics();
    }
}
