using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Api.Database;

/// <summary>
/// Applies the SQL scripts shipped in this assembly in order, each exactly once, under an advisory lock so that
/// instances starting together take turns.
/// </summary>
public sealed partial class SchemaMigrator(NpgsqlDataSource dataSource, ILogger<SchemaMigrator> logger)
{
    // any constant both sides agree on; this one spells "orders" in ASCII
    const long LockKey = 0x6f7264657273;
    const string ResourcePrefix = "migrations/";

    public sealed record Script(int Version, string Name, string Sql)
    {
        public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql)));
    }

    public static IReadOnlyList<Script> Scripts { get; } = LoadScripts();

    // the service's own source, which telemetry listens to: a migration run is one trace, its SQL the children
    static readonly ActivitySource Source = new(typeof(SchemaMigrator).Assembly.GetName().Name!);

    /// <summary>Returns how many scripts it applied.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity("migrate schema");
        try
        {
            var applied = await ApplyAsync(cancellationToken);
            activity?.SetTag("migrations.applied", applied);
            return applied;
        }
        catch (Exception exception)
        {
            activity?.AddException(exception).SetStatus(ActivityStatusCode.Error);
            throw;
        }
    }

    async Task<int> ApplyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, "select pg_advisory_lock($1)", cancellationToken, LockKey);
        try
        {
            await ExecuteAsync(connection,
                """
                create table if not exists schema_migrations (
                    version    integer primary key,
                    name       text not null,
                    checksum   text not null,
                    applied_at timestamptz not null default now()
                )
                """,
                cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var count = 0;
            foreach (var script in Scripts)
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                        throw new InvalidOperationException($"Migration {script.Name} was changed after it was applied. Add a new script instead.");
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, script.Sql, cancellationToken);
                await ExecuteAsync(connection, "insert into schema_migrations (version, name, checksum) values ($1, $2, $3)",
                    cancellationToken, script.Version, script.Name, script.Checksum);
                await transaction.CommitAsync(cancellationToken);
                LogApplied(script.Name);
                count++;
            }

            return count;
        }
        finally
        {
            await UnlockAsync(connection);
        }
    }

    async Task UnlockAsync(NpgsqlConnection connection)
    {
        try
        {
            await ExecuteAsync(connection, "select pg_advisory_unlock($1)", CancellationToken.None, LockKey);
        }
        catch (NpgsqlException exception)
        {
            // the session is gone and its lock with it; the error that ended the run matters more
            LogUnlockFailed(exception);
        }
    }

    static async Task<Dictionary<int, string>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new Dictionary<int, string>();
        await using var command = new NpgsqlCommand("select version, checksum from schema_migrations", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            applied[reader.GetInt32(0)] = reader.GetString(1);
        return applied;
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        // waiting for another instance's lock or building an index on a large table may take long: no time limit
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var value in parameters)
            command.Parameters.Add(new() { Value = value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    static List<Script> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            var digits = new string(name.TakeWhile(char.IsAsciiDigit).ToArray());
            if (!int.TryParse(digits, out var version))
                throw new InvalidOperationException($"Migration {name} must start with its version number, as in 0001_create_orders.sql.");

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            // a checkout with CRLF line endings must not look like a changed script
            scripts.Add(new Script(version, name, reader.ReadToEnd().ReplaceLineEndings("\n")));
        }

        var duplicate = scripts.GroupBy(script => script.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migrations have version {duplicate.Key}: {string.Join(", ", duplicate.Select(s => s.Name))}.");

        return [.. scripts.OrderBy(script => script.Version)];
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Name}")]
    partial void LogApplied(string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the migration lock")]
    partial void LogUnlockFailed(Exception exception);
}
