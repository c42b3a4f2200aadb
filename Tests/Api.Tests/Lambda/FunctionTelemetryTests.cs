using System.Net;
using System.Net.Http.Json;
using Orders.Scenarios;

namespace Api.Tests.Lambda;

/// <summary>
/// What the Api as a Lambda function exports: each invocation sends its request's trace before it answers, since Lambda
/// may freeze the process then, and nothing of the runtime's own calls to the Runtime API.
/// </summary>
[Collection(ApiAsFunction.Collection)]
public sealed class FunctionTelemetryTests(ApiAsFunction api)
{
    static readonly TimeSpan CollectorBudget = TimeSpan.FromSeconds(15);
    readonly Caller _customer = api.NewCustomer();

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_invocation_is_one_trace_sent_before_it_answers_with_a_child_span_per_sql_command()
    {
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = _customer.Authorization;
        using var placed = await client.PostAsJsonAsync("api/orders", NewOrder(_customer.Id), Cancel);
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var path = placed.Headers.Location!.OriginalString;

        using var read = await client.GetAsync(path.TrimStart('/'), Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // flushed by the invocation itself: no waiting for an exporter's batch
        var server = Assert.Single(api.Collector.Spans, span => span.Kind == 2 && span.Attributes.GetValueOrDefault("url.path") == path);
        Assert.Equal("GET /api/orders/{id:guid}", server.Name);
        Assert.Equal("", server.ParentSpanId);
        var sql = api.Collector.Spans.Where(span => span.TraceId == server.TraceId && span.Scope == "Npgsql").ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, span => Assert.Equal(server.SpanId, span.ParentSpanId));
    }

    [Fact]
    public async Task The_runtimes_calls_to_the_Runtime_API_and_health_probes_leave_no_trace()
    {
        using var client = api.CreateClient();
        using (var health = await client.GetAsync("health", Cancel))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        client.DefaultRequestHeaders.Authorization = _customer.Authorization;
        using var placed = await client.PostAsJsonAsync("api/orders", NewOrder(_customer.Id), Cancel);
        var marker = placed.Headers.Location!.OriginalString;
        using (var read = await client.GetAsync(marker.TrimStart('/'), Cancel))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // the read that followed the probe has arrived, so the probe's spans would have too
        var spans = await Eventually.UntilAsync(
            () => Task.FromResult(api.Collector.Spans),
            all => all.Any(span => span.Attributes.GetValueOrDefault("url.path") == marker),
            CollectorBudget,
            "the span of the read after the probe",
            all => string.Join(", ", all.Select(span => span.Name)));

        Assert.DoesNotContain(spans, span => span.Attributes.Values.Any(value => value.Contains("/2018-06-01/runtime/", StringComparison.Ordinal)));
        Assert.DoesNotContain(spans, span => span.Attributes.GetValueOrDefault("url.path") is "/health");
        Assert.DoesNotContain(spans, span => span.Scope == "Npgsql" && span.Attributes.Values.Contains("select 1"));
    }
}
