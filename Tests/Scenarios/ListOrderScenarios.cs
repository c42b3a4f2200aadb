using System.Net;
using System.Text.Json.Nodes;
using Xunit;

namespace Orders.Scenarios;

public abstract class ListOrderScenarios(IApiTarget target) : ScenarioTests(target)
{
    async Task<List<string>> PlaceManyAsync(int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
            ids.Add((string)(await PlaceOrderAsync())["id"]!);
        return ids;
    }

    async Task<JsonObject> PageAsync(string query)
    {
        using var response = await Client.GetAsync($"{Orders}?{query}", Cancel);
        return await ReadJsonAsync(response, HttpStatusCode.OK);
    }

    static List<string> Ids(JsonObject page) => [.. page["items"]!.AsArray().Select(item => (string)item!["id"]!)];

    [Fact]
    public async Task Listing_by_customer_pages_through_every_order_newest_first()
    {
        var customerId = CustomerId;
        var placed = await PlaceManyAsync(5);

        var seen = new List<string>();
        var query = $"customerId={customerId}&limit=2";
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await PageAsync(cursor is null ? query : $"{query}&cursor={Uri.EscapeDataString(cursor)}");
            seen.AddRange(Ids(page));
            cursor = (string?)page["nextCursor"];
            pages++;
            Assert.True(pages <= 3, "The list did not end after 3 pages of 2 for 5 orders.");
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(placed), seen);
    }

    [Fact]
    public async Task Pages_stay_stable_while_new_orders_arrive()
    {
        var customerId = CustomerId;
        var placed = await PlaceManyAsync(4);

        var first = await PageAsync($"customerId={customerId}&limit=2");
        var newer = await PlaceManyAsync(2);
        var second = await PageAsync($"customerId={customerId}&limit=2&cursor={Uri.EscapeDataString((string)first["nextCursor"]!)}");

        Assert.Equal([placed[3], placed[2]], Ids(first));
        Assert.Equal([placed[1], placed[0]], Ids(second));
        Assert.Equal([newer[1], newer[0], placed[3], placed[2]], Ids(await PageAsync($"customerId={customerId}&limit=4")));
    }

    [Fact]
    public async Task Listing_filters_by_status()
    {
        var customerId = CustomerId;
        var ids = await PlaceManyAsync(3);
        using (var paid = await ActAsync(ids[1], "pay"))
            await ReadJsonAsync(paid, HttpStatusCode.OK);

        Assert.Equal([ids[1]], Ids(await PageAsync($"customerId={customerId}&status=paid")));
        Assert.Equal([ids[2], ids[0]], Ids(await PageAsync($"customerId={customerId}&status=placed")));
        Assert.Empty(Ids(await PageAsync($"customerId={customerId}&status=shipped")));
    }

    [Fact]
    public async Task The_last_page_has_no_next_cursor()
    {
        var customerId = CustomerId;
        await PlaceManyAsync(2);

        var page = await PageAsync($"customerId={customerId}&limit=2");

        Assert.Equal(2, Ids(page).Count);
        Assert.Null(page["nextCursor"]);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_20_orders()
    {
        var customerId = CustomerId;
        await PlaceManyAsync(21);

        var page = await PageAsync($"customerId={customerId}");

        Assert.Equal(20, Ids(page).Count);
        Assert.NotNull(page["nextCursor"]);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=lost", "status")]
    [InlineData("status=PAID", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=", "cursor")]
    public async Task A_bad_query_is_a_400_naming_the_parameter(string query, string field)
    {
        using var response = await Client.GetAsync($"{Orders}?customerId={CustomerId}&{query}", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_tampered_cursor_is_a_400()
    {
        var customerId = CustomerId;
        await PlaceManyAsync(2);
        var cursor = (string)(await PageAsync($"customerId={customerId}&limit=1"))["nextCursor"]!;
        var tampered = (cursor[5] == 'A' ? "B" : "A") is var swap ? cursor[..5] + swap + cursor[6..] : cursor;

        using var response = await Client.GetAsync($"{Orders}?customerId={customerId}&limit=1&cursor={Uri.EscapeDataString(tampered)}", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task A_cursor_used_with_other_filters_is_a_400()
    {
        var customerId = CustomerId;
        await PlaceManyAsync(2);
        var cursor = (string)(await PageAsync($"customerId={customerId}&limit=1"))["nextCursor"]!;

        using var response = await Client.GetAsync($"{Orders}?customerId={customerId}&status=placed&limit=1&cursor={Uri.EscapeDataString(cursor)}", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "cursor");
    }
}
