using System.Collections.Concurrent;
using Api.Tests.Infrastructure;
using Npgsql;
using Orders.Loopback;
using Orders.Loopback.HttpApi;
using Orders.Scenarios;

namespace Api.Tests.Lambda;

/// <summary>
/// The Api's own build as Lambda runs it, started once for the collection: a function process on a Runtime API on
/// loopback, behind the stand-in for API Gateway's HTTP API with the deployed API's routes, on a database of its own
/// (migrated by the owner, then reached as the Api's role), trusting the tests' token issuer and exporting its telemetry
/// to <see cref="Collector"/>, as it would to the collector layer. The Lambda package runs the same code, compiled
/// ahead of time; .ci/run tests that one the same way.
/// </summary>
public sealed class ApiAsFunction(PostgresServer server) : IApiTarget, IAsyncLifetime
{
    public const string Collection = "The Api as a Lambda function";

    // a JIT start on a busy machine; the package's native start is measured in .ci/run
    static readonly TimeSpan InitBudget = TimeSpan.FromSeconds(60);

    readonly ConcurrentQueue<string> _output = new();
    string _connectionString = "";
    LambdaFunction? _function;
    HttpApiGateway? _gateway;
    UrlTarget? _target;

    public TokenIssuer Issuer { get; } = TokenIssuer.WithNewKey();

    TokenIssuer? IApiTarget.Issuer => Issuer;

    public OtlpReceiver Collector { get; private set; } = null!;

    UrlTarget Target => _target ?? throw new InvalidOperationException($"The function has not started; its output:\n{string.Join('\n', _output)}");

    public HttpClient CreateClient() => Target.CreateClient();

    public Caller NewCustomer() => Target.NewCustomer();

    public Caller Staff() => Target.Staff();

    public async ValueTask InitializeAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        await ApiHost.MigrateAsync(_connectionString);
        Collector = await OtlpReceiver.StartAsync();

        // the Api's own role, as in AWS: the settings name no user, so the Api logs in as the role its code names
        var environment = DatabaseSettings.Of(
            new NpgsqlConnectionStringBuilder(_connectionString) { Username = null, Password = ApiHost.ApiRolePassword }.ConnectionString).AsVariables();
        environment["DOTNET_ENVIRONMENT"] = "Production";
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = Collector.Endpoint;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        foreach (var (key, value) in Issuer.ApiSettings)
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        _function = await LambdaFunction.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Api.dll"), environment, InitBudget, TestContext.Current.CancellationToken, _output.Enqueue);
        _gateway = await HttpApiGateway.StartAsync(
            HttpApiRoutes.FromTerraform(Path.Combine(AppContext.BaseDirectory, "terraform", "api", "gateway.tf")), _function.InvokeAsync);
        _target = new UrlTarget(_gateway.Address, Issuer);
    }

    public async ValueTask DisposeAsync()
    {
        if (_gateway is not null)
            await _gateway.DisposeAsync();
        if (_function is not null)
            await _function.DisposeAsync();
        if (Collector is not null)
            await Collector.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await server.DropDatabaseAsync(_connectionString);
    }
}

[CollectionDefinition(ApiAsFunction.Collection)]
public sealed class OneApiAsFunction : ICollectionFixture<ApiAsFunction>;
