using Microsoft.Extensions.Configuration;

namespace AppHost;

/// <summary>Where the topology's PostgreSQL comes from, and how a service is given it.</summary>
static class OrdersDatabase
{
    /// <summary>
    /// The database appdb: the server ConnectionStrings:appdb names when one is configured, so no container runtime is
    /// needed; otherwise a PostgreSQL container with a data volume and pgweb to look inside it. Postgres:DataVolume
    /// names the volume (a name of Aspire's by default); Postgres:AdminUi=false leaves pgweb out.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddOrdersDatabase(this IDistributedApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ResourceNames.Database)))
            return builder.AddConnectionString(ResourceNames.Database);

        var settings = builder.Configuration.GetSection("Postgres");
        var volume = settings["DataVolume"];
        var postgres = builder.AddPostgres(ResourceNames.Postgres)
            .WithDataVolume(string.IsNullOrWhiteSpace(volume) ? null : volume);
        if (settings.GetValue("AdminUi", defaultValue: true))
            postgres.WithPgWeb();

        return postgres.AddDatabase(ResourceNames.Database);
    }

    /// <summary>Gives a service ConnectionStrings:appdb and starts it once the database can take connections.</summary>
    public static IResourceBuilder<T> WithOrdersDatabase<T>(this IResourceBuilder<T> service, IResourceBuilder<IResourceWithConnectionString> database)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport
    {
        service.WithReference(database);

        // a container starts with the topology and is waited for; a configured server is simply there
        return database.Resource is PostgresDatabaseResource ? service.WaitFor(database) : service;
    }

    /// <summary>Starts a copy of the Api once the migrations have completed, and tells it not to apply them itself.</summary>
    public static IResourceBuilder<T> AfterMigrations<T>(this IResourceBuilder<T> api, IResourceBuilder<ProjectResource> migrations)
        where T : IResourceWithEnvironment, IResourceWithWaitSupport =>
        api.WithEnvironment("Database__MigrateAtStartup", "false").WaitForCompletion(migrations);
}
