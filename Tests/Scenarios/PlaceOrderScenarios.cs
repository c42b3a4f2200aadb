using System.Net;
using Xunit;

namespace Orders.Scenarios;

public abstract class PlaceOrderScenarios(IApiTarget target) : ScenarioTests(target)
{
    [Fact]
    public async Task Placing_an_order_answers_201_with_its_location_etag_and_computed_total()
    {
        var customerId = CustomerId;
        using var response = await PlaceAsync(NewOrder(customerId, ("BOOK", 2, 12.50m), ("PEN", 3, 1.99m)));

        var order = await ReadJsonAsync(response, HttpStatusCode.Created);
        var id = (string)order["id"]!;
        Assert.Equal($"/api/orders/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal(7, Guid.Parse(id).Version);
        Assert.Equal(customerId, (string)order["customerId"]!);
        Assert.Equal("EUR", (string)order["currency"]!);
        Assert.Equal("placed", (string)order["status"]!);
        Assert.Equal(30.97m, (decimal)order["total"]!);
        Assert.Equal(1, (int)order["version"]!);
        Assert.Equal(2, order["lines"]!.AsArray().Count);
        Assert.Equal(25.00m, (decimal)order["lines"]![0]!["amount"]!);
        Assert.Equal(order["createdAt"]!.ToJsonString(), order["updatedAt"]!.ToJsonString());
    }

    [Fact]
    public async Task A_placed_order_reads_back_exactly_as_it_was_answered()
    {
        using var placed = await PlaceAsync(NewOrder(CustomerId, ("A", 1, 1.5m), ("B", 1000, 0m)));
        var created = await ReadJsonAsync(placed, HttpStatusCode.Created);

        using var read = await Client.GetAsync(placed.Headers.Location!.OriginalString.TrimStart('/'), Cancel);

        Assert.Equal(created.ToJsonString(), (await ReadJsonAsync(read, HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_with_the_same_body_returns_the_original_order_and_creates_nothing()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();
        using var first = await PlaceAsync(NewOrder(customerId), key);
        var original = await ReadJsonAsync(first, HttpStatusCode.Created);

        // the same request, written differently: key order and spacing do not make it another request
        var reordered = $$"""{ "lines": [ { "unitPrice": 9.99, "quantity": 1, "sku": "SKU-1" } ], "currency": "EUR", "customerId": "{{customerId}}" }""";
        using var replay = await PostJsonAsync(Orders, reordered, key);

        Assert.Equal(original.ToJsonString(), (await ReadJsonAsync(replay, HttpStatusCode.Created)).ToJsonString());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"), "The first request is no replay.");
        Assert.Equal(["true"], replay.Headers.GetValues("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(first.Headers.ETag, replay.Headers.ETag);
        Assert.Single(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task An_idempotency_key_reused_for_a_different_body_is_refused_with_422()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();
        using var first = await PlaceAsync(NewOrder(customerId), key);
        await ReadJsonAsync(first, HttpStatusCode.Created);

        using var second = await PlaceAsync(NewOrder(customerId, ("OTHER", 5, 1m)), key);

        await AssertProblemAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.Single(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_idempotency_key_create_one_order()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();
        var body = NewOrder(customerId);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PlaceAsync(body.DeepClone(), key)));

        var ids = new HashSet<string>();
        var firsts = 0;
        foreach (var response in responses)
        {
            using (response)
            {
                ids.Add((string)(await ReadJsonAsync(response, HttpStatusCode.Created))["id"]!);
                firsts += response.Headers.Contains("Idempotent-Replayed") ? 0 : 1;
            }
        }

        Assert.Single(ids);
        Assert.Equal(1, firsts);
        Assert.Single(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task A_replay_after_the_order_changed_still_answers_what_the_first_request_got()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();
        using var first = await PlaceAsync(NewOrder(customerId), key);
        var original = await ReadJsonAsync(first, HttpStatusCode.Created);
        using (var paid = await ActAsync((string)original["id"]!, "pay"))
            await ReadJsonAsync(paid, HttpStatusCode.OK);

        using var replay = await PlaceAsync(NewOrder(customerId), key);

        Assert.Equal(original.ToJsonString(), (await ReadJsonAsync(replay, HttpStatusCode.Created)).ToJsonString());
        Assert.Equal("\"1\"", replay.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_replay_may_write_the_same_prices_differently()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();
        using var first = await PostJsonAsync(Orders, $$"""{"customerId":"{{customerId}}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", key);
        await ReadJsonAsync(first, HttpStatusCode.Created);

        using var replay = await PostJsonAsync(Orders, $$"""{"customerId":"{{customerId}}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1.00}]}""", key);

        await ReadJsonAsync(replay, HttpStatusCode.Created);
        Assert.Single(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task Two_different_requests_racing_with_one_key_create_one_order_and_refuse_the_other()
    {
        var customerId = CustomerId;
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(PlaceAsync(NewOrder(customerId, ("A", 1, 1m)), key), PlaceAsync(NewOrder(customerId, ("B", 2, 2m)), key));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.UnprocessableEntity], responses.Select(response => response.StatusCode).Order());
        Assert.Single(await ListItemsAsync($"customerId={customerId}"));
        foreach (var response in responses)
            response.Dispose();
    }

    [Fact]
    public async Task An_idempotency_key_longer_than_255_characters_is_a_400()
    {
        var customerId = CustomerId;
        using var response = await PlaceAsync(NewOrder(customerId), new string('k', 256));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "Idempotency-Key");
        Assert.Empty(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task The_largest_valid_order_is_accepted()
    {
        var lines = Enumerable.Range(0, 100).Select(i => ($"SKU-{i}", 1000, 10_000_000m)).ToArray();
        // the longest customer id there is, where the tests name customers; else the identity provider's
        var customer = Target.Issuer is { } issuer ? Caller.Customer(new string('c', 64), issuer) : Customer;

        using var response = await ClientOf(customer).PostAsync(
            Orders, new StringContent(NewOrder(customer.Id, lines).ToJsonString(), System.Text.Encoding.UTF8, "application/json"), Cancel);

        var placed = await ReadJsonAsync(response, HttpStatusCode.Created);
        Assert.Equal(1_000_000_000_000m, (decimal)placed["total"]!);
    }

    [Fact]
    public async Task Without_a_customer_id_the_order_is_the_callers()
    {
        var order = NewOrder(CustomerId);
        order.Remove("customerId");

        using var response = await PlaceAsync(order);

        Assert.Equal(CustomerId, (string)(await ReadJsonAsync(response, HttpStatusCode.Created))["customerId"]!);
    }

    [Fact]
    public async Task A_free_line_and_a_price_with_two_decimals_are_accepted()
    {
        using var response = await PlaceAsync(NewOrder(CustomerId, ("GIFT", 1, 0m), ("ITEM", 3, 0.01m)));

        Assert.Equal(0.03m, (decimal)(await ReadJsonAsync(response, HttpStatusCode.Created))["total"]!);
    }
}
