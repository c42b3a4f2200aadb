using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orders.Loopback;

/// <summary>An OTLP/HTTP collector on a loopback port that keeps what it receives, decoding the spans and the log records.</summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    /// <summary>OpenTelemetry's SeverityNumber of ERROR; FATAL is above it.</summary>
    public const int ErrorSeverity = 17;

    readonly ConcurrentQueue<ReceivedSpan> _spans = new();
    readonly ConcurrentQueue<ReceivedLog> _logs = new();
    readonly ConcurrentDictionary<string, int> _posts = new();
    LoopbackServer? _server;

    public sealed record ReceivedSpan(
        string Scope, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, IReadOnlyDictionary<string, string> Attributes);

    public sealed record ReceivedLog(string Service, string Category, int Severity, string Body);

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver._server = await LoopbackServer.StartAsync(routes => routes.MapPost("/v1/{signal}", receiver.ReceiveAsync));
        return receiver;
    }

    public string Endpoint => _server!.Address.ToString().TrimEnd('/');

    public IReadOnlyCollection<ReceivedSpan> Spans => _spans.ToArray();

    public IReadOnlyCollection<ReceivedLog> Logs => _logs.ToArray();

    public int PostsOf(string signal) => _posts.GetValueOrDefault(signal);

    async Task<IResult> ReceiveAsync(string signal, HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        _posts.AddOrUpdate(signal, 1, (_, count) => count + 1);
        if (signal == "traces")
        {
            foreach (var span in DecodeTraces(body.ToArray()))
                _spans.Enqueue(span);
        }
        else if (signal == "logs")
        {
            foreach (var log in DecodeLogs(body.ToArray()))
                _logs.Enqueue(log);
        }

        return Results.Bytes([], "application/x-protobuf");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    // ExportTraceServiceRequest: resource_spans = 1; ResourceSpans: scope_spans = 2; ScopeSpans: scope = 1, spans = 2
    static IEnumerable<ReceivedSpan> DecodeTraces(byte[] request) =>
        from resourceSpans in Protobuf.Read(request).Where(field => field.Number == 1)
        from scopeSpans in Protobuf.Read(resourceSpans.Bytes).Where(field => field.Number == 2)
        let scope = ScopeName(scopeSpans.Bytes)
        from span in Protobuf.Read(scopeSpans.Bytes).Where(field => field.Number == 2)
        select DecodeSpan(scope, span.Bytes);

    static string ScopeName(ReadOnlyMemory<byte> scopeSpans) =>
        Protobuf.Read(scopeSpans).Where(field => field.Number == 1)
            .SelectMany(scope => Protobuf.Read(scope.Bytes).Where(field => field.Number == 1))
            .Select(name => Encoding.UTF8.GetString(name.Bytes.Span))
            .FirstOrDefault() ?? "";

    // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, attributes = 9
    static ReceivedSpan DecodeSpan(string scope, ReadOnlyMemory<byte> span)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        var attributes = new Dictionary<string, string>();
        foreach (var field in Protobuf.Read(span))
        {
            switch (field.Number)
            {
                case 1: traceId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 2: spanId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 4: parentSpanId = Convert.ToHexStringLower(field.Bytes.Span); break;
                case 5: name = Encoding.UTF8.GetString(field.Bytes.Span); break;
                case 6: kind = (int)field.Number64; break;
                case 9:
                    var (key, value) = DecodeAttribute(field.Bytes);
                    attributes[key] = value;
                    break;
            }
        }

        return new ReceivedSpan(scope, traceId, spanId, parentSpanId, name, kind, attributes);
    }

    // ExportLogsServiceRequest: resource_logs = 1; ResourceLogs: resource = 1, scope_logs = 2; ScopeLogs: scope = 1, log_records = 2
    static IEnumerable<ReceivedLog> DecodeLogs(byte[] request) =>
        from resourceLogs in Protobuf.Read(request).Where(field => field.Number == 1)
        let service = ServiceName(resourceLogs.Bytes)
        from scopeLogs in Protobuf.Read(resourceLogs.Bytes).Where(field => field.Number == 2)
        let category = ScopeName(scopeLogs.Bytes)
        from record in Protobuf.Read(scopeLogs.Bytes).Where(field => field.Number == 2)
        select DecodeLog(service, category, record.Bytes);

    // Resource: attributes = 1
    static string ServiceName(ReadOnlyMemory<byte> resourceSignals) =>
        Protobuf.Read(resourceSignals).Where(field => field.Number == 1)
            .SelectMany(resource => Protobuf.Read(resource.Bytes).Where(field => field.Number == 1))
            .Select(attribute => DecodeAttribute(attribute.Bytes))
            .FirstOrDefault(attribute => attribute.Key == "service.name").Value ?? "";

    // LogRecord: severity_number = 2, body = 5 (an AnyValue)
    static ReceivedLog DecodeLog(string service, string category, ReadOnlyMemory<byte> record)
    {
        var severity = 0;
        var body = "";
        foreach (var field in Protobuf.Read(record))
        {
            if (field.Number == 2)
                severity = (int)field.Number64;
            else if (field.Number == 5)
                body = DecodeValue(field.Bytes, body);
        }

        return new ReceivedLog(service, category, severity, body);
    }

    // KeyValue: key = 1, value = 2; AnyValue: string_value = 1, bool_value = 2, int_value = 3
    static (string Key, string Value) DecodeAttribute(ReadOnlyMemory<byte> keyValue)
    {
        string key = "", value = "";
        foreach (var field in Protobuf.Read(keyValue))
        {
            if (field.Number == 1)
                key = Encoding.UTF8.GetString(field.Bytes.Span);
            else if (field.Number == 2)
                value = DecodeValue(field.Bytes, value);
        }

        return (key, value);
    }

    static string DecodeValue(ReadOnlyMemory<byte> any, string otherwise)
    {
        var value = otherwise;
        foreach (var field in Protobuf.Read(any))
        {
            value = field.Number switch
            {
                1 => Encoding.UTF8.GetString(field.Bytes.Span),
                2 => (field.Number64 != 0).ToString(),
                3 => ((long)field.Number64).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => value,
            };
        }

        return value;
    }
}
