using System.Net;
using System.Text.Json.Nodes;
using Api.Tests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Api.Tests.InProcess;

public sealed class ServiceEndpointsTests(ApiHost api) : IClassFixture<ApiHost>
{
    readonly HttpClient _client = api.CreateClient();

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    public async Task Health_endpoints_answer_healthy(string path)
    {
        using var response = await _client.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public void Without_an_otlp_endpoint_no_telemetry_is_collected()
    {
        Assert.Null(api.Services.GetService<TracerProvider>());
        Assert.Null(api.Services.GetService<MeterProvider>());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_operation_and_its_error_responses()
    {
        using var response = await _client.GetAsync("openapi/v1.json", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync(Cancel))!;

        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Path: path.Key, Method: operation.Key, Operation: operation.Value!)))
            .ToDictionary(entry => (string)entry.Operation["operationId"]!);

        Assert.Equal(["CancelOrder", "GetOrder", "ListOrders", "PayOrder", "PlaceOrder", "ShipOrder"], operations.Keys.Order());
        Assert.Equal(("/api/orders", "post"), (operations["PlaceOrder"].Path, operations["PlaceOrder"].Method));
        Assert.Equal(["201", "400", "401", "403", "413", "415", "422", "503"], Responses(operations["PlaceOrder"].Operation));
        Assert.Equal(["200", "401", "403", "404", "409", "412", "503"], Responses(operations["PayOrder"].Operation));
        Assert.Equal(["200", "304", "401", "403", "404", "503"], Responses(operations["GetOrder"].Operation));
        var order = document["components"]!["schemas"]!["OrderResponse"]!["properties"]!;
        Assert.Equal(["placed", "paid", "shipped", "cancelled"], order["status"]!["enum"]!.AsArray().Select(value => (string)value!));
        Assert.Equal(["pay", "ship", "cancel"], order["actions"]!["items"]!["enum"]!.AsArray().Select(value => (string)value!));
        Assert.False(string.IsNullOrWhiteSpace((string?)order["actions"]!["description"]), "OrderResponse's actions have no description.");

        var list = operations["ListOrders"].Operation["parameters"]!.AsArray().ToDictionary(parameter => (string)parameter!["name"]!, parameter => parameter!["schema"]!);
        Assert.Equal("integer", (string)list["limit"]["type"]!);
        Assert.Equal(1, (int)list["limit"]["minimum"]!);
        Assert.Equal(100, (int)list["limit"]["maximum"]!);
        Assert.Equal(["placed", "paid", "shipped", "cancelled"], list["status"]["enum"]!.AsArray().Select(value => (string)value!));
    }

    [Theory]
    [InlineData("health")]
    [InlineData("alive")]
    [InlineData("openapi/v1.json")]
    public async Task Health_and_the_openapi_document_need_no_token(string path)
    {
        using var anonymous = api.CreateClient();

        using var response = await anonymous.GetAsync(path, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_declares_that_every_operation_needs_a_bearer_token()
    {
        using var anonymous = api.CreateClient();
        var document = JsonNode.Parse(await anonymous.GetStringAsync("openapi/v1.json", Cancel))!;

        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", (string)scheme["type"]!);
        Assert.Equal("bearer", (string)scheme["scheme"]!);
        Assert.Equal("JWT", (string)scheme["bearerFormat"]!);
        Assert.Equal(["Bearer"], document["security"]!.AsArray().SelectMany(requirement => requirement!.AsObject().Select(entry => entry.Key)));
    }

    [Fact]
    public async Task The_openapi_document_is_the_reference_every_operation_parameter_and_answer_described()
    {
        var document = JsonNode.Parse(await _client.GetStringAsync("openapi/v1.json", Cancel))!;
        var operations = document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(operation => operation.Value!)).ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, operation =>
        {
            var id = (string)operation["operationId"]!;
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{id} has no summary.");
            Assert.False(string.IsNullOrWhiteSpace((string?)operation["description"]), $"{id} has no description.");
            foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                Assert.False(string.IsNullOrWhiteSpace((string?)parameter!["description"]), $"{id}'s parameter {parameter["name"]} has no description.");
            foreach (var (status, answer) in operation["responses"]!.AsObject())
            {
                var description = (string?)answer!["description"];
                Assert.False(string.IsNullOrWhiteSpace(description) || description == ReasonPhrase(status), $"{id}'s {status} answer says only its status: {description}");
                if (status[0] is '4' or '5')
                    Assert.NotNull(answer["content"]?["application/problem+json"]);
            }
        });
        Assert.NotNull(document["components"]!["schemas"]!["ProblemDetails"]!["properties"]!["traceId"]);
    }

    static string ReasonPhrase(string status) =>
        int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) ? ReasonPhrases.GetReasonPhrase(code) : "";

    static IEnumerable<string> Responses(JsonNode operation) => operation["responses"]!.AsObject().Select(response => response.Key).Order();
}
