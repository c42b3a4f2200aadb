using Api.Orders;
using OrdersClient;

namespace Bench.Tests;

public sealed class OrderStatusesTests
{
    static readonly OrderStatus[] Statuses = Enum.GetValues<OrderStatus>();

    public static TheoryData<string, string> EveryPair()
    {
        var pairs = new TheoryData<string, string>();
        foreach (var from in Statuses)
        {
            foreach (var to in Statuses)
                pairs.Add(from.ToName(), to.ToName());
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Reachable_is_the_closure_of_the_Api_s_transitions(string from, string to)
    {
        var closure = Closure();

        Assert.True(OrderStatusRules.TryParse(from, out var start));
        Assert.True(OrderStatusRules.TryParse(to, out var end));
        Assert.Equal(closure.Contains((start, end)), OrderStatuses.Reachable(from, to));
    }

    [Theory]
    [InlineData("placed", "shipped", true)]
    [InlineData("paid", "cancelled", true)]
    [InlineData("shipped", "shipped", true)]
    [InlineData("paid", "placed", false)]
    [InlineData("cancelled", "paid", false)]
    [InlineData("shipped", "cancelled", false)]
    [InlineData("placed", "refunded", false)]
    public void An_acknowledged_status_may_be_followed_only_by_one_it_leads_to(string from, string to, bool reachable)
    {
        Assert.Equal(reachable, OrderStatuses.Reachable(from, to));
    }

    [Theory]
    [InlineData("pay", "paid")]
    [InlineData("ship", "shipped")]
    [InlineData("cancel", "cancelled")]
    public void An_action_leads_to_its_status(string action, string status)
    {
        Assert.Equal(status, OrderStatuses.After(action));
    }

    /// <summary>Every (from, to) joined by none or more of the Api's transitions, by Warshall's algorithm.</summary>
    static HashSet<(OrderStatus, OrderStatus)> Closure()
    {
        var joined = Statuses.Select(status => (status, status)).ToHashSet();
        foreach (var from in Statuses)
        {
            foreach (var action in Enum.GetValues<OrderAction>())
            {
                if (OrderStatusRules.After(from, action) is { } to)
                    joined.Add((from, to));
            }
        }

        foreach (var via in Statuses)
        {
            foreach (var from in Statuses)
            {
                foreach (var to in Statuses)
                {
                    if (joined.Contains((from, via)) && joined.Contains((via, to)))
                        joined.Add((from, to));
                }
            }
        }

        return joined;
    }
}
