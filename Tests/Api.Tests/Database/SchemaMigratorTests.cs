using Api.Database;
using Api.Tests.Infrastructure;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Sdk;

namespace Api.Tests.Database;

public sealed class SchemaMigratorTests(PostgresServer server) : IAsyncLifetime
{
    string _connectionString = "";

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _connectionString = await server.CreateDatabaseAsync();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(_connectionString);
    }

    async Task<int> MigrateAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        return await new SchemaMigrator(dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Cancel);
    }

    async Task<T?> ScalarAsync<T>(string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (T?)await command.ExecuteScalarAsync(Cancel);
    }

    [Fact]
    public void The_scripts_ship_in_the_assembly_in_version_order()
    {
        Assert.NotEmpty(SchemaMigrator.Scripts);
        Assert.Equal(SchemaMigrator.Scripts.Select(script => script.Version).Order(), SchemaMigrator.Scripts.Select(script => script.Version));
        Assert.Equal("0001_create_orders.sql", SchemaMigrator.Scripts[0].Name);
    }

    [Fact]
    public async Task A_new_database_gets_every_script_and_a_second_run_applies_nothing()
    {
        Assert.Equal(SchemaMigrator.Scripts.Count, await MigrateAsync());
        Assert.Equal(0, await MigrateAsync());

        Assert.Equal(SchemaMigrator.Scripts.Count, await ScalarAsync<long>("select count(*) from schema_migrations"));
        Assert.Equal(0L, await ScalarAsync<long>("select count(*) from orders"));
    }

    [Fact]
    public async Task Instances_migrating_together_apply_each_script_exactly_once()
    {
        var applied = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(MigrateAsync, Cancel)));

        Assert.Equal(SchemaMigrator.Scripts.Count, applied.Sum());
        Assert.Equal(SchemaMigrator.Scripts.Count, await ScalarAsync<long>("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task A_script_changed_after_it_was_applied_is_refused()
    {
        await MigrateAsync();
        await ScalarAsync<object>("update schema_migrations set checksum = 'changed' where version = 1");

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(MigrateAsync);

        Assert.Contains("0001_create_orders.sql was changed", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MigrateCommand.Name, null)]
    [InlineData(null, MigrateCommand.Name)]
    public async Task The_migrate_command_applies_the_schema_and_exits(string? argument, string? apiCommand)
    {
        var (exitCode, output) = await RunApiAsync(argument, apiCommand, DatabaseSettings.Of(_connectionString));

        Assert.True(exitCode == 0, $"'Api migrate' exited with {exitCode}: {output}");
        Assert.Equal(SchemaMigrator.Scripts.Count, await ScalarAsync<long>("select count(*) from schema_migrations"));
    }

    [Fact]
    public async Task The_migrate_command_with_a_setting_missing_fails_and_names_it()
    {
        var settings = DatabaseSettings.Of(_connectionString);
        settings.Remove(DatabaseOptions.Key(nameof(DatabaseOptions.Name)));

        var (exitCode, output) = await RunApiAsync(MigrateCommand.Name, null, settings);

        Assert.True(exitCode != 0, $"'Api migrate' without a database name exited with 0: {output}");
        Assert.Contains("Database:Name is not set", output, StringComparison.Ordinal);
    }

    /// <summary>The Api's build as a process, with its settings in its environment, as the AppHost starts it.</summary>
    static async Task<(int ExitCode, string Output)> RunApiAsync(string? argument, string? apiCommand, Dictionary<string, string> settings)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        budget.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            var run = await Cli.Wrap("dotnet")
                .WithArguments([Path.Combine(AppContext.BaseDirectory, "Api.dll"), .. argument is null ? [] : new[] { argument }])
                .WithEnvironmentVariables(variables =>
                {
                    // how the migration function's package is told, outside Lambda the same command
                    if (apiCommand is not null)
                        variables.Set(MigrateCommand.Variable, apiCommand);
                    foreach (var (name, value) in settings.AsVariables())
                        variables.Set(name, value);
                    variables.Set("DOTNET_ENVIRONMENT", "Production").Set("ASPNETCORE_ENVIRONMENT", "Production");
                })
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(budget.Token);
            return (run.ExitCode, run.StandardOutput + run.StandardError);
        }
        catch (OperationCanceledException) when (!Cancel.IsCancellationRequested)
        {
            throw FailException.ForFailure("'Api migrate' did not exit within 60 seconds.");
        }
    }
}
