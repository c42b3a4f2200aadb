using AppHost.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace AppHost;

/// <summary>Where the topology's PostgreSQL comes from, and how a service is given it.</summary>
public static class OrdersDatabase
{
    /// <summary>
    /// The database appdb, from the first of these that is there (or the one Postgres:Source names): the server that
    /// ConnectionStrings:appdb names; a container, when a container runtime answers; the local PostgreSQL server
    /// binaries. With none of them it stops at once and says how to provide one.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddOrdersDatabase(this IDistributedApplicationBuilder builder)
    {
        var settings = PostgresSettings.Read(builder.Configuration);
        var (source, reason, binaries) = Choose(builder, settings);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrdersDatabase).FullName!)
                .ChoseSource(ResourceNames.Database, source, reason);
            return Task.CompletedTask;
        });

        return source switch
        {
            PostgresSource.ConnectionString => builder.AddConfiguredDatabase(),
            PostgresSource.LocalBinaries => builder.AddLocalDatabase(binaries ?? Require(settings), settings),
            _ => builder.AddContainerDatabase(settings),
        };
    }

    /// <summary>Gives a service ConnectionStrings:appdb and starts it once the database answers.</summary>
    public static IResourceBuilder<T> WithOrdersDatabase<T>(this IResourceBuilder<T> service, IResourceBuilder<IResourceWithConnectionString> database)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        service.WithReference(database).WaitFor(database);

    /// <summary>The role the Api connects as, which the migrations create and grant the orders tables (Api/Database/ApiRole.cs).</summary>
    public const string ApiRole = "orders_api";

    /// <summary>The migrations, as the database's owner, who let the Api's role log in with <paramref name="apiPassword"/>.</summary>
    public static IResourceBuilder<T> GrantingApiLogin<T>(this IResourceBuilder<T> migrations, ParameterResource apiPassword)
        where T : IResourceWithEnvironment =>
        migrations.WithEnvironment("Database__ApiPassword", ReferenceExpression.Create($"{apiPassword}"));

    /// <summary>
    /// Gives a copy of the Api ConnectionStrings:appdb for the Api's own role, which reads and writes the orders tables and
    /// nothing else, never the owner's credentials; and starts it once the database answers.
    /// </summary>
    public static IResourceBuilder<T> WithOrdersDatabaseAsApi<T>(
        this IResourceBuilder<T> api, IResourceBuilder<IResourceWithConnectionString> database, ParameterResource apiPassword)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        api.WithReferenceRelationship(database)
            .WaitFor(database)
            .WithEnvironment(async context =>
            {
                var owner = await database.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken);
                var login = new NpgsqlConnectionStringBuilder(owner)
                {
                    Username = ApiRole,
                    Password = await apiPassword.GetValueAsync(context.CancellationToken),
                };
                context.EnvironmentVariables[$"ConnectionStrings__{ResourceNames.Database}"] = login.ConnectionString;
            });

    /// <summary>Starts a copy of the Api once the migrations have completed, and tells it not to apply them itself.</summary>
    public static IResourceBuilder<T> AfterMigrations<T>(this IResourceBuilder<T> api, IResourceBuilder<ProjectResource> migrations)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        api.WithEnvironment("Database__MigrateAtStartup", "false").WaitForCompletion(migrations);

    static (PostgresSource Source, string Reason, PostgresBinaries? Binaries) Choose(IDistributedApplicationBuilder builder, PostgresSettings settings)
    {
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Database));
        if (settings.Source is { } forced)
        {
            if (forced == PostgresSource.ConnectionString && !configured)
                throw new DistributedApplicationException($"{PostgresSettings.Section}:Source is {forced}, but ConnectionStrings:{ResourceNames.Database} is not set.");
            return (forced, $"{PostgresSettings.Section}:Source says so", null);
        }

        if (configured)
            return (PostgresSource.ConnectionString, $"ConnectionStrings:{ResourceNames.Database} is set", null);
        // publishing describes a container and starts nothing
        if (!builder.ExecutionContext.IsRunMode)
            return (PostgresSource.Container, "the AppHost is publishing", null);

        var noContainers = ContainerRuntime.WhyNotAnswering(builder.Configuration);
        if (noContainers is null)
            return (PostgresSource.Container, $"{ContainerRuntime.Command(builder.Configuration)} answers", null);

        var binaries = PostgresBinaries.Find(settings, out var noBinaries);
        if (binaries is not null)
        {
            return (PostgresSource.LocalBinaries,
                $"no ConnectionStrings:{ResourceNames.Database} is set, no container runtime answers ({noContainers}), and the " +
                $"PostgreSQL {binaries.MajorVersion} server binaries are in {binaries.Directory}" +
                (binaries.RunAs is null ? "" : $", run as {binaries.RunAs} because the AppHost runs as root"),
                binaries);
        }

        throw new DistributedApplicationException(
            $"There is no PostgreSQL for the database {ResourceNames.Database}. Give the AppHost one of: " +
            $"(1) a server of your own, with ConnectionStrings:{ResourceNames.Database} (dotnet user-secrets set ConnectionStrings:{ResourceNames.Database} " +
            "\"Host=localhost;Database=orders;Username=postgres;Password=...\" --project AppHost); " +
            $"(2) a container runtime, such as Docker, that answers (now {noContainers}); " +
            $"(3) the PostgreSQL server binaries (Debian and Ubuntu: apt-get install postgresql; elsewhere set {PostgresSettings.Section}:BinDirectory), " +
            $"and now {noBinaries}.");
    }

    static PostgresBinaries Require(PostgresSettings settings) =>
        PostgresBinaries.Find(settings, out var whyNot)
        ?? throw new DistributedApplicationException($"{PostgresSettings.Section}:Source is {PostgresSource.LocalBinaries}, but {whyNot}.");

    /// <summary>PostgreSQL in a container with a data volume (Postgres:DataVolume names it) and pgweb, unless Postgres:AdminUi is false.</summary>
    static IResourceBuilder<IResourceWithConnectionString> AddContainerDatabase(this IDistributedApplicationBuilder builder, PostgresSettings settings)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres, port: settings.Port).WithDataVolume(settings.DataVolume);
        if (settings.AdminUi)
            postgres.WithPgWeb();
        return postgres.AddDatabase(ResourceNames.Database);
    }
}
