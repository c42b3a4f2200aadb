using System.Data.Common;
using Npgsql;

namespace Api.Database;

public static class DatabaseServices
{
    public const string ConnectionName = "appdb";
    public const string MigrateAtStartupSetting = "Database:MigrateAtStartup";
    const int DefaultConnectTimeoutSeconds = 5;

    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            var connectionString = builder.Configuration.GetConnectionString(ConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionName} is not set. Give it as configuration, for example the environment variable ConnectionStrings__{ConnectionName}.");
            }

            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            // fail fast instead of hanging when the database is away; a connection string may still say otherwise
            if (!SaysConnectTimeout(connectionString))
                dataSource.ConnectionStringBuilder.Timeout = DefaultConnectTimeoutSeconds;

            dataSource.UseLoggerFactory(services.GetRequiredService<ILoggerFactory>());
            return dataSource.Build();
        });

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (builder.Configuration.GetValue<bool>(MigrateAtStartupSetting))
            builder.Services.AddHostedService<MigrateAtStartup>();

        return builder;
    }

    static bool SaysConnectTimeout(string connectionString) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Any(key => key.Equals("Timeout", StringComparison.OrdinalIgnoreCase));

    sealed class MigrateAtStartup(SchemaMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
