using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Traces, metrics and logs over OTLP, from OpenTelemetry's instrumentation of ASP.NET Core, HttpClient and the runtime.</summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";
    const int MetricPointsPerMetric = 200;

    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // nowhere to send telemetry: no providers, no listeners, nothing recorded and nothing to start
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
            return builder;

        var runtimeApi = builder.Configuration["AWS_LAMBDA_RUNTIME_API"];
        builder.Services.AddOpenTelemetry()
            .WithLogging(
                logging => logging.AddOtlpExporter(WithItsOwnHttpClient),
                options =>
                {
                    options.IncludeFormattedMessage = true;
                    options.IncludeScopes = true;
                })
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !ServiceDefaultsExtensions.IsHealthRequest(context.Request))
                .AddHttpClientInstrumentation(http => http.FilterHttpRequestMessage = request => !IsLambdaRuntimeCall(request, runtimeApi))
                .AddOtlpExporter(WithItsOwnHttpClient))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                // room for this many combinations of attributes in each metric (more are counted together, marked
                // otel.metric.overflow): a service of a few routes has tens. OpenTelemetry sets the room aside for every
                // metric as it starts, and its default of 2000 made the start slower and the process larger.
                .AddView(_ => new MetricStreamConfiguration { CardinalityLimit = MetricPointsPerMetric })
                .AddOtlpExporter(WithItsOwnHttpClient));
        return builder;
    }

    /// <summary>
    /// Each exporter sends over an HttpClient of its own, as OTEL_EXPORTER_OTLP_* configure it. From IHttpClientFactory
    /// (the exporter's default when there is one) it would get what every other client gets (ServiceDefaultsExtensions):
    /// service discovery and a resilience pipeline of retries and timeouts around each export, where the exporter has
    /// its own and, in Lambda, a flush must end within its budget. Setting that factory up cost the start some 40 ms.
    /// This is the exporter's own default without a factory: the export's timeout is the client's.
    /// </summary>
    static void WithItsOwnHttpClient(OtlpExporterOptions exporter) =>
        exporter.HttpClientFactory = () => new HttpClient { Timeout = TimeSpan.FromMilliseconds(exporter.TimeoutMilliseconds) };

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
