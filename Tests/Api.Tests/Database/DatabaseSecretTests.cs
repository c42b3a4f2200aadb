using System.Net;
using System.Net.Http.Json;
using Api.Database;
using Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orders.Scenarios;

namespace Api.Tests.Database;

/// <summary>
/// The Api configured as the Lambda is in AWS: host, port, database and user, and instead of a password the ARN of the
/// secret that holds it, read through a local secrets extension.
/// </summary>
public sealed class ApiWithDatabaseSecret(PostgresServer server) : ApiHost(server)
{
    const string SecretArn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:rds!cluster-test-AbCdEf";
    const string SessionToken = "session-token-of-the-test";

    SecretsExtension? _extension;
    NpgsqlConnectionStringBuilder? _database;

    public SecretsExtension Extension => _extension ?? throw new InvalidOperationException("The extension has not started.");

    public string AdminConnectionString => ConnectionString;

    // a login of its own, with the Api role's rights, so that rotating its password disturbs no other test class
    protected override async ValueTask<string?> ApiConnectionStringAsync(string apiRoleConnectionString)
    {
        _database = new NpgsqlConnectionStringBuilder(apiRoleConnectionString);
        _extension = await SecretsExtension.StartAsync(SecretArn, SessionToken);
        _extension.Username = $"orders_app_{Guid.NewGuid():N}"[..24];
        _extension.Password = Guid.NewGuid().ToString();
        await Server.ExecuteAsync($"create role {_extension.Username} login password '{_extension.Password}' in role {ApiRole.Name}");
        return null;
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new(DatabaseOptions.Key(nameof(DatabaseOptions.Host)), _database!.Host!),
        new(DatabaseOptions.Key(nameof(DatabaseOptions.Port)), _database.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new(DatabaseOptions.Key(nameof(DatabaseOptions.Name)), _database.Database!),
        new(DatabaseOptions.Key(nameof(DatabaseOptions.Username)), Extension.Username),
        new(DatabaseOptions.Key(nameof(DatabaseOptions.SecretArn)), SecretArn),
        new("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Extension.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("AWS_SESSION_TOKEN", SessionToken),
    ];

    /// <summary>Rotates the password as RDS does: the server takes the new one at once, the secret follows.</summary>
    public async Task RotatePasswordAsync()
    {
        var password = Guid.NewGuid().ToString();
        await Server.ExecuteAsync($"alter role {Extension.Username} password '{password}'");
        Extension.Password = password;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_extension is not null)
        {
            await Server.ExecuteAsync($"drop role if exists {_extension.Username}");
            await _extension.DisposeAsync();
        }
    }
}

public sealed class DatabaseSecretTests(ApiWithDatabaseSecret api) : IClassFixture<ApiWithDatabaseSecret>
{
    readonly Caller _customer = api.NewCustomer();
    HttpClient? _signedIn;

    HttpClient Client => _signedIn ??= api.CreateClient(_customer);

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    Task<HttpResponseMessage> PlaceAsync() => Client.PostAsJsonAsync("api/orders", NewOrder(_customer.Id), Cancel);

    [Fact]
    public async Task The_server_refuses_a_wrong_password_so_these_tests_prove_which_one_the_api_uses()
    {
        var wrong = new NpgsqlConnectionStringBuilder(api.AdminConnectionString) { Username = api.Extension.Username, Password = "wrong" };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);

        var refusal = await Record.ExceptionAsync(() => connection.OpenAsync(Cancel));

        Assert.True(
            refusal is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword },
            "The test server accepted a wrong password, so it cannot show which password the Api uses. " +
            $"Give {PostgresServer.ConnectionVariable} a server with password authentication (scram-sha-256) on TCP. {refusal?.Message}");
    }

    [Fact]
    public async Task The_api_connects_as_the_configured_user_with_the_password_from_the_secret()
    {
        using var response = await PlaceAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(api.Extension.RequestedIds, id => id.StartsWith("arn:aws:secretsmanager:", StringComparison.Ordinal));
        Assert.All(api.Extension.RequestedIds, id => Assert.EndsWith("rds!cluster-test-AbCdEf", id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_password_is_rotated_new_connections_use_the_new_one()
    {
        using (var before = await PlaceAsync())
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);

        var readsBefore = api.Extension.RequestedIds.Count;

        await api.RotatePasswordAsync();
        // the pooled connections logged in with the old password and stay valid; new ones must use the new password
        api.Services.GetRequiredService<NpgsqlDataSource>().Clear();

        // until the new password is read, new connections are refused: 503, never anything else
        using var placed = await Eventually.UntilAsync(
            async () =>
            {
                var response = await PlaceAsync();
                Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"Answered {(int)response.StatusCode}, not 201 or 503.");
                return response;
            },
            response => response.StatusCode == HttpStatusCode.Created,
            TimeSpan.FromSeconds(10),
            "Placing an order after the password was rotated",
            response => $"{(int)response.StatusCode}");

        Assert.True(api.Extension.RequestedIds.Count > readsBefore, "No new connection asked the secrets extension for the password.");
    }
}
