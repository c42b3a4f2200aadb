using OrdersClient;

namespace Fuzz;

/// <summary>A placement made with an Idempotency-Key, for a later replay of it.</summary>
internal sealed record KeyedPlacement(string Customer, string Key, byte[] Body, Guid Id);

/// <summary>
/// What a fuzz run has learnt from the Api so far and reuses: the acknowledged writes, and a sample of the orders,
/// keyed placements and list cursors it was given, so that requests name real orders, replay real keys and present
/// real cursors (to their owner or to someone else).
/// </summary>
internal sealed class FuzzState
{
    const int Kept = 1_000;

    readonly Lock _gate = new();
    readonly List<OrderView> _orders = [];
    readonly List<KeyedPlacement> _placements = [];
    readonly List<string> _cursors = [];
    int _nextOrder;
    int _nextPlacement;
    int _nextCursor;

    public AcknowledgedWrites Acknowledged { get; } = new();

    public void Remember(OrderView order)
    {
        lock (_gate)
        {
            Keep(_orders, order, ref _nextOrder);
        }
    }

    public void Remember(KeyedPlacement placement)
    {
        lock (_gate)
        {
            Keep(_placements, placement, ref _nextPlacement);
        }
    }

    public void RememberCursor(string cursor)
    {
        lock (_gate)
        {
            Keep(_cursors, cursor, ref _nextCursor);
        }
    }

    public OrderView? AnyOrder(Random random)
    {
        lock (_gate)
        {
            return _orders.Count == 0 ? null : _orders[random.Next(_orders.Count)];
        }
    }

    public KeyedPlacement? AnyPlacement(Random random)
    {
        lock (_gate)
        {
            return _placements.Count == 0 ? null : _placements[random.Next(_placements.Count)];
        }
    }

    public string? AnyCursor(Random random)
    {
        lock (_gate)
        {
            return _cursors.Count == 0 ? null : _cursors[random.Next(_cursors.Count)];
        }
    }

    // the first ones, then each new one in the place of an old one
    static void Keep<T>(List<T> kept, T item, ref int next)
    {
        if (kept.Count < Kept)
            kept.Add(item);
        else
            kept[next++ % Kept] = item;
    }
}
