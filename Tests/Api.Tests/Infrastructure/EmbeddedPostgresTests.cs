using System.Text.RegularExpressions;
using Npgsql;
using Orders.Local;
using Orders.Local.Postgres;

namespace Api.Tests.Infrastructure;

/// <summary>The PostgreSQL that local runs start is the one the cloud runs, and a private server leaves nothing behind.</summary>
public sealed partial class EmbeddedPostgresTests
{
    [Fact]
    public void The_embedded_server_is_the_major_version_Aurora_runs()
    {
        var variables = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "terraform", "database", "variables.tf"));
        var engineVersion = EngineVersionDefault().Match(variables);
        Assert.True(engineVersion.Success, "terraform/modules/database/variables.tf has no default engine_version.");

        Assert.Equal(int.Parse(engineVersion.Groups["major"].Value, System.Globalization.CultureInfo.InvariantCulture), PostgresPackage.Read().Major);
    }

    [Fact]
    public async Task A_private_server_runs_that_version_checks_passwords_and_is_gone_once_disposed()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var server = await PrivateServer.StartAsync(new PrivateServerOptions { Password = "first-of-two" }, cancellationToken);
        var port = server.Port;
        await using (server)
        {
            await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync("orders", cancellationToken));
            await connection.OpenAsync(cancellationToken);
            await using var version = new NpgsqlCommand("select current_setting('server_version_num')::int / 10000", connection);
            Assert.Equal(PostgresPackage.Read().Major, (int)(await version.ExecuteScalarAsync(cancellationToken))!);

            var wrong = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "second-of-two" };
            await using var refused = new NpgsqlConnection(wrong.ConnectionString);
            var failure = await Assert.ThrowsAsync<PostgresException>(() => refused.OpenAsync(cancellationToken));
            Assert.Equal(PostgresErrorCodes.InvalidPassword, failure.SqlState);
        }

        Assert.True(FreePort.IsFree(port), $"The server still listens on {port} after it was disposed.");
    }

    [GeneratedRegex("""variable "engine_version" \{[^}]*?default\s*=\s*"(?<major>\d+)\.\d+""", RegexOptions.Singleline)]
    private static partial Regex EngineVersionDefault();
}
