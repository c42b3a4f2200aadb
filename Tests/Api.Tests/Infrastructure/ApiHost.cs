using Api.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orders.Scenarios;

namespace Api.Tests.Infrastructure;

/// <summary>The Api in this process on a database of its own: one per test class, so classes run in parallel.</summary>
public class ApiHost(PostgresServer server) : IApiTarget, IAsyncLifetime
{
    WebApplicationFactory<Program>? _factory;

    protected PostgresServer Server { get; } = server;

    public string ConnectionString { get; private set; } = "";

    public IServiceProvider Services => Factory.Services;

    WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The Api host has not started.");

    public HttpClient CreateClient()
    {
        var client = Factory.CreateDefaultClient(new ServerErrorGuard());
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    /// <summary>
    /// The connection string the Api gets: a host that puts something between the Api and the database changes it, one
    /// that configures the database otherwise gives none.
    /// </summary>
    protected virtual ValueTask<string?> ApiConnectionStringAsync(string databaseConnectionString) => ValueTask.FromResult<string?>(databaseConnectionString);

    /// <summary>More configuration for the Api, such as where to send telemetry.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await Server.CreateDatabaseAsync();
        var apiConnectionString = await ApiConnectionStringAsync(ConnectionString);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            if (apiConnectionString is not null)
                web.UseSetting($"ConnectionStrings:{DatabaseServices.ConnectionName}", apiConnectionString);
            web.UseSetting(DatabaseServices.MigrateAtStartupSetting, "true");
            foreach (var (key, value) in Settings)
                web.UseSetting(key, value);
        });
        _ = _factory.Server;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await Server.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}
