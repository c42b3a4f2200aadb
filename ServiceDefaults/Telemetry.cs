using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
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
        // ASP.NET Core 10 adds the OpenTelemetry HTTP tags (route, method, status) to its own span only when asked.
        AppContext.SetSwitch("Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData", false);

        var telemetry = new TelemetryBuilder(builder.Services)
            .WithTracing(tracing => tracing.AddSource(TraceSources))
            .WithMetrics(metrics => metrics.AddMeter(Meters))
            .WithLogging(configureBuilder: null, configureOptions: logging =>
            {
                logging.IncludeFormattedMessage = true;
                logging.IncludeScopes = true;
            });

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]))
        {
            telemetry.UseOtlpExporter();
        }

        // Without OpenTelemetry.Extensions.Hosting something has to build the providers when the host starts.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TelemetryProviders>());
        builder.Services.AddTransient<IStartupFilter, UntracedHealthRequests>();
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

    /// <summary>Orchestrators probe health every few seconds; those requests would drown the real traces.</summary>
    sealed class UntracedHealthRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (ServiceDefaultsExtensions.IsHealthRequest(context.Request) && Activity.Current is { } activity)
                {
                    activity.IsAllDataRequested = false;
                    activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
