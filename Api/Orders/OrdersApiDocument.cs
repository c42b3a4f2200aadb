using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.Orders;

/// <summary>
/// What the OpenAPI document says of the orders' answers, parameters and fields beyond their types: the rules a client
/// codes against. OrdersApi gives each operation its summary and description.
/// </summary>
public static class OrdersApiDocument
{
    // what a status means for every operation, unless the operation says more below
    static readonly Dictionary<string, string> CommonResponses = new()
    {
        ["401"] = "No access token, or one the Api does not accept: expired, of another issuer or audience, badly signed, or an ID token. `WWW-Authenticate: Bearer` says so.",
        ["403"] = "The caller may not do this. In AWS also a request that did not come through the CloudFront URL.",
        ["503"] = "The database (or, in AWS, a secret the Api reads) could not be reached, or did not answer within 5 seconds to connect or 10 for a command. Try again after `Retry-After` seconds; a new order with the same `Idempotency-Key`.",
    };

    static readonly Dictionary<string, Dictionary<string, string>> Responses = new()
    {
        ["PlaceOrder"] = new()
        {
            ["201"] = "The order, placed. `Location` is its URL, `ETag` its version. A retry with the same `Idempotency-Key` gets the first request's order again, with `Idempotent-Replayed: true`.",
            ["400"] = "Not an order: `errors` names each bad field by its path (`lines[0].unitPrice`, `$` for the whole body) with what is wrong. Also malformed JSON, a value of the wrong type, a number in quotes, a field given twice or one the order does not have, and a malformed `Idempotency-Key`.",
            ["403"] = "`customerId` names another customer: a customer places orders for themself only. In AWS also a request that did not come through the CloudFront URL.",
            ["413"] = "The body is over 64 KiB.",
            ["415"] = "The body is not JSON (`Content-Type: application/json`), or declares a charset other than UTF-8.",
            ["422"] = "The caller used this `Idempotency-Key` within the last 24 hours for a different order. Use a new key for a new order.",
        },
        ["GetOrder"] = new()
        {
            ["200"] = "The order; `ETag` is its version.",
            ["304"] = "`If-None-Match` holds the order's current `ETag`: the copy the client has is current. No body.",
            ["404"] = "There is no order with this id, or it is another customer's.",
        },
        ["ListOrders"] = new()
        {
            ["200"] = "A page of orders, newest first, and the cursor of the next page.",
            ["400"] = "A query value is not valid: `errors` names it (`status`, `limit`, `customerId`, or a `cursor` that this list did not return with these filters).",
            ["403"] = "`customerId` names another customer: a customer lists their own orders only. In AWS also a request that did not come through the CloudFront URL.",
        },
    };

    static readonly Dictionary<string, string> ActionResponses = new()
    {
        ["200"] = "The order in its new status; `ETag` is its new version.",
        ["404"] = "There is no order with this id, or it is another customer's.",
        ["409"] = "The order's status does not allow this action. `ETag` is the order's current version.",
        ["412"] = "`If-Match` does not hold the order's current `ETag`: it changed since it was read. Read it again and decide anew; `ETag` is its current version.",
    };

    static readonly Dictionary<string, string> ShipResponses = new(ActionResponses)
    {
        ["403"] = "The caller is not staff. In AWS also a request that did not come through the CloudFront URL.",
    };

    static readonly Dictionary<string, string> Parameters = new()
    {
        ["id"] = "The order's id.",
        [IdempotencyKey.Header] = $"1 to {IdempotencyKey.MaxLength} visible ASCII characters, new for each order (a UUID will do). A retry with the same key and the same order within 24 hours answers the first response and places nothing. A key is its caller's: another caller's key of the same value is another key.",
        ["If-None-Match"] = "The order's `ETag` as last read: answered 304 while it is current.",
        ["If-Match"] = "The order's `ETag` as last read: the action applies only to that version (412 otherwise).",
        ["customerId"] = "Only this customer's orders. A customer may name only themself and always gets their own; staff get every customer's without it.",
        ["status"] = "Only orders in this status.",
        ["limit"] = $"Orders per page, 1 to {OrdersApi.MaxPageSize}.",
        ["cursor"] = "The previous page's `nextCursor`, with the same filters.",
    };

    static readonly Dictionary<Type, Dictionary<string, string>> Fields = new()
    {
        [typeof(PlaceOrderRequest)] = new()
        {
            ["customerId"] = "The customer the order is for: the caller, so it may be left out; another customer is a 403.",
            ["currency"] = "An ISO 4217 code of three capital letters, such as EUR; checked for its form, not against the list.",
            ["lines"] = $"1 to {OrderLimits.MaxLines} lines.",
        },
        [typeof(OrderLineRequest)] = new()
        {
            ["sku"] = $"1 to {OrderLimits.MaxSkuLength} characters, none of them control characters.",
            ["quantity"] = $"1 to {OrderLimits.MaxQuantity}.",
            ["unitPrice"] = $"0 to {OrderLimits.MaxUnitPrice:N0}, with at most {OrderLimits.PriceDecimals} decimals.",
        },
        [typeof(OrderResponse)] = new()
        {
            ["id"] = "A UUID version 7: a later order's id sorts after an earlier one's.",
            ["customerId"] = "The customer who placed it (the subject of their access token).",
            ["currency"] = "The ISO 4217 code of every amount in the order.",
            ["lines"] = "As they were placed.",
            ["total"] = "The sum of the lines' amounts.",
            ["status"] = "placed -> paid -> shipped; placed or paid -> cancelled.",
            ["actions"] = "What the caller may do with the order now, each the last segment of its action's path: what its status allows and the caller may take. A customer pays and cancels their own orders, staff any, and only staff ship; none once it is shipped or cancelled.",
            ["createdAt"] = "When it was placed.",
            ["updatedAt"] = "When its status last changed.",
            ["version"] = "Counts the order's changes; its `ETag` is this number in quotes.",
        },
        [typeof(OrderLineResponse)] = new()
        {
            ["amount"] = "`quantity` times `unitPrice`.",
        },
        [typeof(OrderPage)] = new()
        {
            ["items"] = "Newest first.",
            ["nextCursor"] = "Pass it back as `cursor`, with the same filters, for the next page; null on the last page.",
        },
    };

