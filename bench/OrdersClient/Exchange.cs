using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OrdersClient;

/// <summary>What one request came to: the answer, or the transport error that kept an answer from arriving.</summary>
internal sealed record Answer(int Status, byte[] Body, string? ETag, bool Replayed, TimeSpan Elapsed, string? TransportError)
{
    const int ExcerptLength = 300;

    public bool Arrived => TransportError is null;

    /// <summary>The start of the body on one line, for a report.</summary>
    public string Excerpt =>
        Body.Length == 0
            ? "(no body)"
            : Encoding.UTF8.GetString(Body, 0, Math.Min(Body.Length, ExcerptLength)).ReplaceLineEndings(" ") + (Body.Length > ExcerptLength ? "…" : "");
}

/// <summary>Sends requests to the Api under test and reads its answers.</summary>
internal static class Exchange
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>A client of the Api at <paramref name="baseAddress"/>: no redirects, cookies or proxy, 30 s for an answer.</summary>
    public static HttpClient NewClient(Uri baseAddress, int connections, bool latin1Headers)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        // header values as bytes 0 to 255, so a fuzz run can send what is not ASCII; the default refuses to
        if (latin1Headers)
            handler.RequestHeaderEncodingSelector = (_, _) => Encoding.Latin1;
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var replayed = response.Headers.TryGetValues(ReplayedHeader, out var values) && values.Contains("true");
            return new Answer((int)response.StatusCode, body, response.Headers.ETag?.Tag, replayed, Stopwatch.GetElapsedTime(started), null);
        }
        catch (HttpRequestException exception)
        {
            return Failed(started, $"{exception.HttpRequestError}: {Innermost(exception).Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(started, $"no answer within {client.Timeout.TotalSeconds:0} s");
        }
        catch (IOException exception)
        {
            return Failed(started, $"I/O: {exception.Message}");
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not that.</summary>
    public static T? Read<T>(Answer answer, JsonTypeInfo<T> type)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize(new ReadOnlySpan<byte>(answer.Body), type);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static Answer Failed(long started, string error) => new(0, [], null, false, Stopwatch.GetElapsedTime(started), error);

    static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
            exception = exception.InnerException;
        return exception;
    }
}
