using System.Net;
using System.Net.Http.Json;
using Orders.Loopback;
using Orders.Scenarios;

namespace AppHost.Tests;

/// <summary>Each way into the topology yields one trace per request, from the server span down to its SQL.</summary>
[Collection(LocalTopology.Collection)]
public sealed class TelemetryTests(LocalTopology topology)
{
    static readonly TimeSpan CollectorBudget = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(ResourceNames.Api)]
    [InlineData(ResourceNames.Gateway)]
    public async Task A_request_is_a_trace_of_its_server_span_and_a_child_span_per_sql_command(string entry)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var client = (entry == ResourceNames.Api ? topology.Api : topology.Gateway).CreateClient();
        using var placed = await client.PostAsJsonAsync("api/orders", NewOrder($"telemetry-{Guid.NewGuid():N}"), cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var path = placed.Headers.Location!.OriginalString;
        using var read = await client.GetAsync(path.TrimStart('/'), cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var spans = await Eventually.UntilAsync(
            () => Task.FromResult(topology.Collector.Spans),
            all => all.Any(span => IsServerSpanOf(span, path)),
            CollectorBudget,
            $"The collector receiving the server span of GET {path} through {entry}",
            all => string.Join(", ", all.Select(span => span.Name)));

        var server = spans.Single(span => IsServerSpanOf(span, path));
        Assert.Equal("GET /api/orders/{id:guid}", server.Name);
        Assert.Equal("200", server.Attributes["http.response.status_code"]);
        Assert.Contains(spans, span => span.Scope == "Npgsql" && span.TraceId == server.TraceId && span.ParentSpanId == server.SpanId);
    }

    static bool IsServerSpanOf(OtlpReceiver.ReceivedSpan span, string path) =>
        span.Kind == 2 && span.Attributes.GetValueOrDefault("url.path") == path;
}
