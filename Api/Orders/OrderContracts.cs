using System.Text.Json.Serialization;

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
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public static OrderResponse From(Order order) => new(
        order.Id,
        order.CustomerId,
        order.Currency,
        [.. order.Lines.Select(line => new OrderLineResponse(line.Sku, line.Quantity, line.UnitPrice, line.Amount))],
        order.Total,
        order.Status.ToName(),
        order.CreatedAt,
        order.UpdatedAt,
        order.Version);
}

public sealed record OrderLineResponse(string Sku, int Quantity, decimal UnitPrice, decimal Amount);

public sealed record OrderPage(IReadOnlyList<OrderResponse> Items, string? NextCursor);
