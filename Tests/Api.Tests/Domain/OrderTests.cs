using System.Globalization;
using Api.Orders;

namespace Api.Tests.Domain;

public sealed class OrderTests
{
    static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 30, 0, TimeSpan.Zero);

    static Order Placed() => Order.Place(new OrderIds().Next(Now), "customer", "EUR", [new("A", 2, 1.25m), new("B", 1, 10m)], Now);

    [Fact]
    public void A_new_order_is_placed_at_version_1()
    {
        var order = Placed();

        Assert.Equal(OrderStatus.Placed, order.Status);
        Assert.Equal(1, order.Version);
        Assert.Equal(Now, order.CreatedAt);
        Assert.Equal(Now, order.UpdatedAt);
    }

    [Fact]
    public void The_total_is_the_sum_of_quantity_times_unit_price()
    {
        Assert.Equal(12.50m, Placed().Total);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.50")]
    [InlineData("1.500")]
    public void A_line_holds_its_price_at_two_decimals_however_it_was_written(string price)
    {
        var line = new OrderLine("A", 1, decimal.Parse(price, CultureInfo.InvariantCulture));

        Assert.Equal("1.50", line.UnitPrice.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Times_are_kept_to_the_microsecond_as_the_database_keeps_them()
    {
        var order = Order.Place(Guid.Empty, "customer", "EUR", [new("A", 1, 1m)], Now.AddTicks(1234567));

        Assert.Equal(Now.AddTicks(1234560), order.CreatedAt);
    }

    [Fact]
    public void Ids_are_version_7_and_carry_the_millisecond_they_were_made_in()
    {
        var id = new OrderIds().Next(Now);

        Assert.Equal(7, id.Version);
        Assert.Equal(Now.ToUnixTimeMilliseconds(), UnixMilliseconds(id));
    }

    [Fact]
    public void Ids_made_in_one_millisecond_still_increase()
    {
        var ids = new OrderIds();

        var made = Enumerable.Range(0, 1000).Select(_ => ids.Next(Now).ToString()).ToList();

        Assert.Equal(made.Order(StringComparer.Ordinal), made);
        Assert.Equal(1000, made.Distinct().Count());
        Assert.All(made, id => Assert.Equal(Now.ToUnixTimeMilliseconds(), UnixMilliseconds(Guid.Parse(id))));
    }

    [Fact]
    public void Ids_keep_increasing_when_the_clock_steps_back()
    {
        var ids = new OrderIds();

        var later = ids.Next(Now.AddSeconds(1));
        var earlier = ids.Next(Now);

        Assert.True(string.CompareOrdinal(later.ToString(), earlier.ToString()) < 0);
    }

    static long UnixMilliseconds(Guid id) =>
        long.Parse(id.ToString("N")[..12], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(OrderStatus.Placed, OrderAction.Pay, OrderStatus.Paid)]
    [InlineData(OrderStatus.Paid, OrderAction.Ship, OrderStatus.Shipped)]
    [InlineData(OrderStatus.Placed, OrderAction.Cancel, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Paid, OrderAction.Cancel, OrderStatus.Cancelled)]
    public void Allowed_actions_lead_to_the_next_status(OrderStatus from, OrderAction action, OrderStatus to)
    {
        Assert.Equal(to, OrderStatusRules.After(from, action));
    }

    [Fact]
    public void Exactly_four_transitions_are_allowed()
    {
        var allowed = Enum.GetValues<OrderStatus>()
            .SelectMany(status => Enum.GetValues<OrderAction>().Select(action => OrderStatusRules.After(status, action)))
            .Count(next => next is not null);

        Assert.Equal(4, allowed);
    }

    [Theory]
    [InlineData(OrderStatus.Placed, new[] { OrderAction.Pay, OrderAction.Cancel })]
    [InlineData(OrderStatus.Paid, new[] { OrderAction.Ship, OrderAction.Cancel })]
    [InlineData(OrderStatus.Shipped, new OrderAction[0])]
    [InlineData(OrderStatus.Cancelled, new OrderAction[0])]
    public void The_actions_allowed_from_a_status_are_those_that_lead_somewhere(OrderStatus from, OrderAction[] allowed)
    {
        Assert.Equal(allowed, OrderStatusRules.AllowedFrom(from));
    }

    [Fact]
    public void Applying_an_action_bumps_the_version_and_the_update_time_only()
    {
        var placed = Placed();

        var paid = placed.Apply(OrderAction.Pay, Now.AddMinutes(5));

        Assert.NotNull(paid);
        Assert.Equal(OrderStatus.Paid, paid.Status);
        Assert.Equal(2, paid.Version);
        Assert.Equal(Now.AddMinutes(5), paid.UpdatedAt);
        Assert.Equal(placed.CreatedAt, paid.CreatedAt);
        Assert.Equal(placed.Lines, paid.Lines);
    }

    [Fact]
    public void Paying_a_cancelled_order_is_not_allowed()
    {
        var cancelled = Placed().Apply(OrderAction.Cancel, Now)!;

        Assert.Null(cancelled.Apply(OrderAction.Pay, Now));
    }

    [Theory]
    [InlineData("placed", OrderStatus.Placed)]
    [InlineData("paid", OrderStatus.Paid)]
    [InlineData("shipped", OrderStatus.Shipped)]
    [InlineData("cancelled", OrderStatus.Cancelled)]
    public void Status_names_round_trip(string name, OrderStatus status)
    {
        Assert.Equal(name, status.ToName());
        Assert.True(OrderStatusRules.TryParse(name, out var parsed));
        Assert.Equal(status, parsed);
    }

    [Theory]
    [InlineData("Paid")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_status_names_do_not_parse(string? name)
    {
        Assert.False(OrderStatusRules.TryParse(name, out _));
    }
}
