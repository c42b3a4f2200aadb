using System.Text.Json;
using Npgsql;
using Polly;

namespace Api.Database;

/// <summary>
/// The database password, read from AWS Secrets Manager through the AWS Parameters and Secrets Lambda Extension,
/// which caches secrets inside the function. It is asked for every new physical connection, so a password that RDS
/// rotated is picked up without a restart.
/// </summary>
public sealed class DatabaseSecret(IHttpClientFactory clients, string secretArn, string? sessionToken)
{
    public const string ExtensionPortSetting = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string SessionTokenSetting = "AWS_SESSION_TOKEN";
    public const int DefaultExtensionPort = 2773;

    /// <summary>The HttpClient that talks to the extension on localhost.</summary>
    public const string ExtensionClient = "secrets-extension";

    public async ValueTask<string> ReadPasswordAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
        request.Headers.Add("X-Aws-Parameters-Secrets-Token", sessionToken);
        try
        {
            using var response = await clients.CreateClient(ExtensionClient).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new NpgsqlException($"The secrets extension answered {(int)response.StatusCode} for the database secret.");

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var envelope = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            using var secret = JsonDocument.Parse(envelope.RootElement.GetProperty("SecretString").GetString() ?? "{}");
            return secret.RootElement.GetProperty("password").GetString()
                ?? throw new NpgsqlException("The database secret has no password.");
        }
        catch (Exception exception) when (IsUnreadable(exception, cancellationToken))
        {
            // as a database that cannot be reached: the request gets a 503 and the next one tries again
            throw new NpgsqlException("The database secret could not be read from the secrets extension.", exception);
        }
    }

    static bool IsUnreadable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException => true,
        // the retries ran out of time, or the circuit is open after repeated failures
        ExecutionRejectedException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        _ => false,
    };
}
