using Microsoft.Extensions.DependencyInjection;
using Orders.Local.Postgres;

namespace AppHost.Postgres;

/// <summary>
/// PostgreSQL from the embedded server binaries (the npm registry's, at the major version Aurora runs): the server as an
/// executable resource on a data folder that outlives runs (as a container's volume does), made by initdb on the first
/// run, and the database made once the server answers.
/// </summary>
public static class EmbeddedDatabase
{
    public static IResourceBuilder<IResourceWithConnectionString> AddEmbeddedDatabase(this IDistributedApplicationBuilder builder, PostgresSettings settings)
    {
        var package = PostgresPackage.Read();
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{ResourceNames.Postgres}-password");
        var server = builder.AddResource(new EmbeddedServer(ResourceNames.Postgres, "sh", builder.AppHostDirectory, password))
            .WithEndpoint(port: settings.Port, scheme: "tcp", name: EmbeddedServer.EndpointName)
            .WithIconName("DatabaseMultiple")
            .WithPostgresHealthCheck(";Database=postgres");
        var dataFolder = settings.DataFolder ?? DefaultDataFolder(server, package);

        // installed (once per machine) before the start, where a failure stops the AppHost with its reason
        ServerBinaries? binaries = null;
        builder.Eventing.Subscribe<BeforeStartEvent>(async (@event, cancellationToken) =>
        {
            if (!builder.ExecutionContext.IsRunMode)
                return;
            var log = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server.Resource);
            try
            {
                binaries = await EmbeddedPostgres.InstallAsync(cancellationToken);
                if (await DataFolder.IsReadyAsync(dataFolder, binaries))
                {
                    log.UsingDataFolder(dataFolder);
                    return;
                }

                log.CreatingDataFolder(dataFolder);
                await DataFolder.InitializeAsync(dataFolder, binaries, await password.GetValueAsync(cancellationToken) ?? "", throwaway: false, cancellationToken);
            }
            catch (InvalidOperationException exception)
            {
                throw new DistributedApplicationException(
                    $"{exception.Message} (The data folder is {dataFolder}; {PostgresSettings.Section}:DataFolder chooses another.)", exception);
            }
        });

        // the server's output is its log, not a stream of errors: stderr joins stdout so the dashboard shows it as such
        server.WithArgs(context =>
        {
            var (command, prefix) = binaries!.CommandLine("postgres");
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
    /// serves only the version that made it: under the user's data, or as root under /var/lib.
    /// </summary>
    static string DefaultDataFolder(IResourceBuilder<EmbeddedServer> server, PostgresPackage package)
    {
        var root = Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows()
            ? "/var/lib/orders-local"
            : Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);
        return Path.Combine(root, "aspire-postgres", $"{VolumeNameGenerator.Generate(server, "data")}-{package.Major}");
    }
}