    /// <summary>Describes every answer of an orders operation, the headers it carries, and each parameter.</summary>
    public static Task DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var responses = operation.OperationId switch
        {
            "PayOrder" or "CancelOrder" => ActionResponses,
            "ShipOrder" => ShipResponses,
            { } id when Responses.TryGetValue(id, out var own) => own,
            _ => null,
        };
        if (responses is null)
            return Task.CompletedTask;

        foreach (var (status, answer) in operation.Responses?.Where(response => response.Value is OpenApiResponse) ?? [])
        {
            var response = (OpenApiResponse)answer;
            if (responses.TryGetValue(status, out var description) || CommonResponses.TryGetValue(status, out description))
                response.Description = description;
            foreach (var (name, header) in Headers(operation.OperationId!, status))
                (response.Headers ??= new Dictionary<string, IOpenApiHeader>())[name] = header;
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (Parameters.TryGetValue(parameter.Name!, out var description))
                parameter.Description = description;
            // the list's query and the key are bound as text so that a bad value gets a field error instead of a bare
            // 400; the document still tells clients what is valid
            parameter.Schema = parameter.Name switch
            {
                "limit" => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = "1",
                    Maximum = $"{OrdersApi.MaxPageSize}",
                    Default = JsonValue.Create(OrdersApi.DefaultPageSize),
                },
                "status" => StatusSchema(),
                "customerId" => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = OrderLimits.MaxCustomerIdLength },
                IdempotencyKey.Header => new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength, Pattern = "^[!-~]+$" },
                _ => parameter.Schema,
            };
        }

        return Task.CompletedTask;
    }

    /// <summary>Describes the fields of the orders' requests and responses, with the bounds validation holds them to.</summary>
    public static Task DescribeContract(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (context.JsonPropertyInfo is not null || !Fields.TryGetValue(type, out var fields))
            return Task.CompletedTask;

        foreach (var (name, description) in fields)
        {
            if (schema.Properties?.TryGetValue(name, out var found) == true && found is OpenApiSchema field)
                field.Description = description;
        }

        if (type == typeof(PlaceOrderRequest) || type == typeof(OrderLineRequest))
        {
            // a null is refused as a missing field is: only the value's own type is valid
            foreach (var field in schema.Properties?.Values.OfType<OpenApiSchema>() ?? [])
                field.Type &= ~JsonSchemaType.Null;
        }

        if (type == typeof(PlaceOrderRequest))
        {
            schema.Required?.Remove("customerId");
            Field(schema, "currency").Pattern = "^[A-Z]{3}$";
            Field(schema, "lines").MinItems = 1;
            Field(schema, "lines").MaxItems = OrderLimits.MaxLines;
        }
        else if (type == typeof(OrderLineRequest))
        {
            Field(schema, "sku").MinLength = 1;
            Field(schema, "sku").MaxLength = OrderLimits.MaxSkuLength;
            Field(schema, "quantity").Minimum = "1";
            Field(schema, "quantity").Maximum = $"{OrderLimits.MaxQuantity}";
            Field(schema, "unitPrice").Minimum = "0";
            Field(schema, "unitPrice").Maximum = $"{OrderLimits.MaxUnitPrice:0}";
        }
        else if (type == typeof(OrderResponse))
        {
            Field(schema, "status").Enum = StatusSchema().Enum;
            if (Field(schema, "actions").Items is OpenApiSchema actionName)
                actionName.Enum = [.. Enum.GetValues<OrderAction>().Select(action => (JsonNode)JsonValue.Create(action.ToName()))];
        }

        return Task.CompletedTask;
    }

    static OpenApiSchema Field(OpenApiSchema schema, string name) => (OpenApiSchema)schema.Properties![name];

    static OpenApiSchema StatusSchema() => new()
    {
        Type = JsonSchemaType.String,
        Enum = [.. Enum.GetValues<OrderStatus>().Select(status => (JsonNode)JsonValue.Create(status.ToName()))],
    };

    static IEnumerable<(string Name, OpenApiHeader Header)> Headers(string operation, string status)
    {
        // every answer about one order tags its version, the list's none
        var oneOrder = operation != "ListOrders";
        if (oneOrder && status is "200" or "201" or "304" or "409" or "412")
            yield return ("ETag", Header("The order's version, a strong entity tag: its `version` in quotes."));
        if (status == "201")
        {
            yield return ("Location", Header("The order's URL."));
            yield return ("Idempotent-Replayed", Header("`true` when this answers an earlier request with the same `Idempotency-Key`."));
        }

        if (status == "401")
            yield return ("WWW-Authenticate", Header("`Bearer`: the operation needs an access token."));
        if (status == "503")
            yield return ("Retry-After", Header("Seconds to wait before trying again.", JsonSchemaType.Integer));
    }

    static OpenApiHeader Header(string description, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
    };
}
