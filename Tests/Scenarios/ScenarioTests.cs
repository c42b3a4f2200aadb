using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Orders.Scenarios;

/// <summary>
/// What every scenario class shares: the test's own customer and a client signed in as them, staff, and the vocabulary
/// of the contract.
/// </summary>
public abstract class ScenarioTests(IApiTarget target)
{
    protected const string Orders = "api/orders";

    HttpClient? _client;
    HttpClient? _staffClient;

    protected IApiTarget Target => target;

    /// <summary>The customer this test acts as: one no other test uses, so that their orders are this test's alone.</summary>
    protected Caller Customer { get; } = target.NewCustomer();

    protected string CustomerId => Customer.Id;

    /// <summary>A client signed in as <see cref="Customer"/>.</summary>
    protected HttpClient Client => _client ??= ClientOf(Customer);

    /// <summary>A client signed in as a member of staff.</summary>
    protected HttpClient StaffClient => _staffClient ??= ClientOf(target.Staff());

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A client that sends the caller's token with every request; with no caller, none.</summary>
    protected HttpClient ClientOf(Caller? caller)
    {
        var client = target.CreateClient();
        client.DefaultRequestHeaders.Authorization = caller?.Authorization;
        return client;
    }

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
    protected async Task<JsonObject> PlaceOrderAsync()
    {
        using var response = await PlaceAsync(NewOrder(CustomerId));
        return await ReadJsonAsync(response, HttpStatusCode.Created);
    }

    /// <summary>
    /// Acts on an order as the one who would: the customer pays and cancels their order, staff ships it (only staff may).
    /// </summary>
    protected Task<HttpResponseMessage> ActAsync(string id, string action, string? ifMatch = null) =>
        ActAsync(action == "ship" ? StaffClient : Client, id, action, ifMatch);

    protected static Task<HttpResponseMessage> ActAsync(HttpClient client, string id, string action, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Orders}/{id}/{action}");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Cancel);
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

    /// <summary>The actions an order as answered offers its caller, in the order the Api gives them.</summary>
    protected static string[] ActionsOf(JsonObject order) =>
        [.. order["actions"]!.AsArray().Select(action => (string)action!)];

    protected async Task<JsonArray> ListItemsAsync(string query, HttpClient? client = null)
    {
        using var response = await (client ?? Client).GetAsync($"{Orders}?{query}", Cancel);
        return (await ReadJsonAsync(response, HttpStatusCode.OK))["items"]!.AsArray();
    }
}
