using Api.Secrets;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Api.Database;

public static class DatabaseServices
{
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        // checked as the host starts, so a missing, malformed or misspelt setting stops the start instead of failing
        // every request; a key the options do not know (a leftover, a typo) is an error too
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section, binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        // the whole read of a secret, retries included, fits in the time a connection may take to open; only a
        // SecretArn or ApiSecretArn setting makes anything call it
        builder.AddSecretsExtension(TimeSpan.FromSeconds(DatabaseOptions.DefaultConnectTimeout));

        builder.Services.AddSingleton(services => DataSource(services.GetRequiredService<IOptions<DatabaseOptions>>().Value, services));

        // a child span for every SQL command of a traced request, and the pool's metrics; nothing unless telemetry is on
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddNpgsql());
        builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddNpgsqlInstrumentation());
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>A password read from the secret <paramref name="secretArn"/> names, through the secrets extension.</summary>
    public static DatabaseSecret Secret(IServiceProvider services, string secretArn) =>
        new(services.GetRequiredService<SecretsExtensionClient>(), secretArn);

    static NpgsqlDataSource DataSource(DatabaseOptions options, IServiceProvider services)
    {
        var builder = Slim();
        var connection = builder.ConnectionStringBuilder;
        connection.Host = options.Host;
        connection.Port = options.Port;
        connection.Database = options.Name;
        connection.Username = options.Username;
        connection.SslMode = options.SslMode;
        connection.RootCertificate = options.RootCertificatePath;
        connection.Timeout = options.ConnectTimeout;
        connection.CommandTimeout = options.CommandTimeout;
        if (!string.IsNullOrEmpty(options.SecretArn))
        {
            // asked for every new physical connection, so a password that was rotated is picked up without a restart
            var secret = Secret(services, options.SecretArn);
            builder.UsePasswordProvider(
                _ => throw new InvalidOperationException("Open connections asynchronously: the password is read over HTTP."),
                (_, cancellationToken) => secret.ReadPasswordAsync(cancellationToken));
        }
        else
        {
            connection.Password = options.Password;
        }

        return builder
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            // each command is one round trip: when its first response came says little its span's end does not
            .ConfigureTracing(tracing => tracing.EnableFirstResponseEvent(false))
            .Build();
    }

    /// <summary>
    /// Npgsql's slim builder with what the Api uses: its column types, arrays of them (the lines of orders) and TLS. The
    /// full builder also sets up every other PostgreSQL type and Kerberos (GSSAPI), whose libraries it loads as the first
    /// connection opens: a larger binary to load at every start and a slower first request, for nothing the Api asks.
    /// The types are PostgreSQL's own, so the first connection does not read the database's catalogue of types either:
    /// some 10 ms of every cold start in Lambda.
    /// </summary>
    static NpgsqlSlimDataSourceBuilder Slim()
    {
        var builder = new NpgsqlSlimDataSourceBuilder().EnableArrays().EnableTransportSecurity();
        builder.ConfigureTypeLoading(typeLoading => typeLoading.EnableTypeLoading(false));
        return builder;
    }
}
