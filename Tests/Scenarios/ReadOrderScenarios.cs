using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace Orders.Scenarios;

public abstract class ReadOrderScenarios(IApiTarget target) : ScenarioTests(target)
{
    [Fact]
    public async Task Reading_an_order_answers_200_with_its_etag()
    {
        var placed = await PlaceOrderAsync();

        using var response = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);

        var order = await ReadJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal((string)placed["id"]!, (string)order["id"]!);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Reading_with_the_current_etag_in_if_none_match_answers_304_without_a_body()
    {
        var placed = await PlaceOrderAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Orders}/{placed["id"]}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"1\"")]
    [InlineData("\"7\", \"1\"")]
    public async Task If_none_match_with_a_star_a_weak_tag_or_a_list_holding_the_tag_answers_304(string ifNoneMatch)
    {
        var placed = await PlaceOrderAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Orders}/{placed["id"]}");
        request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Reading_with_an_old_etag_in_if_none_match_answers_the_current_order()
    {
        var placed = await PlaceOrderAsync();
        using (var paid = await ActAsync((string)placed["id"]!, "pay"))
            await ReadJsonAsync(paid, HttpStatusCode.OK);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Orders}/{placed["id"]}");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"1\""));

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal("paid", (string)(await ReadJsonAsync(response, HttpStatusCode.OK))["status"]!);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task A_placed_order_offers_its_customer_pay_and_cancel_wherever_it_is_answered()
    {
        var placed = await PlaceOrderAsync();

        using var read = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        var listed = Assert.Single(await ListItemsAsync($"customerId={CustomerId}"));

        Assert.Equal(["pay", "cancel"], ActionsOf(placed));
        Assert.Equal(["pay", "cancel"], ActionsOf(await ReadJsonAsync(read, HttpStatusCode.OK)));
        Assert.Equal(["pay", "cancel"], ActionsOf(listed!.AsObject()));
    }

    [Fact]
    public async Task Reading_an_unknown_order_is_a_404_problem()
    {
        using var response = await Client.GetAsync($"{Orders}/{Guid.CreateVersion7()}", Cancel);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("api/orders/not-a-uuid")]
    [InlineData("api/order")]
    [InlineData("api/orders/0191b7e2-0000-7000-8000-000000000000/refund")]
    public async Task An_unknown_route_is_a_404_problem(string path)
    {
        using var response = await Client.GetAsync(path, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
