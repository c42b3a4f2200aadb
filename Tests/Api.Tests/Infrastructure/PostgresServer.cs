using Npgsql;

[assembly: AssemblyFixture(typeof(Api.Tests.Infrastructure.PostgresServer))]

namespace Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <see cref="ConnectionVariable"/>, or else a private throwaway
/// cluster started from the local PostgreSQL binaries. Each test class gets a database of its own on it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "TEST_POSTGRES_CONNECTION_STRING";

    readonly Lock _gate = new();
    Task<string>? _started;
    PrivateCluster? _cluster;

    // unit tests need no database, so the server is found or started when a test first asks for a database
    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    // one start for the whole run; when it fails, every test that needs the database fails with its reason
    Task<string> ConnectionStringAsync()
    {
        lock (_gate)
            return _started ??= StartAsync();
    }

    async Task<string> StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            _cluster = await PrivateCluster.StartAsync();
            connectionString = _cluster.ConnectionString;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException($"The test PostgreSQL does not answer at {Describe(connectionString)}: {exception.Message}", exception);
        }

        return connectionString;
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"orders_test_{Guid.NewGuid():N}"[..28];
        var server = await ConnectionStringAsync();
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    public Task DropDatabaseAsync(string connectionString) =>
        ExecuteAsync($"drop database if exists {new NpgsqlConnectionStringBuilder(connectionString).Database} with (force)");

    /// <summary>Runs a statement on the server's maintenance database, for what belongs to no test database (roles, databases).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
            await _cluster.DisposeAsync();
    }

    static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port} as {builder.Username}";
    }
}
