using System.Text.Json;
using Api.Database;
using Api.Tests.Infrastructure;
using Npgsql;
using Orders.Loopback;

namespace Api.Tests.Lambda;

/// <summary>
/// The migration function the deploy invokes before moving live: the Api's own build with API_COMMAND=migrate, run as
/// Lambda runs it, against a Runtime API on loopback and a real PostgreSQL.
/// </summary>
public sealed class MigrationFunctionTests(PostgresServer server) : IAsyncLifetime
{
    static readonly TimeSpan InitBudget = TimeSpan.FromSeconds(60);
    static readonly TimeSpan InvocationBudget = TimeSpan.FromSeconds(60);

    string _connectionString = "";
    LambdaFunction? _function;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        if (_function is not null)
            await _function.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(_connectionString);
    }

    async Task<LambdaFunction> StartFunctionAsync(string connectionString) =>
        _function = await LambdaFunction.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Api.dll"),
            new Dictionary<string, string>(DatabaseSettings.Of(connectionString).AsVariables())
            {
                [MigrateCommand.Variable] = MigrateCommand.Name,
                ["DOTNET_ENVIRONMENT"] = "Production",
            },
            InitBudget,
            Cancel,
            output: _ => { });

    [Fact]
    public async Task Each_invocation_applies_the_schema_and_answers_how_many_scripts_it_applied()
    {
        var function = await StartFunctionAsync(_connectionString);

        var first = await function.InvokeAsync("{}", InvocationBudget, Cancel);
        var second = await function.InvokeAsync("{}", InvocationBudget, Cancel);

        Assert.Equal("response", first.Outcome);
        Assert.Equal(SchemaMigrator.Scripts.Count, JsonDocument.Parse(first.Body).RootElement.GetProperty("applied").GetInt32());
        Assert.Equal("response", second.Outcome);
        Assert.Equal(0, JsonDocument.Parse(second.Body).RootElement.GetProperty("applied").GetInt32());
    }

    [Fact]
    public async Task A_migration_that_fails_is_the_invocations_error_with_the_reason()
    {
        // a port nobody listens on: the connection is refused at once
        var unreachable = new NpgsqlConnectionStringBuilder(_connectionString) { Port = 1 }.ConnectionString;
        var function = await StartFunctionAsync(unreachable);

        var invocation = await function.InvokeAsync("{}", InvocationBudget, Cancel);

        Assert.Equal("error", invocation.Outcome);
        var error = JsonDocument.Parse(invocation.Body).RootElement;
        Assert.Equal("NpgsqlException", error.GetProperty("errorType").GetString());
        Assert.Contains("Failed to connect", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }
}
