using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Orders.Scenarios;

/// <summary>What every scenario class shares: a client for the target and the vocabulary of the contract.</summary>
public abstract class ScenarioTests(IApiTarget target)
{
    protected const string Orders = "api/orders";

    protected HttpClient Client { get; } = target.CreateClient();

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A customer no other test uses, so tests never see each other's orders, even on a shared deployment.</summary>
    protected static string NewCustomerId() => $"customer-{Guid.NewGuid():N}";

    protected Task<HttpResponseMessage> PostJsonAsync(string path, string json, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return Client.SendAsync(request, Cancel);
    }

    protected Task<HttpResponseMessage> PlaceAsync(JsonNode order, string? idempotencyKey = null) =>
        PostJsonAsync(Orders, order.ToJsonString(), idempotencyKey);

    /// <summary>Places an order that must succeed and returns it as the API answered.</summary>
    protected async Task<JsonObject> PlaceOrderAsync(string? customerId = null)
    {
        using var response = await PlaceAsync(NewOrder(customerId ?? NewCustomerId()));
        return await ReadJsonAsync(response, HttpStatusCode.Created);
    }

    protected Task<HttpResponseMessage> ActAsync(string id, string action, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Orders}/{id}/{action}");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return Client.SendAsync(request, Cancel);
    }

    protected static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts an RFC 9457 problem with the status, a trace id and, when named, an error for that field.</summary>
    protected static async Task<JsonObject> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected} {expected} but got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, (int)problem["status"]!);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]), $"The problem has no title: {body}");
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]), $"The problem has no traceId: {body}");
        if (field is not null)
        {
            var errors = problem["errors"]?.AsObject();
            Assert.True(errors?.ContainsKey(field) == true, $"Expected an error for '{field}' in {body}");
        }

        return problem;
    }

    protected async Task<JsonArray> ListItemsAsync(string query)
    {
        using var response = await Client.GetAsync($"{Orders}?{query}", Cancel);
        return (await ReadJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
    }
}
