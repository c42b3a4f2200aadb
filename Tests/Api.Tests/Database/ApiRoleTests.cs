using Api.Database;
using Api.Tests.Infrastructure;
using Npgsql;

namespace Api.Tests.Database;

/// <summary>The role the Api connects as reads and writes the orders tables, and nothing else.</summary>
public sealed class ApiRoleTests(ApiHost api) : IClassFixture<ApiHost>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<PostgresException?> AsApiRoleAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ApiRoleConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
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

    [Theory]
    [InlineData("create table mischief (id int)")]
    [InlineData("drop table orders")]
    [InlineData("alter table orders add column note text")]
    [InlineData("delete from orders")]
    [InlineData("delete from order_lines")]
    [InlineData("update order_lines set quantity = 1")]
    [InlineData("truncate placement_keys")]
    [InlineData("select * from schema_migrations")]
    [InlineData("insert into schema_migrations (version, name, checksum) values (9999, 'x', 'x')")]
    [InlineData("select * from idempotency_keys")]
    [InlineData("create role intruder superuser")]
    public async Task The_api_role_may_not(string sql)
    {
        var refused = await AsApiRoleAsync(sql);

        Assert.True(refused?.SqlState == PostgresErrorCodes.InsufficientPrivilege, $"`{sql}` as {ApiRole.Name}: {refused?.Message ?? "allowed"}");
    }

    [Theory]
    [InlineData("select count(*) from orders")]
    [InlineData("select count(*) from order_lines")]
    [InlineData("select count(*) from placement_keys")]
    [InlineData("update orders set version = version where false")]
    [InlineData("delete from placement_keys where false")]
    public async Task The_api_role_may(string sql)
    {
        Assert.Null(await AsApiRoleAsync(sql));
    }
}
