using System.Text.Json;
using System.Text.Json.Serialization;
using Api.Orders;

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

/// <summary>
/// The Api's status rules (Api/Orders/OrderStatus.cs, compiled in) over the names its answers give statuses and actions.
/// </summary>
internal static class OrderStatuses
{
    public static readonly string Placed = OrderStatus.Placed.ToName();
    public static readonly string Paid = OrderStatus.Paid.ToName();

    /// <summary>Whether an order may come to <paramref name="to"/> from <paramref name="from"/> by none or more actions.</summary>
    public static bool Reachable(string from, string to) =>
        OrderStatusRules.TryParse(from, out var start) && OrderStatusRules.TryParse(to, out var end) && Reachable(start, end);

    static bool Reachable(OrderStatus from, OrderStatus to)
    {
        var reached = new HashSet<OrderStatus> { from };
        var next = new Queue<OrderStatus>(reached);
        while (next.TryDequeue(out var status))
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                if (OrderStatusRules.After(status, action) is { } after && reached.Add(after))
                    next.Enqueue(after);
            }
        }

        return reached.Contains(to);
    }

    /// <summary>The status an action (pay, ship or cancel) leads to: the rules lead each action to one status, whatever it starts from.</summary>
    public static string After(string action)
    {
        var named = Enum.GetValues<OrderAction>().Single(candidate => candidate.ToName() == action);
        return Enum.GetValues<OrderStatus>()
            .Select(status => OrderStatusRules.After(status, named))
            .OfType<OrderStatus>()
            .Distinct()
            .Single()
            .ToName();
    }
}
