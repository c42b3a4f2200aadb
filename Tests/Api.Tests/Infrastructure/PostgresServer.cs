using Npgsql;
using Orders.Local.Postgres;

[assembly: AssemblyFixture(typeof(Api.Tests.Infrastructure.PostgresServer))]

namespace Api.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <see cref="ConnectionVariable"/>, or else a private throwaway
/// server of the embedded binaries (the major version Aurora runs). Each test class gets a database of its own on it.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string ConnectionVariable = "TEST_POSTGRES_CONNECTION_STRING";

    // the server checks passwords on TCP, as real servers do, so tests can prove which credentials the Api uses; the
    // tests run many classes at once, each with its own pool
    static readonly PrivateServerOptions PrivateOptions = new()
    {
        Password = "orders-tests",
        Settings = new Dictionary<string, string> { ["max_connections"] = "300" },
    };

    readonly Lock _gate = new();
    Task<string>? _started;
    PrivateServer? _private;

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
            _private = await PrivateServer.StartAsync(PrivateOptions);
            connectionString = new NpgsqlConnectionStringBuilder(_private.ConnectionString) { Timeout = 5 }.ConnectionString;
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
        if (_private is not null)
            await _private.DisposeAsync();
    }

    static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port} as {builder.Username}";
    }
}
