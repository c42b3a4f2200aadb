using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Xunit;

namespace Orders.Scenarios;

/// <summary>Nothing a client sends may cause a 500 or leave rows behind.</summary>
public abstract class BadInputScenarios(IApiTarget target) : ScenarioTests(target)
{
    const string CustomerPlaceholder = "CUSTOMER";

    /// <summary>Bodies with one fault each, and the field the problem must name. CUSTOMER is replaced by a fresh customer id.</summary>
    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "malformed JSON", """{"customerId":"CUSTOMER","currency":"EUR","lines":[""", "lines[0]" },
        { "trailing garbage", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]} x""", "$" },
        { "not an object", """[1,2,3]""", "$" },
        { "empty object", """{}""", "currency" },
        { "missing currency", """{"customerId":"CUSTOMER","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "missing lines", """{"customerId":"CUSTOMER","currency":"EUR"}""", "lines" },
        { "no lines", """{"customerId":"CUSTOMER","currency":"EUR","lines":[]}""", "lines" },
        { "null line", """{"customerId":"CUSTOMER","currency":"EUR","lines":[null]}""", "lines[0]" },
        { "blank customer", """{"customerId":"  ","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "customer id too long", $$"""{"customerId":"{{new string('c', 65)}}","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "lower-case currency", """{"customerId":"CUSTOMER","currency":"eur","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "four-letter currency", """{"customerId":"CUSTOMER","currency":"EURO","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "currency" },
        { "missing sku", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"quantity":1,"unitPrice":1}]}""", "lines[0].sku" },
        { "sku too long", $$"""{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"{{new string('s', 65)}}","quantity":1,"unitPrice":1}]}""", "lines[0].sku" },
        { "zero quantity", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":0,"unitPrice":1}]}""", "lines[0].quantity" },
        { "quantity over 1000", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1001,"unitPrice":1}]}""", "lines[0].quantity" },
        { "fractional quantity", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1.5,"unitPrice":1}]}""", "lines[0].quantity" },
        { "quantity as text", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":"two","unitPrice":1}]}""", "lines[0].quantity" },
        { "huge quantity", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":99999999999999999999,"unitPrice":1}]}""", "lines[0].quantity" },
        { "negative price", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":-0.01}]}""", "lines[0].unitPrice" },
        { "three decimals", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1.005}]}""", "lines[0].unitPrice" },
        { "price too large", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":10000000.01}]}""", "lines[0].unitPrice" },
        { "price beyond decimal", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1e400}]}""", "lines[0].unitPrice" },
        { "customer id as number", """{"customerId":42,"currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "lone surrogate", """{"customerId":"\ud800","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "control character", """{"customerId":"CUSTOMER\u0007","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "quantity as a quoted number", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":"2","unitPrice":1}]}""", "lines[0].quantity" },
        { "price as a quoted number", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":"1"}]}""", "lines[0].unitPrice" },
        { "field given twice", """{"customerId":"CUSTOMER","customerId":"other","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}]}""", "customerId" },
        { "misspelt field", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","quantity":1,"unitPrice":1}],"note":"x"}""", "note" },
        { "misspelt line field", """{"customerId":"CUSTOMER","currency":"EUR","lines":[{"sku":"A","qty":1,"unitPrice":1}]}""", "lines[0].qty" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task An_invalid_order_is_a_400_naming_the_field_and_stores_nothing(string fault, string body, string field)
    {
        Assert.NotNull(fault);
        var customerId = CustomerId;

        using var response = await PostJsonAsync(Orders, body.Replace(CustomerPlaceholder, customerId, StringComparison.Ordinal));

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Empty(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task Random_bodies_never_cause_a_server_error_or_a_partial_order()
    {
        var random = new Random(20261122);
        var customerId = CustomerId;
        JsonNode?[] oddValues =
        [
            null, true, 0, -1, 1.5, 1e300, long.MaxValue, "", " ", "\u0000", "😀", new string('x', 70), "EUR",
            new JsonArray(), new JsonObject(), new JsonArray(1, "a", null),
        ];
        string[] fields = ["customerId", "currency", "lines", "sku", "quantity", "unitPrice"];

        for (var i = 0; i < 150; i++)
        {
            var order = NewOrder(customerId, ("SKU", 1, 1m), ("SKU-2", 2, 2.5m));
            var line = order["lines"]![random.Next(2)]!.AsObject();
            var field = fields[random.Next(fields.Length)];
            var target = field is "sku" or "quantity" or "unitPrice" ? line : order;
            if (random.Next(4) == 0)
                target.Remove(field);
            else
                target[field] = oddValues[random.Next(oddValues.Length)]?.DeepClone();

            using var response = await PlaceAsync(order);

            // a valid customer id that is not the caller's is refused as someone else's
            Assert.True(
                response.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden,
                $"{order.ToJsonString()} answered {(int)response.StatusCode}");
        }

        foreach (var item in await ListItemsAsync($"customerId={customerId}&limit=100"))
            Assert.NotEmpty(item!["lines"]!.AsArray());
    }

    [Fact]
    public async Task An_order_with_101_lines_is_a_400()
    {
        var customerId = CustomerId;
        var order = NewOrder(customerId, [.. Enumerable.Range(0, 101).Select(i => ($"SKU-{i}", 1, 1m))]);

        using var response = await PlaceAsync(order);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "lines");
        Assert.Empty(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        using var response = await PostJsonAsync(Orders, """{"customerId":"","currency":"x","lines":[{"sku":"","quantity":0,"unitPrice":-1}]}""");

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var fields = problem["errors"]!.AsObject().Select(error => error.Key).Order();
        Assert.Equal(["currency", "customerId", "lines[0].quantity", "lines[0].sku", "lines[0].unitPrice"], fields);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_a_413()
    {
        var customerId = CustomerId;
        var order = NewOrder(customerId);
        order["padding"] = new string(' ', 64 * 1024);

        using var response = await PlaceAsync(order);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Empty(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task A_body_over_64_KiB_without_a_declared_length_is_a_413()
    {
        var customerId = CustomerId;
        var order = NewOrder(customerId);
        order["padding"] = new string(' ', 64 * 1024);
        using var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(order.ToJsonString())));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, Orders) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task A_body_that_is_not_json_is_a_415(string mediaType)
    {
        var customerId = CustomerId;
        using var content = new StringContent(NewOrder(customerId).ToJsonString(), Encoding.UTF8, mediaType);

        using var response = await Client.PostAsync(Orders, content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await ListItemsAsync($"customerId={customerId}"));
    }

    [Fact]
    public async Task An_empty_body_is_a_400()
    {
        using var content = new StringContent("", Encoding.UTF8, "application/json");

        using var response = await Client.PostAsync(Orders, content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("UTF-8")]
    [InlineData("\"utf-8\"")]
    public async Task A_json_body_with_an_unusual_utf8_charset_declaration_still_works(string charset)
    {
        using var content = new StringContent(NewOrder(CustomerId).ToJsonString(), Encoding.UTF8, "application/json");
        content.Headers.ContentType!.CharSet = charset;

        using var response = await Client.PostAsync(Orders, content, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"currency":"EUR","lines":[""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"currency":"EUR"}""", "application/json; charset=fuzz", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("""{"currency":"EUR"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task A_client_that_accepts_no_json_still_gets_the_status_of_its_bad_request(string body, string contentType, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Orders) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        request.Headers.TryAddWithoutValidation("Accept", "text/html");

        using var response = await Client.SendAsync(request, Cancel);

        Assert.Equal(expected, response.StatusCode);
    }

    [Theory]
    [InlineData("fuzz")]
    [InlineData("utf-16")]
    [InlineData("latin1")]
    [InlineData("")]
    public async Task A_json_body_declaring_another_or_an_unknown_charset_is_a_415(string charset)
    {
        using var content = new StringContent(NewOrder(CustomerId).ToJsonString(), Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");

        using var response = await Client.PostAsync(Orders, content, Cancel);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Empty(await ListItemsAsync(""));
    }

    [Fact]
    public async Task A_deeply_nested_body_is_a_400()
    {
        var nested = new string('[', 5000) + new string(']', 5000);

        using var response = await PostJsonAsync(Orders, nested);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unicode_in_ids_round_trips()
    {
        if (Target.Issuer is not { } issuer)
        {
            Assert.Skip("Only the environment's identity provider names customers here, and its ids are plain ASCII.");
            return;
        }

        var customer = Caller.Customer($"kunde-ä-日本-{Guid.NewGuid():N}"[..40], issuer);
        var client = ClientOf(customer);
        var order = NewOrder(customer.Id, ("SKU-ö-😀", 1, 1m));

        using var response = await client.PostAsync(Orders, new StringContent(order.ToJsonString(), Encoding.UTF8, "application/json"), Cancel);
        var placed = await ReadJsonAsync(response, HttpStatusCode.Created);

        Assert.Equal(customer.Id, (string)placed["customerId"]!);
        Assert.Equal("SKU-ö-😀", (string)placed["lines"]![0]!["sku"]!);
        Assert.Single(await ListItemsAsync($"customerId={Uri.EscapeDataString(customer.Id)}", client));
    }

    [Fact]
    public async Task A_null_byte_in_a_field_is_a_400_not_a_500()
    {
        var customerId = CustomerId;
        var order = NewOrder(customerId + "\u0000");

        using var response = await PlaceAsync(order);

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "customerId");
    }
}
