using System.Diagnostics;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Orders.Loopback;
using Orders.Scenarios;

namespace AppHost.Tests;

/// <summary>
/// The AppHost's topology, started once for the collection: PostgreSQL in a container on a volume of its own, the
/// migrations, the Api resource, and the Api as a Lambda behind the API Gateway emulator. Both copies of the Api send
/// their telemetry to <see cref="Collector"/>, which stands where the dashboard's OTLP endpoint would be.
/// </summary>
public sealed class LocalTopology : IAsyncLifetime
{
    public const string Collection = "The AppHost's topology";

    // the first run pulls the PostgreSQL image and installs the Lambda test tool
    static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(5);
    static readonly TimeSpan ReadyBudget = TimeSpan.FromMinutes(2);

    readonly string _dataVolume = $"orders-apphost-tests-{Guid.NewGuid():N}";
    IDistributedApplicationTestingBuilder? _builder;
    DistributedApplication? _app;
    OtlpReceiver? _collector;
    UrlTarget? _api;
    UrlTarget? _gateway;

    public OtlpReceiver Collector => _collector ?? throw NotStarted();

    /// <summary>The Api resource: Kestrel behind the AppHost's proxy.</summary>
    public IApiTarget Api => _api ?? throw NotStarted();

    /// <summary>The API Gateway emulator, which invokes the Api as a Lambda function.</summary>
    public IApiTarget Gateway => _gateway ?? throw NotStarted();

    public async ValueTask InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    async Task StartAsync()
    {
        _collector = await OtlpReceiver.StartAsync();

        await Within(StartBudget, "Creating the AppHost", async cancel => _builder = await DistributedApplicationTestingBuilder
            .CreateAsync<Projects.AppHost>([$"Postgres:DataVolume={_dataVolume}", "Postgres:AdminUi=false"], cancel));
        var builder = _builder!;
        foreach (var api in new[] { ResourceNames.Api, ResourceNames.Lambda })
        {
            builder.CreateResourceBuilder<ProjectResource>(api)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", _collector.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }

        await Within(StartBudget, "Starting the topology", async cancel =>
        {
            _app = await builder.BuildAsync(cancel);
            await _app.StartAsync(cancel);
        });
        var app = _app!;
        await Within(ReadyBudget, $"{ResourceNames.Api} becoming healthy",
            cancel => app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Api, cancel));
        await Within(ReadyBudget, $"{ResourceNames.Gateway} running",
            cancel => app.ResourceNotifications.WaitForResourceAsync(ResourceNames.Gateway, KnownResourceStates.Running, cancel));

        _api = new UrlTarget(app.GetEndpoint(ResourceNames.Api, "http"));
        _gateway = new UrlTarget(app.GetEndpoint(ResourceNames.Gateway, "http"));

        // the function has no health check of its own: it is ready when /health answers through the gateway
        using var probe = new HttpClient { BaseAddress = _gateway.Root, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.UntilAsync(
            async () =>
            {
                try
                {
                    using var response = await probe.GetAsync("health", TestContext.Current.CancellationToken);
                    return $"{(int)response.StatusCode}";
                }
                catch (HttpRequestException e)
                {
                    return e.Message;
                }
            },
            answer => answer == "200",
            ReadyBudget,
            $"{ResourceNames.Lambda} answering /health through {ResourceNames.Gateway}");
    }

    public async ValueTask DisposeAsync()
    {
        // the application owns its builder once built; a builder that never got that far is disposed on its own
        if (_app is not null)
            await _app.DisposeAsync();
        else if (_builder is not null)
            await _builder.DisposeAsync();
        _app = null;
        _builder = null;
        if (_collector is not null)
            await _collector.DisposeAsync();
        _collector = null;
        await RemoveDataVolumeAsync();
    }

    /// <summary>Waits for a step of the start-up within a budget, and says which step when the budget runs out.</summary>
    static async Task Within(TimeSpan budget, string what, Func<CancellationToken, Task> step)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(budget);
        try
        {
            await step(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"{what} did not finish within {budget.TotalSeconds} s.");
        }
    }

    // the AppHost leaves volumes behind by design (they keep a developer's data); this one was the tests' own
    async Task RemoveDataVolumeAsync()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        using var remove = Process.Start(new ProcessStartInfo(runtime, ["volume", "rm", "--force", _dataVolume])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException($"Could not run {runtime} to remove the volume {_dataVolume}.");
        var error = await remove.StandardError.ReadToEndAsync();
        await remove.WaitForExitAsync();
        if (remove.ExitCode != 0)
            throw new InvalidOperationException($"`{runtime} volume rm {_dataVolume}` failed ({remove.ExitCode}): {error}");
    }

    static InvalidOperationException NotStarted() => new("The AppHost's topology has not started.");
}

[CollectionDefinition(LocalTopology.Collection)]
public sealed class OneLocalTopology : ICollectionFixture<LocalTopology>;
