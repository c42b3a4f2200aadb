using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Api.Tests.InProcess;

/// <summary>The Api on a clock the tests move on: a day passes in a moment.</summary>
public sealed class ApiOnShiftedClock(PostgresServer server) : ApiHost(server)
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>An idempotency key lasts 24 hours from its first use; then it is forgotten, with no job to clean it up.</summary>
public sealed class IdempotencyKeyExpiryTests(ApiOnShiftedClock api) : IClassFixture<ApiOnShiftedClock>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    static async Task<HttpResponseMessage> PlaceAsync(HttpClient client, string customerId, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = JsonContent.Create(NewOrder(customerId)) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request, Cancel);
    }

    [Fact]
    public async Task A_replay_within_24_hours_returns_the_first_order_and_one_after_places_a_new_one()
    {
        var customer = api.NewCustomer();
        var client = api.CreateClient(customer);
        var key = Guid.NewGuid().ToString();
        using var first = await PlaceAsync(client, customer.Id, key);
        var original = (await first.Content.ReadFromJsonAsync<JsonObject>(Cancel))!;

        api.Clock.Shift += TimeSpan.FromHours(23.9);
        using var replay = await PlaceAsync(client, customer.Id, key);
        api.Clock.Shift += TimeSpan.FromHours(0.2);
        using var afterExpiry = await PlaceAsync(client, customer.Id, key);

        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal((string)original["id"]!, (string)(await replay.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!);
        Assert.Equal(HttpStatusCode.Created, afterExpiry.StatusCode);
        Assert.False(afterExpiry.Headers.Contains("Idempotent-Replayed"), "A key past its 24 hours replayed its first order.");
        Assert.NotEqual((string)original["id"]!, (string)(await afterExpiry.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["id"]!);
        using var list = await client.GetAsync("api/orders", Cancel);
        Assert.Equal(2, (await list.Content.ReadFromJsonAsync<JsonObject>(Cancel))!["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Placing_orders_removes_expired_keys_of_every_caller()
    {
        foreach (var customer in Enumerable.Range(0, 3).Select(_ => api.NewCustomer()))
        {
            using var placed = await PlaceAsync(api.CreateClient(customer), customer.Id, Guid.NewGuid().ToString());
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        }

        api.Clock.Shift += TimeSpan.FromHours(25);
        var someoneElse = api.NewCustomer();
        using (var placed = await PlaceAsync(api.CreateClient(someoneElse), someoneElse.Id, Guid.NewGuid().ToString()))
            Assert.Equal(HttpStatusCode.Created, placed.StatusCode);

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var expired = new NpgsqlCommand("select count(*) from placement_keys where created_at <= $1", connection)
        {
            Parameters = { new() { Value = api.Clock.GetUtcNow() - TimeSpan.FromHours(24) } },
        };
        Assert.Equal(0L, (long)(await expired.ExecuteScalarAsync(Cancel))!);
    }
}
