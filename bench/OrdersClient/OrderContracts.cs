using System.Text.Json;
using System.Text.Json.Serialization;

namespace OrdersClient;

/// <summary>The body of POST /api/orders; a customer id left out is the caller's.</summary>
internal sealed record PlaceOrder(string? CustomerId, string Currency, IReadOnlyList<PlaceLine> Lines);

internal sealed record PlaceLine(string Sku, int Quantity, decimal UnitPrice);

/// <summary>An order as the Api answers it.</summary>
internal sealed record OrderView(
    Guid Id,
    string CustomerId,
    string Currency,
    IReadOnlyList<LineView> Lines,
    decimal Total,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version);

internal sealed record LineView(string Sku, int Quantity, decimal UnitPrice, decimal Amount);

internal sealed record OrderPage(IReadOnlyList<OrderView> Items, string? NextCursor);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PlaceOrder))]
[JsonSerializable(typeof(OrderView))]
[JsonSerializable(typeof(OrderPage))]
internal sealed partial class ClientJson : JsonSerializerContext;

/// <summary>The statuses of an order and the transitions between them: placed, then paid, then shipped; placed or paid may be cancelled.</summary>
internal static class OrderStatuses
{
    public const string Placed = "placed";
    public const string Paid = "paid";
    public const string Shipped = "shipped";
    public const string Cancelled = "cancelled";

    /// <summary>Whether an order may come to <paramref name="to"/> from <paramref name="from"/> by none or more transitions.</summary>
    public static bool Reachable(string from, string to) =>
        from == to || (from, to) switch
        {
            (Placed, Paid or Shipped or Cancelled) => true,
            (Paid, Shipped or Cancelled) => true,
            _ => false,
        };

    /// <summary>The status an action leads to: pay, ship or cancel.</summary>
    public static string After(string action) => action switch
    {
        "pay" => Paid,
        "ship" => Shipped,
        _ => Cancelled,
    };
}
