using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AppHost.Postgres;

/// <summary>The database that ConnectionStrings:appdb names, on a server the developer runs: checked, and created if missing, before anything starts.</summary>
public static class ConfiguredDatabase
{
    const int ConnectTimeoutSeconds = 5;

    public static IResourceBuilder<IResourceWithConnectionString> AddConfiguredDatabase(this IDistributedApplicationBuilder builder)
    {
        var key = $"ConnectionStrings:{ResourceNames.Database}";
        var configured = builder.Configuration.GetConnectionString(ResourceNames.Database)!;
        NpgsqlConnectionStringBuilder server;
        try
        {
            server = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException exception)
        {
            throw new DistributedApplicationException(
                $"{key} is not a PostgreSQL connection string ({exception.Message}). It looks like " +
                "Host=localhost;Port=5432;Database=orders;Username=postgres;Password=...");
        }

        if (string.IsNullOrWhiteSpace(server.Database))
            throw new DistributedApplicationException($"{key} names no database: add Database=<name>, such as Database=orders.");

        builder.Eventing.Subscribe<BeforeStartEvent>(async (_, cancellationToken) =>
        {
            if (!builder.ExecutionContext.IsRunMode)
                return;
            // the developer's server decides how long to wait for it, up to a few seconds
            var probe = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Timeout = Math.Min(server.Timeout, ConnectTimeoutSeconds) };
            try
            {
                await PostgresDatabases.EnsureExistsAsync(probe.ConnectionString, cancellationToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                throw new DistributedApplicationException(
                    $"The PostgreSQL server that {key} names ({server.Host}:{server.Port}, database {server.Database}, user " +
                    $"{server.Username}) could not be used: {exception.Message} Start that server or correct {key}; or remove " +
                    "the setting, and the AppHost runs PostgreSQL itself (a container, or the local server binaries).", exception);
            }
        });

        var connectionString = builder.AddParameterFromConfiguration($"{ResourceNames.Database}-connection-string", key, secret: true);
        return builder.AddConnectionString(ResourceNames.Database, ReferenceExpression.Create($"{connectionString.Resource}"))
            .WithPostgresHealthCheck();
    }
}
