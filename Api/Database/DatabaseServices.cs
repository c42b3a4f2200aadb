using System.Data.Common;
using Api.Secrets;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Api.Database;

public static class DatabaseServices
{
    public const string ConnectionName = "appdb";
    public const string MigrateAtStartupSetting = "Database:MigrateAtStartup";
    // what the deploy's migration function sets: the same package as the Api, in its own mode
    public const string CommandVariable = "API_COMMAND";
    const int DefaultConnectTimeoutSeconds = 5;
    // well under API Gateway's 30 s, so a stalled database answers 503 with Retry-After rather than 504
    const int DefaultCommandTimeoutSeconds = 10;

    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // configured now, so a missing or malformed setting stops the start instead of failing every request
        var dataSource = Configure(builder.Configuration);
        var readsSecret = ReadsPasswordFromSecret(builder.Configuration, out var secretArn);
        if (readsSecret)
            AddDatabaseSecret(builder, secretArn);
        if (!string.IsNullOrWhiteSpace(builder.Configuration["Database:ApiSecretArn"]))
            builder.AddSecretsExtension(TimeSpan.FromSeconds(DefaultConnectTimeoutSeconds));

        builder.Services.AddSingleton(services =>
        {
            if (readsSecret)
            {
                var secret = services.GetRequiredService<DatabaseSecret>();
                dataSource.UsePasswordProvider(
                    _ => throw new InvalidOperationException("Open connections asynchronously: the password is read over HTTP."),
                    (_, cancellationToken) => secret.ReadPasswordAsync(cancellationToken));
            }

            return dataSource
                .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
                // each command is one round trip: when its first response came says little its span's end does not
                .ConfigureTracing(tracing => tracing.EnableFirstResponseEvent(false))
                .Build();
        });

        // a child span for every SQL command of a traced request, and the pool's metrics; nothing unless telemetry is on
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton(services => new ApiRole(
            services.GetRequiredService<NpgsqlDataSource>(), ApiRolePassword(builder, services), services.GetRequiredService<ILogger<ApiRole>>()));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        if (builder.Configuration.GetValue<bool>(MigrateAtStartupSetting))
            builder.Services.AddHostedService<MigrateAtStartup>();

