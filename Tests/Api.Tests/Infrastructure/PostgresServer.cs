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

    PrivateCluster? _cluster;

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            ConnectionString = given;
        }
        else
        {
            _cluster = await PrivateCluster.StartAsync();
            ConnectionString = _cluster.ConnectionString;
        }

        await using var connection = new NpgsqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (NpgsqlException exception)
        {
            throw new InvalidOperationException($"The test PostgreSQL does not answer at {Describe(ConnectionString)}: {exception.Message}", exception);
        }
    }

    /// <summary>Creates an empty database and returns a connection string for it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"orders_test_{Guid.NewGuid():N}"[..28];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"create database {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"drop database if exists {name} with (force)", connection);
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
