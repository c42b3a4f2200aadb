using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Api.Tests.Infrastructure;
using Npgsql;
using Orders.Scenarios;

namespace Api.Tests.Database;

/// <summary>The Api reaches its database through a proxy that the tests cut and restore.</summary>
public sealed class ApiBehindProxy(PostgresServer server) : ApiHost(server)
{
    TcpProxy? _proxy;

    public TcpProxy Proxy => _proxy ?? throw new InvalidOperationException("The proxy has not started.");

    protected override ValueTask<string?> ApiConnectionStringAsync(string apiRoleConnectionString)
    {
        var database = new NpgsqlConnectionStringBuilder(apiRoleConnectionString);
        _proxy = new TcpProxy(database.Host!, database.Port);
        return ValueTask.FromResult<string?>(
            new NpgsqlConnectionStringBuilder(apiRoleConnectionString) { Host = "127.0.0.1", Port = _proxy.Port, Timeout = 3, CommandTimeout = 3 }.ConnectionString);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_proxy is not null)
            await _proxy.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(ApiBehindProxy api) : IClassFixture<ApiBehindProxy>
{
    static readonly TimeSpan RecoveryBudget = TimeSpan.FromSeconds(20);
    readonly Caller _customer = api.NewCustomer();
    HttpClient? _signedIn;

    HttpClient Client => _signedIn ??= api.CreateClient(_customer);

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<HttpResponseMessage> PlaceAsync(string customerId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(NewOrder(customerId)) };
        request.Headers.Add("Idempotency-Key", key);
        return await Client.SendAsync(request, Cancel);
    }

    /// <summary>Repeats a request until it answers <paramref name="expected"/>, within the recovery budget.</summary>
    static Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected, string what) =>
        Eventually.UntilAsync(send, response => response.StatusCode == expected, RecoveryBudget, $"{what} answering {(int)expected}",
            response => $"{(int)response.StatusCode}");

    [Fact]
    public async Task Without_its_database_the_api_answers_503_and_recovers_by_itself_losing_nothing()
    {
        var customerId = _customer.Id;
        using var placed = await PlaceAsync(customerId, "before-outage");
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var location = placed.Headers.Location!.OriginalString.TrimStart('/');

        api.Proxy.Cut();
        try
        {
            using var read = await Client.GetAsync(location, Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(5), read.Headers.RetryAfter?.Delta);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);

            using var write = await PlaceAsync(customerId, "during-outage");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, write.StatusCode);

            using var health = await Client.GetAsync("health", Cancel);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);

            using var alive = await Client.GetAsync("alive", Cancel);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        }
        finally
        {
            api.Proxy.Restore();
        }

        using var recovered = await EventuallyAsync(() => Client.GetAsync(location, Cancel), HttpStatusCode.OK, "Reading the order placed before the outage");
        Assert.Equal(customerId, (string)(await recovered.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["customerId"]!);

        using var retried = await EventuallyAsync(() => PlaceAsync(customerId, "during-outage"), HttpStatusCode.Created, "Retrying the order refused during the outage");
        using var list = await Client.GetAsync($"api/orders?customerId={customerId}", Cancel);
        var items = (await list.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
    }

    [Fact]
    public async Task A_database_that_stops_answering_gets_503_within_the_command_timeout_and_recovers()
    {
        using (var warm = await Client.GetAsync($"api/orders?status=paid", Cancel))
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        await AssertFailsFastAndRecoversAsync(api.Proxy.Stall, "a stalled database");
    }

    [Fact]
    public async Task A_request_while_the_database_is_away_fails_within_the_connect_timeout()
    {
        await AssertFailsFastAndRecoversAsync(api.Proxy.Cut, "a missing database");
    }

    async Task AssertFailsFastAndRecoversAsync(Action fault, string what)
    {
        fault();
        try
        {
            var clock = Stopwatch.StartNew();
            using var response = await Client.GetAsync($"api/orders?status=paid", Cancel);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"The 503 took {clock.Elapsed.TotalSeconds:0.0} s; {what} must not hold a request.");
        }
        finally
        {
            api.Proxy.Restore();
        }

        using var back = await EventuallyAsync(() => Client.GetAsync("health", Cancel), HttpStatusCode.OK, "The health endpoint");
    }
}
