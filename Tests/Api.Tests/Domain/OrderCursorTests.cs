using Api.Orders;

namespace Api.Tests.Domain;

public sealed class OrderCursorTests
{
    static readonly Guid Last = Guid.CreateVersion7();

    [Fact]
    public void A_cursor_reads_back_the_id_it_was_made_from()
    {
        var cursor = OrderCursor.Create(Last, "customer", OrderStatus.Paid);

        Assert.True(OrderCursor.TryRead(cursor, "customer", OrderStatus.Paid, out var id));
        Assert.Equal(Last, id);
    }

    [Fact]
    public void A_cursor_is_url_safe()
    {
        var cursor = OrderCursor.Create(Last, null, null);

        Assert.Equal(Uri.EscapeDataString(cursor), cursor);
    }

    [Theory]
    [InlineData("other", "paid")]
    [InlineData("customer", null)]
    [InlineData(null, "paid")]
    public void A_cursor_does_not_read_with_other_filters(string? customerId, string? status)
    {
        var cursor = OrderCursor.Create(Last, "customer", OrderStatus.Paid);
        OrderStatus? wanted = OrderStatusRules.TryParse(status, out var parsed) ? parsed : null;

        Assert.False(OrderCursor.TryRead(cursor, customerId, wanted, out _));
    }

    [Fact]
    public void Changing_any_character_of_a_cursor_makes_it_unreadable()
    {
        var cursor = OrderCursor.Create(Last, null, null);

        for (var i = 0; i < cursor.Length; i++)
        {
            var tampered = cursor[..i] + (cursor[i] == 'A' ? 'B' : 'A') + cursor[(i + 1)..];
            Assert.False(OrderCursor.TryRead(tampered, null, null, out _), $"Changed at {i}: {tampered}");
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_not_a_cursor(string cursor)
    {
        Assert.False(OrderCursor.TryRead(cursor, null, null, out _));
    }
}
