using Api.Database;
using Api.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Api.Tests.Database;

/// <summary>
/// The roles people and CI connect as through the private database path: orders_reader reads every table and writes
/// nothing, orders_operator reads as much, writes the orders tables and changes no schema. In Aurora they log in with
/// IAM tokens; here the test gives them a password.
/// </summary>
public sealed class ReaderAndOperatorRolesTests(PostgresServer server) : IAsyncLifetime
{
    const string Reader = "orders_reader";
    const string Operator = "orders_operator";
    const string Password = "orders-people-in-tests";

    string _connectionString = "";

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        await MigrateAsync(_connectionString);
        // roles belong to the server, and no other test logs in as these
        await server.ExecuteAsync($"alter role {Reader} password '{Password}'");
        await server.ExecuteAsync($"alter role {Operator} password '{Password}'");
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(_connectionString);
    }

    static async Task<int> MigrateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Cancel);
    }

    /// <summary>Runs the statement as the role in a transaction it rolls back; the server's refusal, or null.</summary>
    static async Task<PostgresException?> AsAsync(string connectionString, string role, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Username = role, Password = Password }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        try
        {
            await command.ExecuteNonQueryAsync(Cancel);
            return null;
        }
        catch (PostgresException exception)
        {
            return exception;
        }
    }

    async Task<string?> ScalarAsAsync(string role, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Username = role, Password = Password }.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync(Cancel))?.ToString();
    }

    async Task AsOwnerAsync(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(Cancel);
    }

    static void AssertRefused(PostgresException? refused, string role, string sql) =>
        Assert.True(refused?.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"`{sql}` as {role}: {refused?.Message ?? "allowed"}");

    [Theory]
    [InlineData("select count(*) from orders")]
    [InlineData("select count(*) from order_lines")]
    [InlineData("select count(*) from placement_keys")]
    [InlineData("select count(*) from idempotency_keys")]
    [InlineData("select max(version) from schema_migrations")]
    public async Task The_reader_may(string sql)
    {
        var refused = await AsAsync(_connectionString, Reader, sql);

        Assert.True(refused is null, $"`{sql}` as {Reader}: {refused?.Message}");
    }

    [Theory]
    [InlineData("insert into orders (id, customer_id, currency, status, total, created_at, updated_at, version) values (gen_random_uuid(), 'c', 'EUR', 'placed', 0, now(), now(), 1)")]
    [InlineData("update orders set version = version")]
    [InlineData("delete from orders")]
    [InlineData("delete from order_lines")]
    [InlineData("delete from placement_keys")]
    [InlineData("insert into schema_migrations (version, name, checksum) values (9999, 'x', 'x')")]
    [InlineData("delete from schema_migrations")]
    [InlineData("truncate orders")]
    [InlineData("create table mischief (id int)")]
    [InlineData("alter table orders add column note text")]
    [InlineData("drop table orders")]
    [InlineData("create role intruder")]
    public async Task The_reader_may_not(string sql)
    {
        AssertRefused(await AsAsync(_connectionString, Reader, sql), Reader, sql);
    }

    [Fact]
    public async Task The_reader_reads_a_table_a_later_migration_creates()
    {
        await AsOwnerAsync("create table later_table (id int primary key)");

        var refused = await AsAsync(_connectionString, Reader, "select count(*) from later_table");

        Assert.True(refused is null, $"{Reader} may not read a table created after its grants: {refused?.Message}");
    }

    [Theory]
    [InlineData("select count(*) from orders")]
    [InlineData("select max(version) from schema_migrations")]
    [InlineData("insert into orders (id, customer_id, currency, status, total, created_at, updated_at, version) values (gen_random_uuid(), 'c', 'EUR', 'placed', 0, now(), now(), 1)")]
    [InlineData("update orders set status = 'cancelled' where false")]
    [InlineData("delete from orders where false")]
    [InlineData("update order_lines set quantity = 1 where false")]
    [InlineData("delete from order_lines where false")]
    [InlineData("delete from placement_keys where false")]
    public async Task The_operator_may(string sql)
    {
        var refused = await AsAsync(_connectionString, Operator, sql);

        Assert.True(refused is null, $"`{sql}` as {Operator}: {refused?.Message}");
    }

    [Theory]
    [InlineData("create table mischief (id int)")]
    [InlineData("drop table orders")]
    [InlineData("alter table orders add column note text")]
    [InlineData("create index orders_total on orders (total)")]
    [InlineData("truncate orders")]
    [InlineData("insert into schema_migrations (version, name, checksum) values (9999, 'x', 'x')")]
    [InlineData("delete from schema_migrations")]
    [InlineData("create role intruder")]
    public async Task The_operator_may_not(string sql)
    {
        AssertRefused(await AsAsync(_connectionString, Operator, sql), Operator, sql);
    }

    [Theory]
    [InlineData(Reader)]
    [InlineData(Operator)]
    public async Task Every_statement_of_the_role_is_logged(string role)
    {
        Assert.Equal("all", await ScalarAsAsync(role, "show log_statement"));
    }

    [Theory]
    [InlineData(Reader)]
    [InlineData(Operator)]
    public async Task The_role_may_log_in_and_nothing_more(string role)
    {
        var attributes = await ScalarAsAsync(role,
            "select concat_ws(',', rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolreplication, rolbypassrls) from pg_roles where rolname = current_user");

        Assert.Equal("t,f,f,f,f,f", attributes);
    }

    [Fact]
    public async Task A_second_database_of_the_server_migrates_with_the_roles_already_there()
    {
        var second = await server.CreateDatabaseAsync();
        try
        {
            Assert.Equal(SchemaMigrator.Scripts.Count, await MigrateAsync(second));

            Assert.Null(await AsAsync(second, Reader, "select count(*) from orders"));
            AssertRefused(await AsAsync(second, Reader, "delete from orders"), Reader, "delete from orders");
            Assert.Null(await AsAsync(second, Operator, "delete from orders where false"));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(second);
        }
    }
}
