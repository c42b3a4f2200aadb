using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Traces, metrics and logs over OTLP, from the sources ASP.NET Core, Npgsql and the runtime emit themselves.</summary>
public static class Telemetry
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    static readonly string[] TraceSources = ["Microsoft.AspNetCore", "Npgsql"];
    static readonly string[] Meters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Net.Http",
        "System.Runtime",
        "Npgsql",
    ];

    public static TBuilder AddTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // nowhere to send telemetry: no providers, no listeners, nothing recorded and nothing to start
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
            return builder;

        // ASP.NET Core 10 adds the OpenTelemetry HTTP tags (method, path, server) to its own span only when asked
        AppContext.SetSwitch("Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData", false);

        new TelemetryBuilder(builder.Services)
            .WithTracing(tracing => tracing.AddSource(TraceSources))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            })
            .UseOtlpExporter();

        // Without OpenTelemetry.Extensions.Hosting something has to build the providers when the host starts.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryProviders>());
        builder.Services.AddTransient<IStartupFilter, RequestSpans>();
        return builder;
    }

    sealed class TelemetryBuilder(IServiceCollection services) : IOpenTelemetryBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    sealed class TelemetryProviders(IServiceProvider services) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = services.GetService<TracerProvider>();
            _ = services.GetService<MeterProvider>();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>
    /// Names each request span by its route, as OpenTelemetry's HTTP conventions ask, and leaves health probes out of
    /// traces: orchestrators probe every few seconds and would drown the real requests.
    /// </summary>
    sealed class RequestSpans : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
                if (activity is not null && ServiceDefaultsExtensions.IsHealthRequest(context.Request))
                {
                    activity.IsAllDataRequested = false;
                    activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }

                await nextMiddleware(context);

                if (activity is { IsAllDataRequested: true })
                    DescribeOutcome(activity, context);
            });
            next(app);
        };

        // ASP.NET Core 10 tags the span with what it knows at the start of a request; the route and status come later
        static void DescribeOutcome(Activity activity, HttpContext context)
        {
            // the exception handler clears the endpoint of a failed request; it keeps it in its feature
            var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
            if (endpoint is RouteEndpoint { RoutePattern.RawText: { } route })
            {
                activity.DisplayName = $"{context.Request.Method} {route}";
                activity.SetTag("http.route", route);
            }

            var status = context.Response.StatusCode;
            activity.SetTag("http.response.status_code", status);
            if (status >= StatusCodes.Status500InternalServerError)
            {
                activity.SetTag("error.type", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }
}
