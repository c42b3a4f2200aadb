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

        var runtimeApi = builder.Configuration["AWS_LAMBDA_RUNTIME_API"];
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !ServiceDefaultsExtensions.IsHealthRequest(context.Request))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !IsLambdaRuntimeCall(request, runtimeApi)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .UseOtlpExporter();
        return builder;
    }

    /// <summary>
    /// In Lambda the runtime asks its Runtime API for each event and posts each answer over HTTP: the function's
    /// plumbing, two root spans per invocation that say nothing of the service, so they are left out.
    /// </summary>
    static bool IsLambdaRuntimeCall(HttpRequestMessage request, string? runtimeApi) =>
        runtimeApi is { Length: > 0 } && string.Equals(request.RequestUri?.Authority, runtimeApi, StringComparison.OrdinalIgnoreCase);

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
