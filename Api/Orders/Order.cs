namespace Api.Orders;

public sealed record OrderLine(string Sku, int Quantity, decimal UnitPrice)
{
    // 1.5 and 1.50 are one price; the database keeps two decimals, so every line does
    public decimal UnitPrice { get; init; } = OrderLimits.ToPriceScale(UnitPrice);

    public decimal Amount => Quantity * UnitPrice;
}

public sealed record Order(
    Guid Id,
    string CustomerId,
    string Currency,
    IReadOnlyList<OrderLine> Lines,
    OrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    public decimal Total => Lines.Sum(line => line.Amount);

    public static Order Place(Guid id, string customerId, string currency, IReadOnlyList<OrderLine> lines, DateTimeOffset now)
    {
        var stored = ToStoredPrecision(now);
        return new Order(id, customerId, currency, lines, OrderStatus.Placed, stored, stored, 1);
    }

    /// <summary>The order after <paramref name="action"/>, or null when its status does not allow it.</summary>
    public Order? Apply(OrderAction action, DateTimeOffset now) =>
        OrderStatusRules.After(Status, action) is { } next
            ? this with { Status = next, UpdatedAt = ToStoredPrecision(now), Version = Version + 1 }
            : null;

    // PostgreSQL keeps microseconds; a response must equal what a later read returns.
    static DateTimeOffset ToStoredPrecision(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);
}
