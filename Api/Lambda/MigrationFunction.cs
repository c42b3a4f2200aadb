using System.Text.Json;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;

namespace Api.Database;

/// <summary>
/// The migrate command as Lambda runs it: each invocation applies the schema and answers {"applied": N}; a failure is
/// the invocation's error, which the deploy prints before it stops. The event is ignored, so any payload will do.
/// </summary>
internal static class MigrationFunction
{
    // ends the migration itself in time to report why, instead of Lambda ending the process at its timeout
    static readonly TimeSpan ReportingMargin = TimeSpan.FromSeconds(5);

    /// <summary>Lambda runs this process: it names the Runtime API to ask for invocations.</summary>
    public static bool IsHosted => Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is not null;

    /// <summary>Answers invocations until the host stops.</summary>
    public static async Task ServeAsync(IServiceProvider services, CancellationToken stoppingToken)
    {
        var flushTelemetry = InvocationTelemetry.Flusher(services);

        async Task<Stream> InvokeAsync(ILambdaContext context)
        {
            var budget = context.RemainingTime - ReportingMargin;
            using var timeout = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : context.RemainingTime);
            try
            {
                var applied = await MigrateCommand.MigrateAsync(services, timeout.Token);
                var response = new MemoryStream();
                await using (var json = new Utf8JsonWriter(response))
                {
                    json.WriteStartObject();
                    json.WriteNumber("applied", applied);
                    json.WriteEndObject();
                }

                response.Position = 0;
                return response;
            }
            finally
            {
                flushTelemetry();
            }
        }

        using var bootstrap = LambdaBootstrapBuilder.Create(InvokeAsync).Build();
        await bootstrap.RunAsync(stoppingToken);
    }
}
