using System.Text.Json;
using System.Text.Json.Serialization;
using Api.Security;

namespace Api.Orders;

// a misspelt field is reported instead of silently dropped
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record PlaceOrderRequest(string? CustomerId, string? Currency, IReadOnlyList<OrderLineRequest?>? Lines);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record OrderLineRequest(string? Sku, int? Quantity, decimal? UnitPrice);

public sealed record OrderResponse(
    Guid Id,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLineResponse> Lines,
    decimal Total,
    string Status,
    IReadOnlyList<string> Actions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    /// <summary>The order as <paramref name="caller"/> sees it, with the actions its status allows and they may take.</summary>
    public static OrderResponse From(Order order, Caller caller) => new(
        order.Id,
        order.CustomerId,
        order.Currency,
        [.. order.Lines.Select(line => new OrderLineResponse(line.Sku, line.Quantity, line.UnitPrice, line.Amount))],
        order.Total,
        order.Status.ToName(),
        ActionsOf(order.Status, caller),
        order.CreatedAt,
        order.UpdatedAt,
        order.Version);

    /// <summary>
    /// A first answer stored for an idempotency key, answered again. What the caller may do is decided now: an answer
    /// stored before orders named their actions has none.
    /// </summary>
    public static OrderResponse Replay(string stored, Caller caller)
    {
        var response = JsonSerializer.Deserialize(stored, ApiJsonContext.Default.OrderResponse)!;
        return OrderStatusRules.TryParse(response.Status, out var status) ? response with { Actions = ActionsOf(status, caller) } : response;
    }

    static string[] ActionsOf(OrderStatus status, Caller caller) =>
        [.. OrderStatusRules.AllowedFrom(status).Where(caller.MayTake).Select(action => action.ToName())];
}

public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice, decimal Amount);

public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, string? NextCursor);
