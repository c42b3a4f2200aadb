using System.Net;
using System.Net.Http.Json;
using Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orders.Loopback;
using Orders.Scenarios;

namespace Api.Tests.Telemetry;

/// <summary>The Api exporting over OTLP/HTTP to a receiver in this process.</summary>
public sealed class ApiWithCollector(PostgresServer server) : ApiHost(server)
{
    public OtlpReceiver Collector { get; } = OtlpReceiver.StartAsync().GetAwaiter().GetResult();

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", Collector.Endpoint),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        new("OTEL_SERVICE_NAME", "orders-api-test"),
        // as the AppHost asks of every service: a span is kept even when its parent is not
        new("OTEL_TRACES_SAMPLER", "always_on"),
    ];

    public void Flush()
    {
        Assert.True(Services.GetRequiredService<TracerProvider>().ForceFlush(10_000), "The tracer provider did not flush within 10 s.");
        Assert.True(Services.GetRequiredService<MeterProvider>().ForceFlush(10_000), "The meter provider did not flush within 10 s.");
        Assert.True(Services.GetRequiredService<LoggerProvider>().ForceFlush(10_000), "The logger provider did not flush within 10 s.");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Collector.DisposeAsync();
    }
}

[Collection(AloneInProcess.Name)]
public sealed class TelemetryTests(ApiWithCollector api) : IClassFixture<ApiWithCollector>
{
    static readonly TimeSpan CollectorBudget = TimeSpan.FromSeconds(15);
    readonly Caller _customer = api.NewCustomer();
    HttpClient? _signedIn;

    HttpClient Client => _signedIn ??= api.CreateClient(_customer);

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<string> PlaceOrderAsync()
    {
        using var response = await Client.PostAsJsonAsync("api/orders", NewOrder(_customer.Id), Cancel);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString.TrimStart('/');
    }

    /// <summary>Waits until the collector holds spans that satisfy <paramref name="ready"/>.</summary>
    Task<IReadOnlyCollection<OtlpReceiver.ReceivedSpan>> SpansAsync(Func<IReadOnlyCollection<OtlpReceiver.ReceivedSpan>, bool> ready, string what) =>
        Eventually.UntilAsync(
            () =>
            {
                api.Flush();
                return Task.FromResult(api.Collector.Spans);
            },
            ready,
            CollectorBudget,
            $"The collector receiving {what}",
            spans => string.Join(", ", spans.Select(span => span.Name)));

    [Fact]
    public async Task One_request_is_one_trace_a_server_span_named_by_route_with_a_child_span_per_sql_command()
    {
        var location = await PlaceOrderAsync();
        var path = "/" + location;
        using var response = await Client.GetAsync(location, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var spans = await SpansAsync(
            all => all.Any(span => span.Attributes.GetValueOrDefault("url.path") == path),
            $"the server span of GET {path}");

        var server = spans.Single(span => span.Attributes.GetValueOrDefault("url.path") == path);
        Assert.Equal("Microsoft.AspNetCore", server.Scope);
        Assert.Equal(2, server.Kind); // SPAN_KIND_SERVER
        Assert.Equal("GET /api/orders/{id:guid}", server.Name);
        Assert.True(server.Attributes.ContainsKey("http.route"), string.Join(", ", server.Attributes));
        Assert.Equal("/api/orders/{id:guid}", server.Attributes["http.route"]);
        Assert.Equal("GET", server.Attributes["http.request.method"]);
        Assert.Equal("200", server.Attributes["http.response.status_code"]);
        Assert.Equal("", server.ParentSpanId);

        var trace = spans.Where(span => span.TraceId == server.TraceId).ToList();
        var sql = trace.Where(span => span.Scope == "Npgsql").ToList();
        Assert.NotEmpty(sql);
        Assert.All(sql, span => Assert.Equal(server.SpanId, span.ParentSpanId));
        Assert.All(sql, span => Assert.Equal(3, span.Kind)); // SPAN_KIND_CLIENT
        Assert.Single(trace, span => span.Kind == 2);
    }

    [Fact]
    public async Task A_request_that_ends_in_an_error_response_keeps_its_route_and_status()
    {
        // the framework refuses the body and the exception handler answers, which clears the request's endpoint
        using var content = new StringContent("""{"customerId":"c","currency":"EUR","lines":[{"sku":"A","quantity":"x","unitPrice":1}]}""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("api/orders", content, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);

        var spans = await SpansAsync(
            all => all.Any(span => span.Kind == 2 && span.Attributes.GetValueOrDefault("http.response.status_code") == "400"),
            "the span of the refused order");

        var server = spans.First(span => span.Kind == 2 && span.Attributes.GetValueOrDefault("http.response.status_code") == "400");
        Assert.Equal("POST /api/orders/", server.Name);
        Assert.Equal("/api/orders/", server.Attributes["http.route"]);
    }

    [Fact]
    public async Task Health_requests_are_not_traced()
    {
        using (var health = await Client.GetAsync("health", Cancel))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using (var alive = await Client.GetAsync("alive", Cancel))
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        var marker = "/" + await PlaceOrderAsync();
        using (var read = await Client.GetAsync(marker, Cancel))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        // the read that followed the probes has arrived, so the probes' spans would have too
        var spans = await SpansAsync(
            all => all.Any(span => span.Attributes.GetValueOrDefault("url.path") == marker), "the span of the read after the probes");

        Assert.DoesNotContain(spans, span => span.Attributes.GetValueOrDefault("url.path") is "/health" or "/alive");
        Assert.DoesNotContain(spans, span => span.Scope == "Npgsql" && span.Attributes.Values.Contains("select 1"));
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("logs")]
    public async Task Metrics_and_logs_reach_the_collector_too(string signal)
    {
        await PlaceOrderAsync();

        await Eventually.UntilAsync(
            () =>
            {
                api.Flush();
                return Task.FromResult(api.Collector.PostsOf(signal));
            },
            posts => posts > 0,
            CollectorBudget,
            $"The collector receiving {signal}");
    }
}
