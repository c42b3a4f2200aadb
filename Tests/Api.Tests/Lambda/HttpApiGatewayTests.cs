using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Orders.Loopback;
using Orders.Loopback.HttpApi;

namespace Api.Tests.Lambda;

/// <summary>
/// The stand-in for API Gateway's HTTP API that .ci/run puts in front of the Lambda package: one test a translation
/// rule, each against a function that keeps the event it was given and answers what the test says. The rules and the
/// pages they follow are in <see cref="HttpApiEvent"/> and <see cref="HttpApiResponse"/>.
/// </summary>
public sealed class HttpApiGatewayTests : IAsyncLifetime
{
    static readonly string[] RouteKeys = ["GET /health", "ANY /api/{proxy+}"];

    readonly List<JsonObject> _events = [];
    readonly List<TimeSpan> _budgets = [];
    Func<string, LambdaInvocation> _answer = _ => Answer("""{"statusCode":204}""");
    HttpApiGateway? _gateway;
    HttpClient? _client;

    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    HttpClient Client => _client!;

    JsonObject Event => Assert.Single(_events);

    public async ValueTask InitializeAsync()
    {
        _gateway = await HttpApiGateway.StartAsync(new HttpApiRoutes(RouteKeys), (lambdaEvent, budget, _) =>
        {
            lock (_events)
            {
                _events.Add(JsonNode.Parse(lambdaEvent)!.AsObject());
                _budgets.Add(budget);
            }

            return Task.FromResult(_answer(lambdaEvent));
        });
        _client = new HttpClient { BaseAddress = _gateway.Address };
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_gateway is not null)
            await _gateway.DisposeAsync();
    }

    static LambdaInvocation Answer(string payload, string outcome = "response") => new(outcome, payload, TimeSpan.Zero);

    [Fact]
    public async Task The_event_is_payload_format_2_0_with_the_route_it_took()
    {
        await Client.GetAsync("api/orders/0191b7e2?limit=5", Cancel);

        Assert.Equal("2.0", (string?)Event["version"]);
        Assert.Equal("ANY /api/{proxy+}", (string?)Event["routeKey"]);
        Assert.Equal("/api/orders/0191b7e2", (string?)Event["rawPath"]);
        Assert.Equal("orders/0191b7e2", (string?)Event["pathParameters"]?["proxy"]);
        Assert.Equal("ANY /api/{proxy+}", (string?)Event["requestContext"]?["routeKey"]);
        Assert.Equal("$default", (string?)Event["requestContext"]?["stage"]);
    }

    [Fact]
    public async Task A_route_without_path_variables_has_no_path_parameters_nor_query_cookies_or_body()
    {
        await Client.GetAsync("health", Cancel);

        Assert.Equal("GET /health", (string?)Event["routeKey"]);
        Assert.Equal("", (string?)Event["rawQueryString"]);
        foreach (var absent in new[] { "pathParameters", "queryStringParameters", "cookies", "body" })
            Assert.False(Event.ContainsKey(absent), $"{absent} is in the event of a request that has none");
        Assert.False((bool?)Event["isBase64Encoded"]);
    }

    [Theory]
    [InlineData("POST", "health")]
    [InlineData("GET", "alive")]
    [InlineData("GET", "api")]
    [InlineData("GET", "openapi/v1.json")]
    public async Task A_request_no_route_takes_is_API_Gateways_404_and_never_reaches_the_function(string method, string path)
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancel);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("""{"message":"Not Found"}""", await response.Content.ReadAsStringAsync(Cancel));
        Assert.Empty(_events);
    }

    [Fact]
    public async Task Header_names_are_lower_case_and_repeated_headers_joined_with_commas()
    {
        await SendRawAsync("GET /api/orders HTTP/1.1", "X-Repeated: one", "X-Repeated: two", "Accept-Language: de");

        var headers = Event["headers"]!.AsObject();
        Assert.Equal("one,two", (string?)headers["x-repeated"]);
        Assert.Equal("de", (string?)headers["accept-language"]);
        Assert.All(headers, header => Assert.Equal(header.Key.ToLowerInvariant(), header.Key));
    }

    [Fact]
    public async Task Cookies_leave_the_headers_for_the_cookies_field_one_entry_a_cookie_in_the_order_sent()
    {
        await SendRawAsync("GET /api/orders HTTP/1.1", "Cookie: session=abc; theme=dark", "Cookie: lang=de");

        Assert.Equal(["session=abc", "theme=dark", "lang=de"], Event["cookies"]!.AsArray().Select(cookie => (string?)cookie));
        Assert.False(Event["headers"]!.AsObject().ContainsKey("cookie"));
    }

    [Fact]
    public async Task The_raw_query_string_is_as_sent_and_its_parameters_decoded_with_repeats_joined_by_commas()
    {
        await Client.GetAsync("api/orders?status=paid&status=placed&customerId=a%20b%2Bc+d&flag", Cancel);

        Assert.Equal("status=paid&status=placed&customerId=a%20b%2Bc+d&flag", (string?)Event["rawQueryString"]);
        var parameters = Event["queryStringParameters"]!.AsObject();
        Assert.Equal("paid,placed", (string?)parameters["status"]);
        Assert.Equal("a b+c+d", (string?)parameters["customerId"]);
        Assert.Equal("", (string?)parameters["flag"]);
    }

    [Theory]
    [InlineData("application/json", """{"currency":"EUR"}""")]
    [InlineData("application/json; charset=utf-8", """{"currency":"EUR"}""")]
    [InlineData("text/plain", "Grüße")]
    [InlineData("application/xml", "<order/>")]
    public async Task A_text_body_is_passed_as_text(string contentType, string body)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await Client.PostAsync("api/orders", content, Cancel);

        Assert.Equal(body, (string?)Event["body"]);
        Assert.False((bool?)Event["isBase64Encoded"]);
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("image/png")]
    [InlineData(null)]
    public async Task Any_other_body_and_one_without_a_content_type_is_base64_encoded(string? contentType)
    {
        byte[] body = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF, 0x3D];
        using var content = new ByteArrayContent(body);
        if (contentType is not null)
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        await Client.PostAsync("api/orders", content, Cancel);

        Assert.True((bool?)Event["isBase64Encoded"]);
        Assert.Equal(body, Convert.FromBase64String((string)Event["body"]!));
    }

    [Fact]
    public async Task A_body_over_the_10_MB_payload_quota_is_413_and_never_reaches_the_function()
    {
        using var content = new ByteArrayContent(new byte[HttpApiEvent.MaxPayloadBytes + 1]);
        content.Headers.ContentType = new("application/json");

        using var response = await Client.PostAsync("api/orders", content, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task A_body_that_grows_past_the_quota_without_saying_its_length_is_413_too()
    {
        using var content = new StreamContent(new MemoryStream(new byte[HttpApiEvent.MaxPayloadBytes + 1]));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/orders") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_events);
    }

    [Fact]
    public async Task API_Gateway_adds_what_a_proxy_adds_a_trace_id_and_the_bodys_length()
    {
        using var content = new StringContent("""{"a":1}""", Encoding.UTF8, "application/json");
        await Client.PostAsync("api/orders", content, Cancel);

        var headers = Event["headers"]!.AsObject();
        Assert.Equal("127.0.0.1", (string?)headers["x-forwarded-for"]);
        Assert.Equal(_gateway!.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)headers["x-forwarded-port"]);
        Assert.Equal("http", (string?)headers["x-forwarded-proto"]);
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", (string?)headers["x-amzn-trace-id"]);
        Assert.Equal("7", (string?)headers["content-length"]);
    }

    [Fact]
    public async Task The_request_context_says_who_asked_what_and_when()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/orders/x");
        request.Headers.UserAgent.ParseAdd("scenarios/1.0");
        using var response = await Client.SendAsync(request, Cancel);

        var context = Event["requestContext"]!;
        Assert.Equal("DELETE", (string?)context["http"]?["method"]);
        Assert.Equal("/api/orders/x", (string?)context["http"]?["path"]);
        Assert.Equal("HTTP/1.1", (string?)context["http"]?["protocol"]);
        Assert.Equal("127.0.0.1", (string?)context["http"]?["sourceIp"]);
        Assert.Equal("scenarios/1.0", (string?)context["http"]?["userAgent"]);
        Assert.Equal(_gateway!.Address.Authority, (string?)context["domainName"]);
        Assert.InRange((long)context["timeEpoch"]!, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Assert.Matches(@"^\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2} \+0000$", (string?)context["time"]);
        Assert.Equal((string?)context["requestId"], response.Headers.GetValues("apigw-requestid").Single());
    }

    [Fact]
    public async Task The_status_headers_and_body_of_the_functions_answer_reach_the_client()
    {
        _answer = _ => Answer("""
            {"statusCode":201,"headers":{"Content-Type":"application/json","Location":"/api/orders/1","ETag":"\"1\"","Content-Length":"999"},
             "body":"{\"id\":\"1\"}","isBase64Encoded":false}
            """);

        using var response = await Client.PostAsync("api/orders", new StringContent("{}", Encoding.UTF8, "application/json"), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/orders/1", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("""{"id":"1"}""", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_base64_answer_is_decoded_for_the_client()
    {
        byte[] image = [0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF];
        _answer = _ => Answer($$"""{"statusCode":200,"headers":{"Content-Type":"image/png"},"body":"{{Convert.ToBase64String(image)}}","isBase64Encoded":true}""");

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(image, await response.Content.ReadAsByteArrayAsync(Cancel));
    }

    [Fact]
    public async Task Each_cookie_of_the_answer_becomes_a_Set_Cookie_header()
    {
        _answer = _ => Answer("""{"statusCode":200,"cookies":["session=abc; HttpOnly; Secure","theme=dark; Path=/"],"body":""}""");

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(["session=abc; HttpOnly; Secure", "theme=dark; Path=/"], response.Headers.GetValues("Set-Cookie"));
    }

    [Theory]
    [InlineData("""{"orders":[]}""", """{"orders":[]}""")]
    [InlineData("\"just text\"", "just text")]
    [InlineData("[1,2]", "[1,2]")]
    public async Task JSON_without_a_status_code_is_the_body_of_a_200_of_application_json(string payload, string body)
    {
        _answer = _ => Answer(payload);

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body, await response.Content.ReadAsStringAsync(Cancel));
    }

    [Theory]
    [InlineData("error", """{"errorType":"InvalidOperationException","errorMessage":"boom"}""")]
    [InlineData("response", "not json")]
    [InlineData("response", """{"statusCode":"two hundred"}""")]
    [InlineData("response", """{"statusCode":200,"body":"%%%","isBase64Encoded":true}""")]
    public async Task A_function_that_fails_or_answers_nothing_API_Gateway_understands_is_a_500(string outcome, string payload)
    {
        _answer = _ => Answer(payload, outcome);

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_function_that_does_not_answer_within_the_30_second_integration_timeout_is_a_503()
    {
        _answer = _ => throw new TimeoutException("The function did not answer within 30 s.");

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(TimeSpan.FromSeconds(30), Assert.Single(_budgets));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("""{"message":"Service Unavailable"}""", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public async Task A_function_whose_process_ends_before_it_answers_is_a_500()
    {
        _answer = _ => throw new InvalidOperationException("The function's process ended, with exit code 139, before it answered.");

        using var response = await Client.GetAsync("api/orders", Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("""{"message":"Internal Server Error"}""", await response.Content.ReadAsStringAsync(Cancel));
    }

    [Fact]
    public void The_routes_are_the_deployed_APIs_as_Terraform_declares_them()
    {
        var routes = HttpApiRoutes.FromTerraform(Path.Combine(AppContext.BaseDirectory, "terraform", "api", "gateway.tf"));

        Assert.Equal(["GET /health", "GET /alive", "ANY /api/{proxy+}"], routes.Keys);
    }

    /// <summary>A request written line by line, for what HttpClient would fold into one line, such as a header sent twice.</summary>
    async Task SendRawAsync(string requestLine, params string[] headers)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _gateway!.Address.Port, Cancel);
        var stream = tcp.GetStream();
        var request = string.Join("\r\n", [requestLine, $"Host: {_gateway.Address.Authority}", .. headers, "Connection: close", "", ""]);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Cancel);
        using var reader = new StreamReader(stream);
        Assert.StartsWith("HTTP/1.1 204", await reader.ReadLineAsync(Cancel), StringComparison.Ordinal);
    }
}
