using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using CliWrap;
using CliWrap.Buffered;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Orders.Loopback;
using Orders.Scenarios;

namespace AppHost.Tests;

/// <summary>
/// The AppHost's topology, started once for the collection as `dotnet run --project AppHost` starts it: PostgreSQL (a
/// container when a container runtime answers, else the local server binaries) on data of its own that is removed
/// afterwards, the migrations, the Api, the web front end and, where the build has LambdaEmulation, the Api as a Lambda behind the
/// API Gateway emulator. Every project sends its telemetry to <see cref="Collector"/>, which stands where the dashboard's OTLP
/// endpoint would be, and every log line of the AppHost and its resources is kept in <see cref="Logs"/>.
/// </summary>
public sealed class LocalTopology : IAsyncLifetime
{
    public const string Collection = "The AppHost's topology";

    // the first run with a container runtime pulls the PostgreSQL image and installs the Lambda test tool
    static readonly TimeSpan StartBudget = TimeSpan.FromMinutes(5);
    static readonly TimeSpan ReadyBudget = TimeSpan.FromMinutes(2);

    readonly string _dataVolume = $"orders-apphost-tests-{Guid.NewGuid():N}";
    readonly string _dataFolder = DataFolderParent();
    IDistributedApplicationTestingBuilder? _builder;
    DistributedApplication? _app;
    OtlpReceiver? _collector;
    // the tests mint their own tokens, with the key the AppHost is given to sign and trust
    readonly TokenIssuer _issuer = TokenIssuer.WithNewKey();
    UrlTarget? _api;
    UrlTarget? _gateway;
    Uri? _web;

    public DistributedApplication App => _app ?? throw NotStarted();

    public OtlpReceiver Collector => _collector ?? throw NotStarted();

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    /// <summary>The Api resource: Kestrel behind the AppHost's proxy.</summary>
    public IApiTarget Api => _api ?? throw NotStarted();

    /// <summary>The web front end: Vite's dev server, with /api on the same origin.</summary>
    public Uri Web => _web ?? throw NotStarted();

    /// <summary>
    /// The API Gateway emulator, which invokes the Api as a Lambda function. An AppHost built without it skips the test
    /// that asks, and says why.
    /// </summary>
    public IApiTarget Gateway
    {
        get
        {
            if (_gateway is null && _app is not null)
            {
                Assert.Skip($"The topology has no {ResourceNames.Gateway}: the AppHost was built with LambdaEmulation=false, " +
                    "without Aspire.Hosting.AWS, which its package feed lacks (see the README).");
            }

            return _gateway ?? throw NotStarted();
        }
    }

    /// <summary>The resources that start with the topology: every one but parameters and those started on demand (such as a rebuild).</summary>
    public IReadOnlyList<IResource> LivingResources =>
    [
        .. App.Services.GetRequiredService<DistributedApplicationModel>().Resources
            .Where(resource => resource is not IResourceWithoutLifetime && !resource.Annotations.OfType<ExplicitStartupAnnotation>().Any()),
    ];

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

