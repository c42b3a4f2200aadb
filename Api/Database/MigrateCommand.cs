using Microsoft.Extensions.Options;
using Npgsql;

namespace Api.Database;

/// <summary>
/// The one way the schema is applied: `Api migrate` (the AppHost's migrations, bench, the tests) or, where a function
/// has no command line, the same package with API_COMMAND=migrate (the migration function in AWS, and CI's stand-in for
/// it). As the schema's owner it applies the scripts not yet applied and lets the Api's role log in, then exits; in
/// Lambda it does so on every invocation instead (Lambda/MigrationFunction.cs), which the deploy invokes once before
/// live moves. A failed migration fails the command, or the invocation.
/// </summary>
public static partial class MigrateCommand
{
    public const string Name = "migrate";

    /// <summary>The variable that selects the command where there are no arguments.</summary>
    public const string Variable = "API_COMMAND";

    public static bool IsRequested(string[] args) =>
        args is [Name, ..] || Environment.GetEnvironmentVariable(Variable) == Name;

    public static async Task RunAsync(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        // a command, not a server: no "Application started. Press Ctrl+C to shut down."
        builder.Services.Configure<ConsoleLifetimeOptions>(lifetime => lifetime.SuppressStatusMessages = true);
        builder.AddServiceDefaults();
        builder.AddDatabase();
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton(services => new ApiRole(
            services.GetRequiredService<NpgsqlDataSource>(), ApiRolePassword(services), services.GetRequiredService<ILogger<ApiRole>>()));
        using var host = builder.Build();

        // started first: the settings are checked and the telemetry is on; stopping flushes it
        await host.StartAsync();
        try
        {
            var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            if (MigrationFunction.IsHosted)
                await MigrationFunction.ServeAsync(host.Services, stopping);
            else
                await MigrateAsync(host.Services, stopping);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(host.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand).FullName!), exception);
            throw;
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Applies the scripts not yet applied and lets the Api's role log in; returns how many scripts it applied.</summary>
    public static async Task<int> MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var applied = await services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
        await services.GetRequiredService<ApiRole>().GrantLoginAsync(cancellationToken);
        return applied;
    }

    /// <summary>
    /// The password the Api's role logs in with: Database:ApiPassword (the AppHost's, the tests'), or the secret
    /// Database:ApiSecretArn names (in AWS). Without either the role stays as it is.
    /// </summary>
    static Func<CancellationToken, ValueTask<string?>> ApiRolePassword(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (!string.IsNullOrEmpty(options.ApiPassword))
            return _ => ValueTask.FromResult<string?>(options.ApiPassword);
        if (!string.IsNullOrEmpty(options.ApiSecretArn))
        {
            var secret = DatabaseServices.Secret(services, options.ApiSecretArn);
            return async cancellationToken => await secret.ReadPasswordAsync(cancellationToken);
        }

        return _ => ValueTask.FromResult<string?>(null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The schema migration failed")]
    static partial void LogFailed(ILogger logger, Exception exception);
}
