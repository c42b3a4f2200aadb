using System.Diagnostics;
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
    static readonly TimeSpan InvocationBudget = TimeSpan.FromSeconds(60);

    string _connectionString = "";
    LambdaRuntimeApi? _runtime;
    Process? _function;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        _runtime = await LambdaRuntimeApi.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_function is { HasExited: false })
            _function.Kill(entireProcessTree: true);
        _function?.Dispose();
        if (_runtime is not null)
            await _runtime.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(_connectionString);
    }

    void StartFunction(string connectionString)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Api.dll"));
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = _runtime!.HostAndPort;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = "test-migrate";
        start.Environment[DatabaseServices.CommandVariable] = "migrate";
        start.Environment["ConnectionStrings__appdb"] = connectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        _function = Process.Start(start)!;
        // the pipes are drained so that a chatty process never blocks on a full one
        _function.OutputDataReceived += (_, _) => { };
        _function.ErrorDataReceived += (_, _) => { };
        _function.BeginOutputReadLine();
        _function.BeginErrorReadLine();
    }

    [Fact]
    public async Task Each_invocation_applies_the_schema_and_answers_how_many_scripts_it_applied()
    {
        StartFunction(_connectionString);

        var first = await _runtime!.InvokeAsync("{}", InvocationBudget, Cancel);
        var second = await _runtime.InvokeAsync("{}", InvocationBudget, Cancel);

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
        StartFunction(unreachable);

        var invocation = await _runtime!.InvokeAsync("{}", InvocationBudget, Cancel);

        Assert.Equal("error", invocation.Outcome);
        var error = JsonDocument.Parse(invocation.Body).RootElement;
        Assert.Equal("NpgsqlException", error.GetProperty("errorType").GetString());
        Assert.Contains("Failed to connect", error.GetProperty("errorMessage").GetString(), StringComparison.Ordinal);
    }
}
