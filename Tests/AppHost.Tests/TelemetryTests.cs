using System.Net;
using System.Net.Http.Json;
using Orders.Loopback;
using Orders.Scenarios;

namespace AppHost.Tests;

/// <summary>Each way into the topology yields one trace per request, from the server span down to its SQL, and probes yield none.</summary>
public abstract class TelemetryTests(IApiTarget entry, OtlpReceiver collector)
{
    static readonly TimeSpan CollectorBudget = TimeSpan.FromSeconds(30);

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_is_a_trace_of_its_server_span_and_a_child_span_per_sql_command()
    {
        var customer = entry.NewCustomer();
        using var client = entry.CreateClient();
        client.DefaultRequestHeaders.Authorization = customer.Authorization;
        using var placed = await client.PostAsJsonAsync("api/orders", NewOrder(customer.Id), Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var path = placed.Headers.Location!.OriginalString;
        using var read = await client.GetAsync(path.TrimStart('/'), Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        var spans = await SpansAsync(all => all.Any(span => IsServerSpanOf(span, path)), $"the server span of GET {path}");

        var server = spans.Single(span => IsServerSpanOf(span, path));
        Assert.Equal("GET /api/orders/{id:guid}", server.Name);
        Assert.Equal("200", server.Attributes["http.response.status_code"]);
        Assert.Contains(spans, span => span.Scope == "Npgsql" && span.TraceId == server.TraceId && span.ParentSpanId == server.SpanId);
    }

    [Fact]
    public async Task A_health_probe_leaves_no_trace_not_even_of_its_sql()
    {
        using var client = entry.CreateClient();
        client.DefaultRequestHeaders.Authorization = entry.NewCustomer().Authorization;
        using (var health = await client.GetAsync("health", Cancel))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var marker = $"/api/orders/{Guid.CreateVersion7()}";
        using (var unknown = await client.GetAsync(marker.TrimStart('/'), Cancel))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        // the request that followed the probe has arrived, so the probe's spans would have too
        var spans = await SpansAsync(all => all.Any(span => IsServerSpanOf(span, marker)), $"the server span of GET {marker}");

        Assert.DoesNotContain(spans, span => span.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
        Assert.DoesNotContain(spans, span => span.Scope == "Npgsql" && span.Attributes.Values.Contains("select 1"));
        // every span of the Api belongs to a trace whose root the collector has: nothing hangs off an unexported parent
        var ids = spans.Select(span => span.SpanId).ToHashSet();
        Assert.All(spans, span => Assert.True(span.ParentSpanId == "" || ids.Contains(span.ParentSpanId),
            $"{span.Scope} span {span.Name} has a parent the collector never received."));
    }

    Task<IReadOnlyCollection<OtlpReceiver.ReceivedSpan>> SpansAsync(Func<IReadOnlyCollection<OtlpReceiver.ReceivedSpan>, bool> ready, string what) =>
        Eventually.UntilAsync(
            () => Task.FromResult(collector.Spans),
            ready,
            CollectorBudget,
            $"The collector receiving {what}",
            all => string.Join(", ", all.Select(span => span.Name)));

    static bool IsServerSpanOf(OtlpReceiver.ReceivedSpan span, string path) =>
        span.Kind == 2 && span.Attributes.GetValueOrDefault("url.path") == path;
}

[Collection(LocalTopology.Collection)]
public sealed class TelemetryThroughApi(LocalTopology topology) : TelemetryTests(topology.Api, topology.Collector);