        await Within(StartBudget, "Creating the AppHost", async cancel => _builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
        [
            // the AppHost's own choice between a container and the embedded server, never a developer's configured server
            "ConnectionStrings:appdb=",
            "Postgres:Source=",
            $"Postgres:DataVolume={_dataVolume}",
            $"Postgres:DataFolder={Path.Combine(_dataFolder, "data")}",
            "Postgres:AdminUi=false",
            $"LocalSignIn:SigningKey={Convert.ToBase64String(_issuer.SigningKey)}",
        ], cancel));
        var builder = _builder!;
        builder.Services.AddFakeLogging();
        foreach (var project in builder.Resources.OfType<ProjectResource>())
        {
            builder.CreateResourceBuilder(project)
                .WithEnvironment("OTEL_EXPORTER_OTLP_ENDPOINT", _collector.Endpoint)
                .WithEnvironment("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        }

        await Within(StartBudget, "Starting the topology", async cancel =>
        {
            _app = await builder.BuildAsync(cancel);
            await _app.StartAsync(cancel);
        });
        var app = _app!;
        foreach (var resource in LivingResources)
            await Within(ReadyBudget, $"{resource.Name} running or finished", cancel => RunningOrFinishedAsync(app, resource.Name, cancel));
        await Within(ReadyBudget, $"{ResourceNames.Api} becoming healthy",
            cancel => app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Api, cancel));
        _api = new UrlTarget(app.GetEndpoint(ResourceNames.Api, "http"), _issuer);
        await Within(ReadyBudget, $"{ResourceNames.Web} becoming healthy",
            cancel => app.ResourceNotifications.WaitForResourceHealthyAsync(ResourceNames.Web, cancel));
        _web = app.GetEndpoint(ResourceNames.Web, "http");

        if (LivingResources.Any(resource => resource.Name == ResourceNames.Gateway))
            _gateway = await GatewayAsync(app, _issuer);
    }

    static async Task RunningOrFinishedAsync(DistributedApplication app, string resource, CancellationToken cancel)
    {
        var state = await app.ResourceNotifications.WaitForResourceAsync(resource,
            [KnownResourceStates.Running, KnownResourceStates.Finished, KnownResourceStates.Exited, KnownResourceStates.FailedToStart], cancel);
        app.ResourceNotifications.TryGetCurrentState(resource, out var current);
        if (state != KnownResourceStates.Running && current?.Snapshot.ExitCode is not 0)
            throw new InvalidOperationException($"{resource} ended as {state} (exit code {current?.Snapshot.ExitCode}) instead of running or finishing.");
    }

    // the function has no health check of its own: it is ready when /health answers through the gateway
    static async Task<UrlTarget> GatewayAsync(DistributedApplication app, TokenIssuer issuer)
    {
        var gateway = new UrlTarget(app.GetEndpoint(ResourceNames.Gateway, "http"), issuer);
        using var probe = new HttpClient { BaseAddress = gateway.Root, Timeout = TimeSpan.FromSeconds(10) };
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
        return gateway;
    }

    public async ValueTask DisposeAsync()
    {
        // the application owns its builder once built; a builder that never got that far is disposed on its own
        var ranContainers = _app is not null && LivingResources.OfType<ContainerResource>().Any();
        if (_app is not null)
            await _app.DisposeAsync();
        else if (_builder is not null)
            await _builder.DisposeAsync();
        _app = null;
        _builder = null;
        if (_collector is not null)
            await _collector.DisposeAsync();
        _collector = null;
        Directory.Delete(_dataFolder, recursive: true);
        if (ranContainers)
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
            throw new TimeoutException($"{what} did not happen within {budget.TotalSeconds} s.");
        }
    }

    /// <summary>
    /// A folder for the local server's data, removed afterwards; others may enter it, because as root the server runs
    /// as the postgres account.
    /// </summary>
    static string DataFolderParent()
    {
        var folder = Directory.CreateTempSubdirectory("orders-apphost-tests-").FullName;
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        return folder;
    }

    // the AppHost leaves volumes behind by design (they keep a developer's data); this one was the tests' own
    async Task RemoveDataVolumeAsync()
    {
        var runtime = Environment.GetEnvironmentVariable("ASPIRE_CONTAINER_RUNTIME") ?? "docker";
        var remove = await Cli.Wrap(runtime).WithArguments(["volume", "rm", "--force", _dataVolume])
            .WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        if (!remove.IsSuccess)
            throw new InvalidOperationException($"`{runtime} volume rm {_dataVolume}` failed ({remove.ExitCode}): {remove.StandardError}");
    }

    static InvalidOperationException NotStarted() => new("The AppHost's topology has not started.");
}

// one browser for the browser tests of the topology, started by the first that opens a page
[CollectionDefinition(LocalTopology.Collection)]
public sealed class OneLocalTopology : ICollectionFixture<LocalTopology>, ICollectionFixture<Browser.Chromium>;
