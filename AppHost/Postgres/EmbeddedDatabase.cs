using Microsoft.Extensions.DependencyInjection;

namespace AppHost.Postgres;

/// <summary>
/// PostgreSQL from the local server binaries: the server as an executable resource on a data folder that outlives runs
/// (as a container's volume does), created with initdb on the first run, and the database created once it answers.
/// </summary>
public static class LocalPostgres
{
    public static IResourceBuilder<IResourceWithConnectionString> AddLocalDatabase(
        this IDistributedApplicationBuilder builder, PostgresBinaries binaries, PostgresSettings settings)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{ResourceNames.Postgres}-password");
        // the server's output is its log, not a stream of errors: stderr joins stdout so the dashboard shows it as such
        var (command, prefix) = binaries.CommandLine("postgres");
        var server = builder.AddResource(new LocalPostgresServer(ResourceNames.Postgres, "sh", builder.AppHostDirectory, password))
            .WithEndpoint(port: settings.Port, scheme: "tcp", name: LocalPostgresServer.EndpointName)
            .WithIconName("DatabaseMultiple")
            .WithPostgresHealthCheck(";Database=postgres");
        var dataFolder = settings.DataFolder ?? DefaultDataFolder(server, binaries);
        server.WithArgs(context =>
        {
            context.Args.Add("-c");
            context.Args.Add("""exec "$0" "$@" 2>&1""");
            context.Args.Add(command);
            foreach (var argument in prefix)
                context.Args.Add(argument);
            context.Args.Add("-D");
            context.Args.Add(dataFolder);
            context.Args.Add("-p");
            context.Args.Add(server.Resource.PrimaryEndpoint.Property(EndpointProperty.TargetPort));
            // TCP on loopback only, no Unix socket (its default folder may not be writable by this account)
            context.Args.Add("-c");
            context.Args.Add("listen_addresses=127.0.0.1");
            context.Args.Add("-c");
            context.Args.Add("unix_socket_directories=");
        });

        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, cancellationToken) =>
        {
            if (!builder.ExecutionContext.IsRunMode)
                return;
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource);
            await DataFolder.PrepareAsync(dataFolder, binaries, await password.GetValueAsync(cancellationToken) ?? "", log);
        });

        var database = builder.AddConnectionString(ResourceNames.Database, ReferenceExpression.Create($"{server.Resource};Database={ResourceNames.Database}"))
            .WithParentRelationship(server)
            .WaitFor(server)
            .WithPostgresHealthCheck();

        // as Aspire's PostgreSQL integration does for its container: the database is made once the server answers
        server.OnResourceReady(async (_, @event, cancellationToken) =>
        {
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource);
            var connectionString = await database.Resource.ConnectionStringExpression.GetValueAsync(cancellationToken);
            if (await PostgresDatabases.EnsureExistsAsync(connectionString!, cancellationToken))
                log.CreatedDatabase(ResourceNames.Database);
        });

        return database;
    }

    /// <summary>
    /// A folder per AppHost, named as Aspire names a container's volume, and per major version, because a data folder
    /// serves only the version that made it: as root under the postgres account's home, else under the user's data.
    /// </summary>
    static string DefaultDataFolder(IResourceBuilder<LocalPostgresServer> server, PostgresBinaries binaries)
    {
        var root = binaries.RunAs is null
            ? Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create)
            : HomeOf(binaries.RunAs);
        return Path.Combine(root, "aspire-postgres", $"{VolumeNameGenerator.Generate(server, "data")}-{binaries.MajorVersion}");
    }

    static string HomeOf(string account) =>
        File.ReadLines("/etc/passwd")
            .Select(line => line.Split(':'))
            .FirstOrDefault(fields => fields.Length > 5 && fields[0] == account)?[5]
        ?? throw new DistributedApplicationException($"The account {account} has no home folder to keep PostgreSQL's data in; set {PostgresSettings.Section}:DataFolder.");
}
