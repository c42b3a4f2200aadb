using System.Collections.Concurrent;
namespace OrdersClient;

/// <summary>An order as the Api acknowledged it: what it was placed with, and the furthest status and version acknowledged.</summary>
internal sealed record Acknowledged(OrderView Order, string Status, int Version);

/// <summary>How the re-read of every acknowledged order went.</summary>
internal sealed record Verification(long Verified, IReadOnlyList<string> Lost, IReadOnlyList<string> Unverified);

/// <summary>
/// Every write the Api acknowledged (a 201 of a placement, a 200 of pay, ship or cancel), and at the end the proof that
/// none was lost: each order read back as staff is the order that was placed (id, customer, currency, lines, total) and
/// at least as far along as acknowledged (its version no lower; at the same version, the same status; its status one
/// the acknowledged one can lead to).
/// </summary>
internal sealed class AcknowledgedWrites
{
    readonly ConcurrentDictionary<Guid, Acknowledged> _orders = new();
    readonly ConcurrentQueue<string> _contradictions = new();
    long _placements;
    long _changes;

    public long Placements => Interlocked.Read(ref _placements);

    public long Changes => Interlocked.Read(ref _changes);

    public int Orders => _orders.Count;

    /// <summary>A 201 of a placement (a replay answers the first placement's order again).</summary>
    public void Placed(OrderView order)
    {
        Interlocked.Increment(ref _placements);
        var placed = new Acknowledged(order, order.Status, order.Version);
        var held = _orders.GetOrAdd(order.Id, placed);
        if (!ReferenceEquals(held, placed) && Differences(held.Order, order) is { } difference)
            _contradictions.Enqueue($"order {order.Id} was acknowledged twice with different contents: {difference}");
    }

    /// <summary>A 200 of pay, ship or cancel: the order in its new status.</summary>
    public void Changed(OrderView order)
    {
        Interlocked.Increment(ref _changes);
        var held = _orders.AddOrUpdate(
            order.Id,
            _ => new Acknowledged(order, order.Status, order.Version),
            (_, before) => order.Version > before.Version ? before with { Status = order.Status, Version = order.Version } : before);
        if (Differences(held.Order, order) is { } difference)
            _contradictions.Enqueue($"order {order.Id} was acknowledged with different contents: {difference}");
        else if (held.Version == order.Version && held.Status != order.Status)
            _contradictions.Enqueue($"order {order.Id} was acknowledged as {held.Status} and as {order.Status}, both at version {order.Version}");
    }

    /// <summary>Reads every acknowledged order back as the member of staff <paramref name="staff"/>.</summary>
    public async Task<Verification> VerifyAsync(HttpClient client, Callers callers, string staff, int concurrency)
    {
        var lost = new ConcurrentQueue<string>(_contradictions);
        var unverified = new ConcurrentQueue<string>();
        long verified = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
        await Parallel.ForEachAsync(_orders.Values, options, async (held, cancellationToken) =>
        {
            var id = held.Order.Id;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id}");
            request.Headers.Authorization = callers.Of(staff, staff: true).Authorization;
            var answer = await Exchange.SendAsync(client, request, cancellationToken);
            if (!answer.Arrived)
                unverified.Enqueue($"order {id}: {answer.TransportError}");
            else if (answer.Status == 404)
                lost.Enqueue($"order {id} ({held.Status}, version {held.Version}) is not there");
            else if (answer.Status != 200 || Exchange.Read(answer, ClientJson.Default.OrderView) is not { } stored)
                unverified.Enqueue($"order {id}: answered {answer.Status}: {answer.Excerpt}");
            else if (Regression(held, stored) is { } regression)
                lost.Enqueue($"order {id}: {regression}");
            else
                Interlocked.Increment(ref verified);
        });
        return new Verification(Interlocked.Read(ref verified), [.. lost], [.. unverified]);
    }

    /// <summary>What differs between two answers about one order in what never changes, or null.</summary>
    /// <summary>The rows of a run's summary table about its acknowledged writes and their read-back.</summary>
    public void WriteRows(TextWriter output, Verification verification)
    {
        output.WriteLine(
            $"| acknowledged writes | {Placements:N0} placements (replays included), {Changes:N0} changes, of {Orders:N0} orders |");
        output.WriteLine($"| orders read back as staff and as acknowledged or further | {verification.Verified:N0} |");
        output.WriteLine($"| lost acknowledged writes | {verification.Lost.Count:N0} |");
        output.WriteLine($"| orders that could not be read back | {verification.Unverified.Count:N0} |");
    }

    /// <summary>The lost writes and the orders that could not be read back, as lists under the report.</summary>
    public static void WriteLists(TextWriter output, Verification verification)
    {
        ReportList.Write(output, "Lost acknowledged writes", verification.Lost);
        ReportList.Write(output, "Orders that could not be read back", verification.Unverified);
    }

    public static string? Differences(OrderView expected, OrderView actual)
    {
        if (actual.Id != expected.Id)
            return $"id {actual.Id}, not {expected.Id}";
        if (actual.CustomerId != expected.CustomerId)
            return $"customer {actual.CustomerId}, not {expected.CustomerId}";
        if (actual.Currency != expected.Currency)
            return $"currency {actual.Currency}, not {expected.Currency}";
        if (actual.Total != expected.Total)
            return $"total {actual.Total}, not {expected.Total}";
        if (actual.Lines.Count != expected.Lines.Count)
            return $"{actual.Lines.Count} lines, not {expected.Lines.Count}";
        for (var i = 0; i < expected.Lines.Count; i++)
        {
            var (was, now) = (expected.Lines[i], actual.Lines[i]);
            if (now.Sku != was.Sku || now.Quantity != was.Quantity || now.UnitPrice != was.UnitPrice)
                return $"line {i + 1} is {now.Quantity} × {now.Sku} at {now.UnitPrice}, not {was.Quantity} × {was.Sku} at {was.UnitPrice}";
        }

        return null;
    }

    static string? Regression(Acknowledged held, OrderView stored)
    {
        if (Differences(held.Order, stored) is { } difference)
            return difference;
        if (stored.Version < held.Version)
            return $"it is {stored.Status} at version {stored.Version}, but {held.Status} at version {held.Version} was acknowledged";
        if (stored.Version == held.Version && stored.Status != held.Status)
            return $"it is {stored.Status} at version {stored.Version}, but {held.Status} was acknowledged at that version";
        if (!OrderStatuses.Reachable(held.Status, stored.Status))
            return $"it is {stored.Status}, which cannot follow the acknowledged {held.Status}";
        return null;
    }
}
