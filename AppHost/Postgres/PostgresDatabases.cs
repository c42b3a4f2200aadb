using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AppHost.Postgres;

/// <summary>What every source of PostgreSQL shares: a database that exists before anyone uses it, and a health check.</summary>
public static class PostgresDatabases
{
    const string MaintenanceDatabase = "postgres";

    /// <summary>Creates the database a connection string names unless it exists; returns whether it created it.</summary>
    public static async Task<bool> EnsureExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = MaintenanceDatabase };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InsufficientPrivilege)
        {
            // a server that keeps its users out of the maintenance database: the database must be there already
            await using var direct = new NpgsqlConnection(target.ConnectionString);
            await direct.OpenAsync(cancellationToken);
            return false;
        }

        await using var exists = new NpgsqlCommand("select exists (select from pg_database where datname = $1)", connection) { Parameters = { new() { Value = target.Database } } };
        if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            return false;

        await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(target.Database!)}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    /// <summary>Healthy once a connection to the resource's database opens and answers; <paramref name="suffix"/> adds to its connection string.</summary>
    public static IResourceBuilder<T> WithPostgresHealthCheck<T>(this IResourceBuilder<T> resource, string suffix = "")
        where T : IResourceWithConnectionString
    {
        string? connectionString = null;
        resource.OnConnectionStringAvailable(async (target, _, cancellationToken) =>
            connectionString = await target.GetConnectionStringAsync(cancellationToken) + suffix);

        var name = $"{resource.Resource.Name}_check";
        resource.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            name, _ => new PostgresAnswers(() => connectionString), failureStatus: null, tags: null));
        return resource.WithHealthCheck(name);
    }

    static string QuoteIdentifier(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Healthy when the database answers; degraded while the server says it is starting up, which a server that was
    /// just launched always does at first and which is no failure; unhealthy for anything else, with the reason.
    /// </summary>
    sealed class PostgresAnswers(Func<string?> connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            if (connectionString() is not { } known)
                return new HealthCheckResult(HealthStatus.Degraded, "The connection string is not known yet.");
            try
            {
                await using var connection = new NpgsqlConnection(known);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.CannotConnectNow)
            {
                return HealthCheckResult.Degraded(exception.MessageText);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, exception.Message, exception);
            }
        }
    }
}
