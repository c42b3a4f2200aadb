using Api.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orders.Scenarios;

namespace Api.Tests.Database;

/// <summary>The database settings: one shape everywhere, checked as the host starts, each wrong one named.</summary>
public sealed class DatabaseOptionsTests
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static string Key(string property) => DatabaseOptions.Key(property);

    static Dictionary<string, string?> Valid() => new()
    {
        [Key(nameof(DatabaseOptions.Host))] = "127.0.0.1",
        [Key(nameof(DatabaseOptions.Name))] = "orders",
        [Key(nameof(DatabaseOptions.Password))] = "secret",
    };

    /// <summary>A host with the database's services alone, on these settings.</summary>
    static IHost HostWith(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddDatabase();
        return builder.Build();
    }

    [Theory]
    [InlineData(nameof(DatabaseOptions.Host), null, "Database:Host is not set")]
    [InlineData(nameof(DatabaseOptions.Name), "", "Database:Name is not set")]
    [InlineData(nameof(DatabaseOptions.Username), "", "Database:Username is not set")]
    [InlineData(nameof(DatabaseOptions.Port), "0", "Database:Port is 0; a port is 1 to 65535")]
    [InlineData(nameof(DatabaseOptions.Port), "five", "Database:Port")]
    [InlineData(nameof(DatabaseOptions.SslMode), "Always", "Database:SslMode")]
    [InlineData(nameof(DatabaseOptions.SecretArn), "arn:aws:secretsmanager:eu-central-1:123456789012:secret:db", "Database:Password and Database:SecretArn are both set")]
    [InlineData(nameof(DatabaseOptions.ApiSecretArn), "orders-database-api", "Database:ApiSecretArn is 'orders-database-api'; it is the ARN")]
    [InlineData(nameof(DatabaseOptions.RootCertificate), "no-such-bundle.pem", "Database:RootCertificate names")]
    [InlineData(nameof(DatabaseOptions.ConnectTimeout), "0", "Database:ConnectTimeout is 0")]
    [InlineData(nameof(DatabaseOptions.CommandTimeout), "-1", "Database:CommandTimeout is -1")]
    [InlineData("MigrateAtStartup", "true", "MigrateAtStartup")]
    public async Task A_setting_missing_or_wrong_stops_the_start_and_is_named(string property, string? value, string expected)
    {
        var settings = Valid();
        settings[Key(property)] = value;
        using var host = HostWith(settings);

        var failure = await Record.ExceptionAsync(() => host.StartAsync(Cancel));

        Assert.NotNull(failure);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_wrong_setting_is_named_at_once()
    {
        using var host = HostWith(new()
        {
            [Key(nameof(DatabaseOptions.Port))] = "70000",
            [Key(nameof(DatabaseOptions.ApiPassword))] = "one",
            [Key(nameof(DatabaseOptions.ApiSecretArn))] = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:api",
        });

        var failure = await Record.ExceptionAsync(() => host.StartAsync(Cancel));

        Assert.NotNull(failure);
        foreach (var expected in new[] { "Database:Host is not set", "Database:Name is not set", "Database:Port is 70000", "Database:ApiPassword and Database:ApiSecretArn" })
            Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_without_its_database_settings_does_not_start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(TokenIssuer.WithNewKey().ApiSettings!);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        await using var app = builder.Build();

        var failure = await Record.ExceptionAsync(() => app.StartAsync(Cancel));

        Assert.NotNull(failure);
        Assert.Contains("Database:Host is not set", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_settings_terraform_gives_the_function_reach_the_database_as_they_say()
    {
        var bundle = Path.Combine(Path.GetTempPath(), $"rds-ca-bundle-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(bundle, "", Cancel);
        try
        {
            using var host = HostWith(new()
            {
                [Key(nameof(DatabaseOptions.Host))] = "db.cluster.example",
                [Key(nameof(DatabaseOptions.Port))] = "5433",
                [Key(nameof(DatabaseOptions.Name))] = "appdb",
                [Key(nameof(DatabaseOptions.Username))] = "orders_reader",
                [Key(nameof(DatabaseOptions.SecretArn))] = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-database-api-Ab12Cd",
                [Key(nameof(DatabaseOptions.SslMode))] = "VerifyFull",
                [Key(nameof(DatabaseOptions.RootCertificate))] = bundle,
            });
            await host.StartAsync(Cancel);

            var connection = new NpgsqlConnectionStringBuilder(host.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

            Assert.Equal(("db.cluster.example", 5433, "appdb", "orders_reader"), (connection.Host, connection.Port, connection.Database, connection.Username));
            Assert.Equal((SslMode.VerifyFull, bundle), (connection.SslMode, connection.RootCertificate));
            Assert.Null(connection.Password);
            Assert.Equal((DatabaseOptions.DefaultConnectTimeout, 10), (connection.Timeout, connection.CommandTimeout));
            await host.StopAsync(Cancel);
        }
        finally
        {
            File.Delete(bundle);
        }
    }

    [Fact]
    public void Left_out_the_api_logs_in_as_its_own_role_on_the_usual_port_taking_tls_where_the_server_offers_it()
    {
        var options = new DatabaseOptions();

        Assert.Equal((ApiRole.Name, 5432, SslMode.Prefer), (options.Username, options.Port, options.SslMode));
    }
}
