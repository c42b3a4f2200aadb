using System.Net;
using Xunit;

namespace Orders.Scenarios;

public abstract class OrderLifecycleScenarios(IApiTarget target) : ScenarioTests(target)
{
    /// <summary>Places an order and walks it through the given actions, each of which must succeed.</summary>
    async Task<string> OrderThroughAsync(params string[] actions)
    {
        var id = (string)(await PlaceOrderAsync())["id"]!;
        foreach (var action in actions)
        {
            using var response = await ActAsync(id, action);
            await ReadJsonAsync(response, HttpStatusCode.OK);
        }

        return id;
    }

    [Fact]
    public async Task Paying_a_placed_order_answers_the_paid_order_with_a_new_etag()
    {
        var id = await OrderThroughAsync();

        using var response = await ActAsync(id, "pay");

        var order = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("paid", (string)order["status"]!);
        Assert.Equal(2, (int)order["version"]!);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.True((DateTimeOffset)order["updatedAt"]! >= (DateTimeOffset)order["createdAt"]!);
    }

    [Theory]
    [InlineData("ship", new[] { "pay" }, "shipped")]
    [InlineData("cancel", new string[0], "cancelled")]
    [InlineData("cancel", new[] { "pay" }, "cancelled")]
    public async Task Allowed_transitions_move_the_order(string action, string[] before, string expected)
    {
        var id = await OrderThroughAsync(before);

        using var response = await ActAsync(id, action);

        Assert.Equal(expected, (string)(await ReadJsonAsync(response, HttpStatusCode.OK))["status"]!);
        using var read = await Client.GetAsync($"{Orders}/{id}", Cancel);
        Assert.Equal(expected, (string)(await ReadJsonAsync(read, HttpStatusCode.OK))["status"]!);
    }

    [Theory]
    [InlineData("ship", new string[0])]
    [InlineData("pay", new[] { "pay" })]
    [InlineData("pay", new[] { "pay", "ship" })]
    [InlineData("cancel", new[] { "pay", "ship" })]
    [InlineData("pay", new[] { "cancel" })]
    [InlineData("ship", new[] { "cancel" })]
    [InlineData("cancel", new[] { "cancel" })]
    public async Task Other_transitions_are_a_409_and_change_nothing(string action, string[] before)
    {
        var id = await OrderThroughAsync(before);
        using var was = await Client.GetAsync($"{Orders}/{id}", Cancel);
        var stored = await ReadJsonAsync(was, HttpStatusCode.OK);

        using var response = await ActAsync(id, action);

        await AssertProblemAsync(response, HttpStatusCode.Conflict);
        using var now = await Client.GetAsync($"{Orders}/{id}", Cancel);
        Assert.Equal(stored.ToJsonString(), (await ReadJsonAsync(now, HttpStatusCode.OK)).ToJsonString());
    }

    [Theory]
    [InlineData(new string[0], new[] { "pay", "cancel" }, new[] { "pay", "cancel" })]
    [InlineData(new[] { "pay" }, new[] { "cancel" }, new[] { "ship", "cancel" })]
    [InlineData(new[] { "pay", "ship" }, new string[0], new string[0])]
    [InlineData(new[] { "cancel" }, new string[0], new string[0])]
    [InlineData(new[] { "pay", "cancel" }, new string[0], new string[0])]
    public async Task An_order_offers_its_customer_and_staff_the_actions_its_status_allows_each(string[] before, string[] toCustomer, string[] toStaff)
    {
        var id = await OrderThroughAsync(before);

        using var asCustomer = await Client.GetAsync($"{Orders}/{id}", Cancel);
        using var asStaff = await StaffClient.GetAsync($"{Orders}/{id}", Cancel);

        Assert.Equal(toCustomer, ActionsOf(await ReadJsonAsync(asCustomer, HttpStatusCode.OK)));
        Assert.Equal(toStaff, ActionsOf(await ReadJsonAsync(asStaff, HttpStatusCode.OK)));
    }

    [Theory]
    [InlineData("pay", new string[0], new[] { "cancel" })]
    [InlineData("cancel", new string[0], new string[0])]
    [InlineData("ship", new[] { "pay" }, new string[0])]
    public async Task An_action_answers_what_its_caller_may_do_next(string action, string[] before, string[] next)
    {
        var id = await OrderThroughAsync(before);

        using var response = await ActAsync(id, action);

        Assert.Equal(next, ActionsOf(await ReadJsonAsync(response, HttpStatusCode.OK)));
    }

    [Fact]
    public async Task A_stale_if_match_is_a_412_and_changes_nothing()
    {
        var id = await OrderThroughAsync("pay");

        using var response = await ActAsync(id, "ship", ifMatch: "\"1\"");

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        using var read = await Client.GetAsync($"{Orders}/{id}", Cancel);
        Assert.Equal("paid", (string)(await ReadJsonAsync(read, HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task The_current_if_match_lets_the_change_through()
    {
        var id = await OrderThroughAsync("pay");

        using var response = await ActAsync(id, "ship", ifMatch: "\"2\"");

        Assert.Equal("shipped", (string)(await ReadJsonAsync(response, HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task If_match_star_lets_the_change_through()
    {
        var id = await OrderThroughAsync();

        using var response = await ActAsync(id, "pay", ifMatch: "*");

        Assert.Equal("paid", (string)(await ReadJsonAsync(response, HttpStatusCode.OK))["status"]!);
    }

    [Fact]
    public async Task A_weak_tag_in_if_match_is_a_412_because_if_match_compares_strongly()
    {
        var id = await OrderThroughAsync();

        using var response = await ActAsync(id, "pay", ifMatch: "W/\"1\"");

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Theory]
    [InlineData("pay")]
    [InlineData("ship")]
    [InlineData("cancel")]
    public async Task Acting_on_an_unknown_order_is_a_404(string action)
    {
        using var response = await ActAsync(Guid.CreateVersion7().ToString(), action);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_pay_and_cancel_with_the_same_etag_let_exactly_one_win()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = await OrderThroughAsync();

            var responses = await Task.WhenAll(ActAsync(id, "pay", "\"1\""), ActAsync(id, "cancel", "\"1\""));

            var statuses = responses.Select(response => response.StatusCode).ToList();
            Assert.Single(statuses, HttpStatusCode.OK);
            Assert.Single(statuses, status => status is HttpStatusCode.Conflict or HttpStatusCode.PreconditionFailed);
            var winner = responses.Single(response => response.StatusCode == HttpStatusCode.OK);
            var won = (string)(await ReadJsonAsync(winner, HttpStatusCode.OK))["status"]!;
            using var read = await Client.GetAsync($"{Orders}/{id}", Cancel);
            var stored = await ReadJsonAsync(read, HttpStatusCode.OK);
            Assert.Equal(won, (string)stored["status"]!);
            Assert.Equal(2, (int)stored["version"]!);
            foreach (var response in responses)
                response.Dispose();
        }
    }
}
