using Api.Database;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Scenarios;

namespace Api.Tests.Infrastructure;

/// <summary>
/// The Api in this process on a database of its own: one per test class, so classes run in parallel. The migrations run
/// first, as the database's owner; the Api then connects as its own role, which may only read and write the orders
/// tables, and trusts the tokens of <see cref="Issuer"/>.
/// </summary>
public class ApiHost(PostgresServer server) : IApiTarget, IAsyncLifetime
{
    /// <summary>The password every test database gives the Api's role (a role belongs to the server, not to one database).</summary>
    public const string ApiRolePassword = "orders-api-in-tests";

    WebApplicationFactory<Program>? _factory;
    Caller? _staff;

    protected PostgresServer Server { get; } = server;

    /// <summary>The database's owner's connection string, which the migrations use.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The connection string of the Api's own role.</summary>
    public string ApiRoleConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { Username = ApiRole.Name, Password = ApiRolePassword }.ConnectionString;

    public TokenIssuer Issuer { get; } = TokenIssuer.WithNewKey();

    TokenIssuer? IApiTarget.Issuer => Issuer;

    public IServiceProvider Services => Factory.Services;

    WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("The Api host has not started.");

    public HttpClient CreateClient()
    {
        var client = Factory.CreateDefaultClient(new ServerErrorGuard());
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public Caller NewCustomer() => Issuer.NewCustomer();

    public Caller Staff() => _staff ??= Issuer.NewStaff();

    /// <summary>A client signed in as the caller.</summary>
    public HttpClient CreateClient(Caller caller)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = caller.Authorization;
        return client;
    }

    /// <summary>
    /// The connection string the Api gets: a host that puts something between the Api and the database changes it, one
    /// that configures the database otherwise gives none.
    /// </summary>
    protected virtual ValueTask<string?> ApiConnectionStringAsync(string apiRoleConnectionString) => ValueTask.FromResult<string?>(apiRoleConnectionString);

    /// <summary>More configuration for the Api, such as where to send telemetry.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    /// <summary>What the test changes in the Api's services, such as the clock.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await Server.CreateDatabaseAsync();
        await MigrateAsync(ConnectionString);
        var apiConnectionString = await ApiConnectionStringAsync(ApiRoleConnectionString);
        IEnumerable<KeyValuePair<string, string>> database = apiConnectionString is null ? [] : DatabaseSettings.Of(apiConnectionString);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (key, value) in database.Concat(Issuer.ApiSettings).Concat(Settings))
                web.UseSetting(key, value);
            web.ConfigureTestServices(ConfigureServices);
        });
        _ = _factory.Server;
    }

    /// <summary>
    /// The Api's own migrate command, as the AppHost and the deploy run it: as the owner the connection string names, giving
    /// the Api's role <see cref="ApiRolePassword"/>.
    /// </summary>
    public static Task MigrateAsync(string ownerConnectionString) =>
        MigrateCommand.RunAsync(
        [
            MigrateCommand.Name,
            .. DatabaseSettings.Of(ownerConnectionString).AsArguments(),
            $"--{DatabaseOptions.Key(nameof(DatabaseOptions.ApiPassword))}={ApiRolePassword}",
        ]);

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await Server.DropDatabaseAsync(ConnectionString);
        GC.SuppressFinalize(this);
    }
}