        return builder;
    }

    /// <summary>`Api migrate` on a command line, or the migration function in Lambda.</summary>
    public static bool MigrationRequested(string[] args) =>
        args is ["migrate", ..] || Environment.GetEnvironmentVariable(CommandVariable) == "migrate";

    /// <summary>
    /// The migrate command: a host without a server that applies the schema as it starts and then stops, its telemetry
    /// started before and flushed after, as in any host. A failed migration fails the start, and the command with it.
    /// In Lambda it is a function instead: each invocation applies the schema and answers how many scripts it applied,
    /// or fails with the error, so the deploy invokes it once and moves traffic only when it succeeded.
    /// </summary>
    public static async Task MigrateAsync(string[] args)
    {
        var asFunction = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") is not null;
        var builder = Host.CreateApplicationBuilder(args);
        if (!asFunction)
            builder.Configuration.AddInMemoryCollection([new(MigrateAtStartupSetting, "true")]);
        // a command, not a server: no "Application started. Press Ctrl+C to shut down."
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.AddServiceDefaults();
        builder.AddDatabase();
        if (asFunction)
            builder.Services.AddHostedService<MigrationFunction>();
        using var host = builder.Build();
        if (asFunction)
        {
            await host.RunAsync();
            return;
        }

        await host.StartAsync();
        await host.StopAsync();
    }

    /// <summary>
    /// A connection string when one is given (locally, in tests, under the AppHost); otherwise the parts AWS gives the
    /// Lambda: host, port, database and user, with the password from Secrets Manager.
    /// </summary>
    static NpgsqlSlimDataSourceBuilder Configure(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionName);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var given = Slim(connectionString);
            // fail fast instead of hanging when the database is away or stops answering; a connection string may say otherwise
            if (!Says(connectionString, "Timeout"))
                given.ConnectionStringBuilder.Timeout = DefaultConnectTimeoutSeconds;
            if (!Says(connectionString, "Command Timeout", "CommandTimeout"))
                given.ConnectionStringBuilder.CommandTimeout = DefaultCommandTimeoutSeconds;
            return given;
        }

        if (!ReadsPasswordFromSecret(configuration, out _))
        {
            throw new InvalidOperationException(
                $"No database is configured. Set ConnectionStrings:{ConnectionName} (for example the environment variable " +
                $"ConnectionStrings__{ConnectionName}), or Database:Host, Database:Name, Database:Username and Database:SecretArn.");
        }

        var database = configuration.GetSection("Database");
        var composed = Slim(null);
        composed.ConnectionStringBuilder.Host = Required(database, "Host");
        composed.ConnectionStringBuilder.Port = int.TryParse(database["Port"], out var port) ? port : 5432;
        composed.ConnectionStringBuilder.Database = Required(database, "Name");
        composed.ConnectionStringBuilder.Username = Required(database, "Username");
        // Aurora encrypts; a setting may relax it (a local copy) or tighten it (VerifyFull with the RDS certificates)
        composed.ConnectionStringBuilder.SslMode = Enum.TryParse<SslMode>(database["SslMode"], out var sslMode) ? sslMode : SslMode.Require;
        // the certificate authorities VerifyFull trusts, such as the RDS bundle the Lambda package carries next to the Api
        if (database["RootCertificate"] is { Length: > 0 } rootCertificate)
            composed.ConnectionStringBuilder.RootCertificate = Path.Combine(AppContext.BaseDirectory, rootCertificate);
        composed.ConnectionStringBuilder.Timeout = DefaultConnectTimeoutSeconds;
        composed.ConnectionStringBuilder.CommandTimeout = DefaultCommandTimeoutSeconds;
        return composed;
    }

    /// <summary>
    /// Npgsql's slim builder with what the Api uses: its column types, arrays of them (the lines of orders) and TLS. The
    /// full builder also sets up every other PostgreSQL type and Kerberos (GSSAPI), whose libraries it loads as the first
    /// connection opens: a larger binary to load at every start and a slower first request, for nothing the Api asks.
    /// The types are PostgreSQL's own, so the first connection does not read the database's catalogue of types either:
    /// some 10 ms of every cold start in Lambda.
    /// </summary>
    static NpgsqlSlimDataSourceBuilder Slim(string? connectionString)
    {
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString).EnableArrays().EnableTransportSecurity();
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder;
    }

    /// <summary>In AWS there is no connection string, and the password is the secret's.</summary>
    static bool ReadsPasswordFromSecret(IConfiguration configuration, out string secretArn)
    {
        secretArn = configuration["Database:SecretArn"] ?? "";
        return string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName)) && !string.IsNullOrWhiteSpace(secretArn);
    }

    static void AddDatabaseSecret(IHostApplicationBuilder builder, string secretArn)
    {
        // the whole read, retries included, fits in the time a connection may take to open
        builder.AddSecretsExtension(TimeSpan.FromSeconds(DefaultConnectTimeoutSeconds));
        builder.Services.AddSingleton(services => new DatabaseSecret(services.GetRequiredService<SecretsExtensionClient>(), secretArn));
    }

    static string Required(IConfigurationSection database, string key) =>
        database[key] is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Database:{key} is not set; with Database:SecretArn it is needed to reach the database.");

    static bool Says(string connectionString, params string[] keywords) =>
        new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Any(key => keywords.Contains(key, StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Where the migrations find the password the Api's role logs in with: Database:ApiPassword (the AppHost's), or the
    /// secret Database:ApiSecretArn names (in AWS). Without either the role stays as it is.
    /// </summary>
    static Func<CancellationToken, ValueTask<string?>> ApiRolePassword(IHostApplicationBuilder builder, IServiceProvider services)
    {
        var configuration = builder.Configuration;
        if (configuration["Database:ApiPassword"] is { Length: > 0 } password)
            return _ => ValueTask.FromResult<string?>(password);
        if (configuration["Database:ApiSecretArn"] is { Length: > 0 } secretArn)
        {
            var secret = new DatabaseSecret(services.GetRequiredService<SecretsExtensionClient>(), secretArn);
            return async cancellationToken => await secret.ReadPasswordAsync(cancellationToken);
        }

        return _ => ValueTask.FromResult<string?>(null);
    }

    sealed class MigrateAtStartup(SchemaMigrator migrator, ApiRole apiRole) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await migrator.MigrateAsync(cancellationToken);
            await apiRole.GrantLoginAsync(cancellationToken);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
