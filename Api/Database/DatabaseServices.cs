using System.Data.Common;
using Npgsql;

namespace Api.Database;

public static class DatabaseServices
{
    public const string ConnectionName = "appdb";
    public const string MigrateAtStartupSetting = "Database:MigrateAtStartup";
    const int DefaultConnectTimeoutSeconds = 5;
    // well under API Gateway's 30 s, so a stalled database answers 503 with Retry-After rather than 504
    const int DefaultCommandTimeoutSeconds = 10;

    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // configured now, so a missing or malformed setting stops the start instead of failing every request
        var dataSource = Configure(builder.Configuration);
        builder.Services.AddSingleton(services => dataSource.UseLoggerFactory(services.GetRequiredService<ILoggerFactory>()).Build());

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (builder.Configuration.GetValue<bool>(MigrateAtStartupSetting))
            builder.Services.AddHostedService<MigrateAtStartup>();

        return builder;
    }

    /// <summary>
    /// A connection string when one is given (locally, in tests, under the AppHost); otherwise the parts AWS gives the
    /// Lambda: host, port, database and user, with the password from Secrets Manager.
    /// </summary>
    static NpgsqlDataSourceBuilder Configure(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var given = new NpgsqlDataSourceBuilder(connectionString);
            // fail fast instead of hanging when the database is away or stops answering; a connection string may say otherwise
            if (!Says(connectionString, "Timeout"))
                given.ConnectionStringBuilder.Timeout = DefaultConnectTimeoutSeconds;
            if (!Says(connectionString, "Command Timeout", "CommandTimeout"))
                given.ConnectionStringBuilder.CommandTimeout = DefaultCommandTimeoutSeconds;
            return given;
        }

        var database = configuration.GetSection("Database");
        if (string.IsNullOrWhiteSpace(database["SecretArn"]))
        {
            throw new InvalidOperationException(
                $"No database is configured. Set ConnectionStrings:{ConnectionName} (for example the environment variable " +
                $"ConnectionStrings__{ConnectionName}), or Database:Host, Database:Name, Database:Username and Database:SecretArn.");
        }

        var composed = new NpgsqlDataSourceBuilder();
        composed.ConnectionStringBuilder.Host = Required(database, "Host");
        composed.ConnectionStringBuilder.Port = int.TryParse(database["Port"], out var port) ? port : 5432;
        composed.ConnectionStringBuilder.Database = Required(database, "Name");
        composed.ConnectionStringBuilder.Username = Required(database, "Username");
        // Aurora encrypts; a setting may relax it (a local copy) or tighten it (VerifyFull with the RDS certificates)
        composed.ConnectionStringBuilder.SslMode = Enum.TryParse<SslMode>(database["SslMode"], out var sslMode) ? sslMode : SslMode.Require;
        composed.ConnectionStringBuilder.Timeout = DefaultConnectTimeoutSeconds;
        composed.ConnectionStringBuilder.CommandTimeout = DefaultCommandTimeoutSeconds;

        var extensionPort = int.TryParse(configuration[DatabaseSecret.ExtensionPortSetting], out var configuredPort) ? configuredPort : DatabaseSecret.DefaultExtensionPort;
        var extension = new HttpClient { BaseAddress = new Uri($"http://localhost:{extensionPort}/"), Timeout = TimeSpan.FromSeconds(DefaultConnectTimeoutSeconds) };
        var secret = new DatabaseSecret(extension, database["SecretArn"]!, configuration[DatabaseSecret.SessionTokenSetting]);
        composed.UsePasswordProvider(
            _ => throw new InvalidOperationException("Open connections asynchronously: the password is read over HTTP."),
            (_, cancellationToken) => secret.ReadPasswordAsync(cancellationToken));
        return composed;
    }

    static string Required(IConfigurationSection database, string key) =>
        database[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Database:{key} is not set; with Database:SecretArn it is needed to reach the database.");

    static bool Says(string connectionString, params string[] keywords) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Any(key => keywords.Contains(key, StringComparer.OrdinalIgnoreCase));

    sealed class MigrateAtStartup(SchemaMigrator migrator) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
