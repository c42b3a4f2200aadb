using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Orders.Loopback.HttpApi;

/// <summary>
/// What API Gateway's HTTP API answers the client: the function's response of payload format 2.0 translated
/// (<see cref="HttpApiEvent.PayloadFormatPage"/>), or API Gateway's own answer when there is none to translate.
/// </summary>
public static class HttpApiResponse
{
    /// <summary>Troubleshooting HTTP API Lambda integrations: a function that fails is {"message":"Internal Server Error"}.</summary>
    public const string TroubleshootingPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-troubleshooting-lambda.html";

    // the stand-in's own server frames the body: a length or encoding of the function's would contradict it
    static readonly HashSet<string> Framing = ["content-length", "transfer-encoding", "connection"];

    /// <summary>
    /// Writes the function's answer. PayloadFormatPage: statusCode, headers, body (base64 when isBase64Encoded), and
    /// "each cookie becomes a set-cookie header". JSON without a statusCode is the body of a 200 of
    /// application/json. A function error, or an answer that is not one of these, is a 500 (TroubleshootingPage).
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, LambdaInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Outcome != "response" || Translate(invocation.Body) is not { } answer)
        {
            await WriteMessageAsync(response, StatusCodes.Status500InternalServerError, "Internal Server Error", cancellationToken);
            return;
        }

        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            if (!Framing.Contains(name.ToLowerInvariant()))
                response.Headers[name] = value;
        }

        foreach (var cookie in answer.Cookies)
            response.Headers.Append("Set-Cookie", cookie);
        response.ContentLength = answer.Body.Length;
        if (answer.Body.Length > 0)
            await response.Body.WriteAsync(answer.Body, cancellationToken);
    }

    /// <summary>One of API Gateway's own answers, such as 404 {"message":"Not Found"} for a request no route takes.</summary>
    public static Task WriteMessageAsync(HttpResponse response, int statusCode, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        return response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }), cancellationToken);
    }

    /// <summary>The response the function's payload stands for, or none when it stands for none.</summary>
    public static FunctionAnswer? Translate(string payload)
    {
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(payload).RootElement;
        }
        catch (JsonException)
        {
            return null;
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("statusCode", out var statusCode))
        {
            // PayloadFormatPage: "If your Lambda function returns valid JSON and doesn't return a statusCode", the JSON is the body
            var inferred = root.ValueKind == JsonValueKind.String ? root.GetString()! : payload;
            return new FunctionAnswer(200, new Dictionary<string, string> { ["Content-Type"] = "application/json" }, [], Encoding.UTF8.GetBytes(inferred));
        }

        if (statusCode.ValueKind != JsonValueKind.Number || !statusCode.TryGetInt32(out var status) || status is < 100 or > 599)
            return null;
        try
        {
            var headers = root.TryGetProperty("headers", out var given) && given.ValueKind == JsonValueKind.Object
                ? given.EnumerateObject().ToDictionary(header => header.Name, header => header.Value.ToString())
                : [];
            List<string> cookies = root.TryGetProperty("cookies", out var set) && set.ValueKind == JsonValueKind.Array
                ? [.. set.EnumerateArray().Select(cookie => cookie.GetString() ?? "")]
                : [];
            var text = root.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.String ? body.GetString()! : "";
            var base64 = root.TryGetProperty("isBase64Encoded", out var encoded) && encoded.ValueKind == JsonValueKind.True;
            return new FunctionAnswer(status, headers, cookies, base64 ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text));
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>A response of payload format 2.0, its body decoded.</summary>
public sealed record FunctionAnswer(int StatusCode, IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> Cookies, byte[] Body);
