using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Orders.Local;

namespace AppHost.Tests;

/// <summary>
/// When the AppHost cannot have a PostgreSQL, it stops before it starts anything and says what to do. Each test starts
/// an AppHost of its own that must fail; none of them gets as far as the orchestrator.
/// </summary>
public sealed class PostgresSourceTests : IDisposable
{
    // a failure comes from configuration or one connection attempt: far less than this, which only stops a hang
    static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    readonly string _folder = Directory.CreateTempSubdirectory("orders-apphost-source-").FullName;

    public PostgresSourceTests()
    {
        // as root the server's programs run as the postgres account, which must be able to enter the folder
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_malformed_connection_string_is_refused_with_an_example_of_one()
    {
        var failure = await StartFailureAsync("ConnectionStrings:appdb=Host=localhost;Colour=blue");

        Assert.Contains("ConnectionStrings:appdb is not a PostgreSQL connection string", failure);
        Assert.Contains("Host=localhost;Port=5432;Database=orders;Username=postgres", failure);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_is_named_with_what_to_do()
    {
        var port = FreePort.Pick();

        var failure = await StartFailureAsync($"ConnectionStrings:appdb=Host=127.0.0.1;Port={port};Database=orders;Username=orders;Password=secret");

        Assert.Contains($"The PostgreSQL server that ConnectionStrings:appdb names (127.0.0.1:{port}, database orders, user orders) could not be used", failure);
        Assert.Contains("Start that server or correct ConnectionStrings:appdb", failure);
    }

    [Fact]
    public async Task A_source_that_does_not_exist_is_refused_with_the_ones_that_do()
    {
        var failure = await StartFailureAsync("Postgres:Source=Cloud");

        Assert.Contains("Postgres:Source must be one of ConnectionString, Container, Embedded, not 'Cloud'", failure);
    }

    [Fact]
    public async Task A_port_that_is_taken_stops_the_start_and_says_where_it_is_set()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var failure = await StartFailureAsync(
            // as `dotnet run` does: the test host would otherwise swap every port asked for by number for a random one
            "DcpPublisher:RandomizePorts=false",
            "ConnectionStrings:appdb=",
            "Postgres:Source=Embedded",
            $"Postgres:Port={port}",
            $"Postgres:DataFolder={Path.Combine(_folder, "data")}");

        Assert.Contains($"{port}, for the tcp endpoint of postgres: set Postgres:Port to another, or leave it unset for a free one", failure);
    }

    [Fact]
    public async Task A_data_folder_that_holds_something_else_is_left_alone()
    {
        var elsewhere = Path.Combine(_folder, "notes");
        Directory.CreateDirectory(elsewhere);
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "todo.txt"), "not a database", TestContext.Current.CancellationToken);

        var failure = await StartFailureAsync(
            "ConnectionStrings:appdb=",
            "Postgres:Source=Embedded",
            $"Postgres:DataFolder={elsewhere}");

        Assert.Contains($"{elsewhere} is neither empty nor a PostgreSQL data folder", failure);
        Assert.Equal(["todo.txt"], Directory.GetFileSystemEntries(elsewhere).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_container_is_of_the_major_version_Aurora_runs_as_the_embedded_server_is()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["ConnectionStrings:appdb=", "Postgres:Source=Container", "Postgres:AdminUi=false"], TestContext.Current.CancellationToken);

        var postgres = builder.Resources.Single(resource => resource.Name == ResourceNames.Postgres);

        Assert.True(postgres.TryGetLastAnnotation<ContainerImageAnnotation>(out var image), "The postgres resource is not a container.");
        Assert.Equal(Orders.Local.Postgres.PostgresPackage.Read().Major.ToString(System.Globalization.CultureInfo.InvariantCulture), image.Tag);
    }

    /// <summary>Creates, builds and starts the AppHost with these settings, and returns the whole of how it failed.</summary>
    static async Task<string> StartFailureAsync(params string[] settings)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        budget.CancelAfter(Budget);
        var clock = Stopwatch.StartNew();
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(settings, budget.Token);
            await using var app = await builder.BuildAsync(budget.Token);
            await app.StartAsync(budget.Token);
        });

        Assert.False(budget.IsCancellationRequested, $"The AppHost neither started nor failed within {Budget.TotalSeconds} s.");
        Assert.True(failure is not null, $"The AppHost started, after {clock.Elapsed.TotalSeconds:0.0} s, though it should have refused to.");
        return failure.ToString();
    }
}
