using System.Text.Json;
using Polly;

namespace Api.Secrets;

/// <summary>
/// Secrets from AWS Secrets Manager through the AWS Parameters and Secrets Lambda Extension, which caches them inside
/// the function (SECRETS_MANAGER_TTL) and answers on localhost.
/// </summary>
public sealed class SecretsExtensionClient(IHttpClientFactory clients, string? sessionToken)
{
    public const string PortSetting = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public const string SessionTokenSetting = "AWS_SESSION_TOKEN";
    public const int DefaultPort = 2773;

    /// <summary>The HttpClient that talks to the extension on localhost.</summary>
    public const string HttpClientName = "secrets-extension";

    /// <summary>The secret's string, parsed as JSON; <see cref="SecretUnavailableException"/> when it cannot be read.</summary>
    public async Task<JsonDocument> ReadJsonAsync(string secretArn, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"secretsmanager/get?secretId={Uri.EscapeDataString(secretArn)}");
        request.Headers.Add("X-Aws-Parameters-Secrets-Token", sessionToken);
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
                throw new SecretUnavailableException($"The secrets extension answered {(int)response.StatusCode} for the secret {secretArn}.");

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var envelope = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            return JsonDocument.Parse(envelope.RootElement.GetProperty("SecretString").GetString() ?? "{}");
        }
        catch (Exception exception) when (IsUnreadable(exception, cancellationToken))
        {
            throw new SecretUnavailableException($"The secret {secretArn} could not be read from the secrets extension.", exception);
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

/// <summary>A secret that cannot be read now; the next request tries again.</summary>
public sealed class SecretUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);

public static class SecretsExtensionServices
{
    /// <summary>The extension's client, once however many parts of the Api read secrets.</summary>
    public static IHostApplicationBuilder AddSecretsExtension(this IHostApplicationBuilder builder, TimeSpan readBudget)
    {
        if (builder.Services.Any(service => service.ServiceType == typeof(SecretsExtensionClient)))
            return builder;

        var configuration = builder.Configuration;
        var port = int.TryParse(configuration[SecretsExtensionClient.PortSetting], out var configured) ? configured : SecretsExtensionClient.DefaultPort;
        builder.Services.AddHttpClient(SecretsExtensionClient.HttpClientName, client =>
        {
            client.BaseAddress = new Uri($"http://localhost:{port}/");
            // the whole read, retries included
            client.Timeout = readBudget;
        });
        builder.Services.AddSingleton(services => new SecretsExtensionClient(
            services.GetRequiredService<IHttpClientFactory>(), configuration[SecretsExtensionClient.SessionTokenSetting]));
        return builder;
    }
}
