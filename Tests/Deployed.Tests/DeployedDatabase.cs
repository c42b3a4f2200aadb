using Api.Database;
using Npgsql;
using Xunit;

namespace Deployed.Tests;

/// <summary>
/// What only an environment's database can answer, through its private path: the schema is the one this commit's
/// migrations make, and the role the path gives by default cannot write. It connects as <see cref="LibpqVariables"/>
/// say; without them every test is skipped and says how to run them.
/// </summary>
public sealed class DeployedDatabase
{
    const string Reader = "orders_reader";

    static readonly Lazy<string?> Connection = new(LibpqVariables.ConnectionString);

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(Connection.Value ?? throw NoDatabase());
        await connection.OpenAsync(Cancel);
        return connection;
    }

    static InvalidOperationException NoDatabase()
    {
        Assert.Skip($"No deployed database to test: run the tests through its private path, as in " +
            $".github/scripts/database.sh <environment> [<workspace>] -- dotnet test Tests/Deployed.Tests --no-build " +
            $"--filter \"FullyQualifiedName~{nameof(DeployedDatabase)}\" (it sets {LibpqVariables.Host} and libpq's other variables).");
        return new InvalidOperationException("Skipped.");
    }

    [Fact]
    public async Task The_schema_is_the_one_this_commits_migrations_make()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("select version, name, checksum from schema_migrations order by version", connection);
        var applied = new List<(int Version, string Name, string Checksum)>();
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel))
                applied.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        var shipped = SchemaMigrator.Scripts.Select(script => (script.Version, script.Name, script.Checksum)).ToList();
        var missing = shipped.Except(applied).Select(script => script.Name).ToList();
        var unknown = applied.Except(shipped).Select(script => script.Name).ToList();

        Assert.True(missing.Count == 0 && unknown.Count == 0,
            $"The database's schema is not this commit's. Not applied (or applied with other contents): {Names(missing)}; " +
            $"applied but not shipped here: {Names(unknown)}.");
        Assert.Equal(shipped.Max(script => script.Version), applied.Max(script => script.Version));
    }

    [Theory]
    [InlineData("update orders set version = version where false")]
    [InlineData("delete from order_lines where false")]
    [InlineData("insert into schema_migrations (version, name, checksum) select version, name, checksum from schema_migrations where false")]
    [InlineData("create table deployed_database_check (id int)")]
    public async Task The_reader_cannot_write(string sql)
    {
        await using var connection = await OpenAsync();
        if (connection.UserName != Reader)
            Assert.Skip($"Connected as {connection.UserName}, not {Reader}: the database path without --write gives the reader.");

        // nothing the statement could change survives it: it changes no row, and its transaction is rolled back
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var refused = await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync(Cancel));
        await transaction.RollbackAsync(Cancel);

        Assert.True(refused is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege },
            $"`{sql}` as {Reader}: {refused?.Message ?? "allowed"}");
    }

    [Fact]
    public async Task Every_statement_of_the_session_is_logged()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("show log_statement", connection);

        Assert.Equal("all", (string?)await command.ExecuteScalarAsync(Cancel));
    }

    static string Names(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);
}
