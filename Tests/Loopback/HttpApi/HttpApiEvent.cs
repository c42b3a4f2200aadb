using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Orders.Loopback.HttpApi;

/// <summary>
/// A request as API Gateway's HTTP API hands it to a Lambda function: the event of payload format 2.0. Each rule names
/// the page it follows; where the pages are silent, the events AWS published from real APIs decide
/// (https://github.com/awsdocs/aws-lambda-developer-guide/blob/main/sample-apps/nodejs-apig/event-v2.json).
/// </summary>
public static class HttpApiEvent
{
    /// <summary>Working with AWS Lambda proxy integrations for HTTP APIs: the payload format, version 2.0.</summary>
    public const string PayloadFormatPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html";

    /// <summary>Customizing HTTP API access logs: what each field of the request context holds.</summary>
    public const string ContextVariablesPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html";

    /// <summary>Working with routes for HTTP APIs: parameters are decoded before they reach the integration.</summary>
    public const string RoutesPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html";

    /// <summary>Quotas for HTTP APIs: a payload of at most 10 MB.</summary>
    public const string QuotasPage = "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html";

    public const int MaxPayloadBytes = 10 * 1024 * 1024;

    // hop-by-hop headers (RFC 9110, 7.6.1) belong to one connection; a proxy such as API Gateway passes none of them on
    static readonly HashSet<string> HopByHop = ["connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade"];

    // the bodies a real HTTP API passes as text; every other one, and one without a content type, goes base64-encoded
    static readonly HashSet<string> TextMediaTypes = ["application/json", "application/xml", "application/javascript"];

    /// <summary>The event for the request, which took the route given, with its body as read.</summary>
    public static JsonObject From(HttpRequest request, RouteMatch route, byte[] body, string requestId, DateTimeOffset receivedAt)
    {
        var lambdaEvent = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = route.RouteKey,
            // PayloadFormatPage: the path ($default stage: no stage prefix; percent-decoded, as AWS's own emulator gives
            // it) and the query string as sent, without "?"
            ["rawPath"] = request.Path.Value,
            ["rawQueryString"] = request.QueryString.HasValue ? request.QueryString.Value![1..] : "",
        };

        var cookies = Cookies(request);
        if (cookies.Count > 0)
            lambdaEvent["cookies"] = cookies;
        lambdaEvent["headers"] = Headers(request, body.Length);
        if (QueryStringParameters((string)lambdaEvent["rawQueryString"]!) is { Count: > 0 } parameters)
            lambdaEvent["queryStringParameters"] = parameters;
        if (route.PathParameters.Count > 0)
            lambdaEvent["pathParameters"] = new JsonObject([.. route.PathParameters.Select(parameter => KeyValuePair.Create(parameter.Key, (JsonNode?)parameter.Value))]);
        lambdaEvent["requestContext"] = RequestContext(request, route, requestId, receivedAt);
        if (body.Length > 0)
        {
            var asText = IsText(request.ContentType);
            lambdaEvent["body"] = asText ? System.Text.Encoding.UTF8.GetString(body) : Convert.ToBase64String(body);
            lambdaEvent["isBase64Encoded"] = !asText;
        }
        else
        {
            lambdaEvent["isBase64Encoded"] = false;
        }

        return lambdaEvent;
    }

    /// <summary>
    /// PayloadFormatPage: "All cookie headers in the request are ... added to the cookies field". Real APIs give one
    /// entry a cookie, in the order sent, and leave the Cookie header out of the headers.
    /// </summary>
    static JsonArray Cookies(HttpRequest request) =>
    [
        .. request.Headers.Cookie
            .SelectMany(line => (line ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(cookie => (JsonNode?)cookie),
    ];

    /// <summary>
    /// PayloadFormatPage: "All header names are lowercase" and "Duplicate headers are combined with commas". API Gateway
    /// adds what a proxy adds (the client's address, port and scheme), a trace id, and the body's length.
    /// </summary>
    static JsonObject Headers(HttpRequest request, int bodyLength)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in request.Headers)
        {
            var lowerName = name.ToLowerInvariant();
            if (lowerName != "cookie" && !HopByHop.Contains(lowerName))
                headers[lowerName] = string.Join(',', values.Select(value => value ?? ""));
        }

        var client = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        headers["x-forwarded-for"] = headers["x-forwarded-for"] is { } forwarded ? $"{forwarded}, {client}" : client;
        headers["x-forwarded-port"] = request.HttpContext.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        headers["x-forwarded-proto"] = request.Scheme;
        headers["x-amzn-trace-id"] = $"Root=1-{DateTimeOffset.UtcNow.ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        headers["content-length"] = bodyLength.ToString(CultureInfo.InvariantCulture);
        return headers;
    }

    /// <summary>
    /// RoutesPage: "API Gateway decodes URL-encoded request parameters"; PayloadFormatPage: "Duplicate query strings are
    /// combined with commas". Decoding undoes percent-encoding only: a "+" stays a "+". A key without a value is there,
    /// empty.
    /// </summary>
    static JsonObject QueryStringParameters(string rawQueryString)
    {
        var parameters = new JsonObject();
        foreach (var pair in rawQueryString.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = pair.IndexOf('=', StringComparison.Ordinal) is var equals and >= 0
                ? (Uri.UnescapeDataString(pair[..equals]), Uri.UnescapeDataString(pair[(equals + 1)..]))
                : (Uri.UnescapeDataString(pair), "");
            parameters[key] = parameters[key] is { } earlier ? $"{earlier},{value}" : value;
        }

        return parameters;
    }

    /// <summary>ContextVariablesPage: what each field holds; the time in the common log format, the epoch in milliseconds.</summary>
    static JsonObject RequestContext(HttpRequest request, RouteMatch route, string requestId, DateTimeOffset receivedAt)
    {
        var host = request.Host.Value ?? "localhost";
        return new JsonObject
        {
            ["accountId"] = "123456789012",
            ["apiId"] = "loopback",
            ["domainName"] = host,
            ["domainPrefix"] = request.Host.Host.Split('.')[0],
            ["http"] = new JsonObject
            {
                ["method"] = request.Method,
                ["path"] = request.Path.Value,
                ["protocol"] = request.Protocol,
                ["sourceIp"] = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
                ["userAgent"] = request.Headers.UserAgent.ToString(),
            },
            ["requestId"] = requestId,
            ["routeKey"] = route.RouteKey,
            ["stage"] = "$default",
            ["time"] = receivedAt.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture) + " +0000",
            ["timeEpoch"] = receivedAt.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>
    /// Whether a real HTTP API passes the body as text: text/* and the JSON, XML and JavaScript types, whatever their
    /// parameters. The pages say only that a body may come base64-encoded (PayloadFormatPage's isBase64Encoded); this
    /// is what real APIs were seen to do.
    /// </summary>
    public static bool IsText(string? contentType)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return mediaType.StartsWith("text/", StringComparison.Ordinal) || TextMediaTypes.Contains(mediaType);
    }

    /// <summary>A request id in the shape API Gateway gives one: 16 characters of base64.</summary>
    public static string NewRequestId() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(11));
}
