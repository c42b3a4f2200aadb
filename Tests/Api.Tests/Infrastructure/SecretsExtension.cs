using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orders.Loopback;

namespace Api.Tests.Infrastructure;

/// <summary>
/// What the AWS Parameters and Secrets Lambda Extension offers a function on localhost: GET
/// /secretsmanager/get?secretId=... with the session token in X-Aws-Parameters-Secrets-Token, answered with the
/// Secrets Manager GetSecretValue document. It serves one database secret, whose credentials a test may change, and any
/// other secret a test puts; it answers 500 while <see cref="Failing"/>.
/// </summary>
public sealed class SecretsExtension : IAsyncDisposable
{
    readonly ConcurrentQueue<string> _requestedIds = new();
    readonly ConcurrentDictionary<string, string> _others = new();
    readonly string _secretArn;
    readonly string _sessionToken;
    LoopbackServer? _server;

    SecretsExtension(string secretArn, string sessionToken)
    {
        _secretArn = secretArn;
        _sessionToken = sessionToken;
    }

    IResult GetSecret(HttpRequest request)
    {
        if (request.Headers["X-Aws-Parameters-Secrets-Token"] != _sessionToken)
            return Results.StatusCode(StatusCodes.Status401Unauthorized);

        var secretId = request.Query["secretId"].ToString();
        _requestedIds.Enqueue(secretId);
        if (Failing)
            return Results.StatusCode(StatusCodes.Status500InternalServerError);
        if (_others.TryGetValue(secretId, out var other))
            return Results.Json(new Dictionary<string, string> { ["ARN"] = secretId, ["Name"] = "other", ["SecretString"] = other });
        if (secretId != _secretArn)
            return Results.StatusCode(StatusCodes.Status400BadRequest);

        var secretString = JsonSerializer.Serialize(new Dictionary<string, string> { ["username"] = Username, ["password"] = Password });
        return Results.Json(new Dictionary<string, string> { ["ARN"] = _secretArn, ["Name"] = "rds!cluster", ["SecretString"] = secretString });
    }

    /// <summary>Serves another secret, or changes it.</summary>
    public void Put(string secretArn, string secretString) => _others[secretArn] = secretString;

    public bool Failing { get; set; }

    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    public IReadOnlyCollection<string> RequestedIds => _requestedIds.ToArray();

    public int Port => _server!.Address.Port;

    public static async Task<SecretsExtension> StartAsync(string secretArn, string sessionToken)
    {
        var extension = new SecretsExtension(secretArn, sessionToken);
        extension._server = await LoopbackServer.StartAsync(routes => routes.MapGet("/secretsmanager/get", extension.GetSecret));
        return extension;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}
