using System.Net;
using Xunit;

namespace Orders.Scenarios;

/// <summary>
/// A customer sees and changes their own orders only; another customer's are not found, never forbidden, so that nothing
/// tells they exist. Staff see every order, pay, ship and cancel any.
/// </summary>
public abstract class AccessScenarios(IApiTarget target) : ScenarioTests(target)
{
    HttpClient? _other;

    /// <summary>A second customer, who must not see the first one's orders.</summary>
    HttpClient Other => _other ??= ClientOf(Target.NewCustomer());

    [Fact]
    public async Task Another_customers_order_is_not_found()
    {
        var placed = await PlaceOrderAsync();

        using var response = await Other.GetAsync($"{Orders}/{placed["id"]}", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("pay")]
    [InlineData("cancel")]
    public async Task Acting_on_another_customers_order_is_a_404_and_changes_nothing(string action)
    {
        var placed = await PlaceOrderAsync();

        using var response = await ActAsync(Other, (string)placed["id"]!, action);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
        using var read = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        Assert.Equal(placed.ToJsonString(), (await ReadJsonAsync(read, HttpStatusCode.OK)).ToJsonString());
    }

    [Fact]
    public async Task Shipping_is_for_staff_even_of_ones_own_paid_order()
    {
        var placed = await PlaceOrderAsync();
        using (var paid = await ActAsync((string)placed["id"]!, "pay"))
            await ReadJsonAsync(paid, HttpStatusCode.OK);

        using var response = await ActAsync(Client, (string)placed["id"]!, "ship");

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        using var read = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        Assert.Equal("paid", (string)(await ReadJsonAsync(read, HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task A_customer_lists_their_own_orders_only()
    {
        var mine = (string)(await PlaceOrderAsync())["id"]!;

        Assert.Equal([mine], (await ListItemsAsync("")).Select(item => (string)item!["id"]!));
        Assert.Empty(await ListItemsAsync("", Other));
        using var response = await Other.GetAsync($"{Orders}?customerId={Uri.EscapeDataString(CustomerId)}", Cancel);
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_customers_cursor_is_a_400_and_shows_nothing_of_theirs()
    {
        await PlaceOrderAsync();
        await PlaceOrderAsync();
        using var first = await Client.GetAsync($"{Orders}?limit=1", Cancel);
        var cursor = (string)(await ReadJsonAsync(first, HttpStatusCode.OK))["nextCursor"]!;

        using var forged = await Other.GetAsync($"{Orders}?limit=1&cursor={Uri.EscapeDataString(cursor)}", Cancel);

        await AssertProblemAsync(forged, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task Placing_an_order_for_another_customer_is_a_403_and_stores_nothing()
    {
        var someoneElse = Target.NewCustomer();

        using var response = await PlaceAsync(NewOrder(someoneElse.Id));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Empty(await ListItemsAsync("", ClientOf(someoneElse)));
        Assert.Empty(await ListItemsAsync(""));
    }

    [Fact]
    public async Task The_same_idempotency_key_from_two_customers_places_two_orders()
    {
        var key = Guid.NewGuid().ToString();
        var other = Target.NewCustomer();
        var otherClient = ClientOf(other);

        using var mine = await PlaceAsync(NewOrder(CustomerId), key);
        using var theirs = await otherClient.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, Orders)
            {
                Content = new StringContent(NewOrder(other.Id).ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
                Headers = { { "Idempotency-Key", key } },
            },
            Cancel);

        var myOrder = await ReadJsonAsync(mine, HttpStatusCode.Created);
        var theirOrder = await ReadJsonAsync(theirs, HttpStatusCode.Created);
        Assert.NotEqual((string)myOrder["id"]!, (string)theirOrder["id"]!);
        Assert.Equal(other.Id, (string)theirOrder["customerId"]!);
        Assert.False(theirs.Headers.Contains("Idempotent-Replayed"), "Another customer's key replayed this customer's order.");
        Assert.Single(await ListItemsAsync(""));
        Assert.Single(await ListItemsAsync("", otherClient));
    }

    [Fact]
    public async Task Staff_read_and_list_any_customers_orders()
    {
        var placed = await PlaceOrderAsync();

        using var read = await StaffClient.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        Assert.Equal(placed.ToJsonString(), (await ReadJsonAsync(read, HttpStatusCode.OK)).ToJsonString());
        Assert.Equal([(string)placed["id"]!], (await ListItemsAsync($"customerId={Uri.EscapeDataString(CustomerId)}", StaffClient)).Select(item => (string)item!["id"]!));
        Assert.True(await AllOrdersHoldAsync((string)placed["id"]!), "Staff's list of all orders does not hold the customer's order.");
    }

    [Theory]
    [InlineData("pay", "paid")]
    [InlineData("cancel", "cancelled")]
    public async Task Staff_pay_and_cancel_any_customers_order(string action, string status)
    {
        var placed = await PlaceOrderAsync();

        using var response = await ActAsync(StaffClient, (string)placed["id"]!, action);

        Assert.Equal(status, (string)(await ReadJsonAsync(response, HttpStatusCode.OK))["status"]!);
        using var read = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        Assert.Equal(status, (string)(await ReadJsonAsync(read, HttpStatusCode.OK))["status"]!);
    }

    /// <summary>Whether staff's unfiltered list holds the order, within its first pages (it is among the newest).</summary>
    async Task<bool> AllOrdersHoldAsync(string id)
    {
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            using var response = await StaffClient.GetAsync($"{Orders}?limit=100{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}", Cancel);
            var body = await ReadJsonAsync(response, HttpStatusCode.OK);
            if (body["items"]!.AsArray().Any(item => (string)item!["id"]! == id))
                return true;
            if ((cursor = (string?)body["nextCursor"]) is null)
                return false;
        }

        return false;
    }
}
