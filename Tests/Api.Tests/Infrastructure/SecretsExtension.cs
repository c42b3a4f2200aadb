using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Api.Tests.Infrastructure;

/// <summary>
/// What the AWS Parameters and Secrets Lambda Extension offers a function on localhost: GET
/// /secretsmanager/get?secretId=... with the session token in X-Aws-Parameters-Secrets-Token, answered with the
/// Secrets Manager GetSecretValue document. It serves one secret, whose credentials a test may change.
/// </summary>
public sealed class SecretsExtension : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<string> _requestedIds = new();

    SecretsExtension(WebApplication app, string secretArn, string sessionToken)
    {
        _app = app;
        app.MapGet("/secretsmanager/get", (HttpRequest request) =>
        {
            if (request.Headers["X-Aws-Parameters-Secrets-Token"] != sessionToken)
                return Results.StatusCode(StatusCodes.Status401Unauthorized);

            var secretId = request.Query["secretId"].ToString();
            _requestedIds.Enqueue(secretId);
            if (secretId != secretArn)
                return Results.StatusCode(StatusCodes.Status400BadRequest);

            var secretString = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = Username, ["password"] = Password });
            return Results.Json(new Dictionary<string, string> { ["ARN"] = secretArn, ["Name"] = "rds!cluster", ["SecretString"] = secretString });
        });
    }

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public IReadOnlyCollection<string> RequestedIds => _requestedIds.ToArray();

    public int Port => new Uri(_app.Urls.Single()).Port;

    public static async Task<SecretsExtension> StartAsync(string secretArn, string sessionToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var extension = new SecretsExtension(builder.Build(), secretArn, sessionToken);
        await extension._app.StartAsync();
        return extension;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
