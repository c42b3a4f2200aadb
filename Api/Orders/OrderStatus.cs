namespace Api.Orders;

public enum OrderStatus
{
    Placed,
    Paid,
    Shipped,
    Cancelled,
}

public enum OrderAction
{
    Pay,
    Ship,
    Cancel,
}

public static class OrderStatusRules
{
    static readonly OrderAction[] Actions = Enum.GetValues<OrderAction>();

    /// <summary>The status an action leads to, or null when the action is not allowed from <paramref name="current"/>.</summary>
    public static OrderStatus? After(OrderStatus current, OrderAction action) => (current, action) switch
    {
        (OrderStatus.Placed, OrderAction.Pay) => OrderStatus.Paid,
        (OrderStatus.Paid, OrderAction.Ship) => OrderStatus.Shipped,
        (OrderStatus.Placed or OrderStatus.Paid, OrderAction.Cancel) => OrderStatus.Cancelled,
        _ => null,
    };

    /// <summary>The actions allowed from <paramref name="current"/>, in the order pay, ship, cancel.</summary>
    public static IEnumerable<OrderAction> AllowedFrom(OrderStatus current) =>
        Actions.Where(action => After(current, action) is not null);

    public static string ToName(this OrderStatus status) => status switch
    {
        OrderStatus.Placed => "placed",
        OrderStatus.Paid => "paid",
        OrderStatus.Shipped => "shipped",
        OrderStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The action's name in the Api's routes and answers.</summary>
    public static string ToName(this OrderAction action) => action switch
    {
        OrderAction.Pay => "pay",
        OrderAction.Ship => "ship",
        OrderAction.Cancel => "cancel",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static bool TryParse(string? name, out OrderStatus status)
    {
        OrderStatus? parsed = name switch
        {
            "placed" => OrderStatus.Placed,
            "paid" => OrderStatus.Paid,
            "shipped" => OrderStatus.Shipped,
            "cancelled" => OrderStatus.Cancelled,
            _ => null,
        };
        status = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    public const string Names = "placed, paid, shipped, cancelled";
}
