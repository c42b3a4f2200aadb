using System.Text.Json;
using Amazon.Lambda.Core;
using Amazon.Lambda.RuntimeSupport;

namespace Api.Database;

/// <summary>
/// The migration function: each invocation applies the schema and answers {"applied": N}; a failure is the
/// invocation's error, which the deploy prints before it stops. The event is ignored, so any payload will do.
/// </summary>
internal sealed class MigrationFunction(SchemaMigrator migrator, ApiRole apiRole, IServiceProvider services) : BackgroundService
{
    // ends the migration itself in time to report why, instead of Lambda ending the process at its timeout
    static readonly TimeSpan ReportingMargin = TimeSpan.FromSeconds(5);

    readonly Action _flushTelemetry = InvocationTelemetry.Flusher(services);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var bootstrap = LambdaBootstrapBuilder.Create(MigrateAsync).Build();
        await bootstrap.RunAsync(stoppingToken);
    }

    async Task<Stream> MigrateAsync(ILambdaContext context)
    {
        var budget = context.RemainingTime - ReportingMargin;
        using var timeout = new CancellationTokenSource(budget > TimeSpan.Zero ? budget : context.RemainingTime);
        try
        {
            var applied = await migrator.MigrateAsync(timeout.Token);
            await apiRole.GrantLoginAsync(timeout.Token);
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
            _flushTelemetry();
        }
    }
}
