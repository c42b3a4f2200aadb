using OrdersClient;

namespace Soak;

/// <summary>
/// One customer's sessions, one after another until the soak is over: place an order (most with an Idempotency-Key,
/// some retried with it, now and then the key reused for another order by mistake), read it back with If-None-Match,
/// list their orders a few pages deep, then pay it (staff ship it later, unless the customer cancels first), cancel it
/// or leave it; now and then come back to an earlier order and pay or cancel it.
/// </summary>
internal sealed class Shopper(SoakRun run, string customer, Random random)
{
    const int Remembered = 50;
    static readonly string[] Skus = ["BOOK", "PEN", "MUG", "LAMP", "DESK", "CHAIR", "CABLE", "PLANT", "SKU-ö-😀"];
    static readonly decimal[] Prices = [0m, 0.99m, 1.5m, 12.5m, 19.99m, 120m, 999.95m, 10_000_000m];
    static readonly string[] Currencies = ["EUR", "USD", "GBP", "CHF"];

    readonly List<OrderView> _earlier = [];

    public Latencies Latencies { get; } = new();

    public async Task RunAsync()
    {
        // on the thread pool from here, so that the run starts every worker before any of them sends
        await Task.Yield();
        while (!run.Over)
            await SessionAsync();
    }

    async Task SessionAsync()
    {
        var asked = NewOrder();
        var key = random.Next(10) < 7 ? $"soak-{Guid.NewGuid():N}" : null;
        var answer = await run.SendAsync("place", SoakRun.PlaceRequest(asked, key), customer, staff: false, Latencies, Expected.Created);
        if (run.Placed("place", answer, customer, asked) is not { } order)
            return;
        Remember(order);

        if (key is not null && random.Next(5) == 0 && !run.Over)
            await RetryAsync(asked, key, order);
        if (key is not null && random.Next(50) == 0 && !run.Over)
            await ReuseKeyAsync(asked, key);
        if (run.Over)
            return;

        order = await ReadAsync(order, withTag: random.Next(4) > 0) ?? order;
        if (random.Next(3) == 0 && !run.Over)
        {
            await run.ListAsync(
                customer,
                staff: false,
                customerId: random.Next(2) == 0 ? customer : null,
                status: random.Next(4) == 0 ? OrderStatuses.Paid : null,
                limit: random.Next(5, 51),
                pages: random.Next(1, 4),
                Latencies);
        }

        if (run.Over)
            return;
        var fate = random.Next(100);
        if (fate < 60)
            await PayAsync(order);
        else if (fate < 75)
            await CancelAsync(order, mayRace: false);

        if (random.Next(10) == 0 && _earlier.Count > 0 && !run.Over)
            await ComeBackAsync(_earlier[random.Next(_earlier.Count)]);
    }

    /// <summary>The same request with the same key, as a client that lost the first answer sends it: the same order, marked as replayed.</summary>
    async Task RetryAsync(PlaceOrder asked, string key, OrderView first)
    {
        var answer = await run.SendAsync("place again (same key)", SoakRun.PlaceRequest(asked, key), customer, staff: false, Latencies, Expected.Created);
        if (run.Placed("place again (same key)", answer, customer, asked) is not { } again)
            return;
        if (again.Id != first.Id)
            run.Fail($"place again (same key): the retry with key {key} placed order {again.Id}; the first placed {first.Id}");
        else if (!answer.Replayed)
            run.Fail($"place again (same key): the retry with key {key} was not marked {Exchange.ReplayedHeader}");
    }

    /// <summary>The key of an earlier order with another order: refused with 422.</summary>
    async Task ReuseKeyAsync(PlaceOrder earlier, string key)
    {
        var other = earlier with { Lines = [.. earlier.Lines, new PlaceLine("EXTRA", 1, 1m)] };
        var answer = await run.SendAsync("place another order (same key)", SoakRun.PlaceRequest(other, key), customer, staff: false, Latencies, Expected.KeyReused);
        _ = run.Placed("place another order (same key)", answer, customer, other);
    }

    /// <summary>The order as it is now, or null when the read failed; with its tag, a 304 when it has not changed.</summary>
    async Task<OrderView?> ReadAsync(OrderView order, bool withTag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{order.Id}");
        if (withTag)
            request.Headers.TryAddWithoutValidation("If-None-Match", SoakRun.TagOf(order));
        var operation = withTag ? "read (If-None-Match)" : "read";
        var answer = await run.SendAsync(operation, request, customer, staff: false, Latencies, withTag ? Expected.OkOrNotModified : Expected.Ok);
        return answer.Status == 304 ? order : run.Read(operation, answer, customer);
    }

    /// <summary>Pays a placed order, sometimes after a refused attempt with a stale tag; staff ship it later, unless the customer cancels first.</summary>
    async Task PayAsync(OrderView order)
    {
        if (random.Next(30) == 0)
            await run.ChangeAsync("pay", order, customer, staff: false, Latencies, SoakRun.StaleTag, Expected.PreconditionFailed);
        var ifMatch = random.Next(2) == 0 ? SoakRun.TagOf(order) : null;
        if (await run.ChangeAsync("pay", order, customer, staff: false, Latencies, ifMatch, Expected.Ok) is not { } paid)
            return;
        run.ToShip(paid);
        if (random.Next(10) == 0 && !run.Over)
            await CancelAsync(paid, mayRace: true);
    }

    /// <summary>Cancels an order; when staff may be shipping it, losing that race (409, or 412 with a tag) is expected.</summary>
    async Task CancelAsync(OrderView order, bool mayRace)
    {
        var ifMatch = random.Next(2) == 0 ? SoakRun.TagOf(order) : null;
        await run.ChangeAsync("cancel", order, customer, staff: false, Latencies, ifMatch, mayRace ? Expected.ChangedOrRaced : Expected.Ok);
    }

    /// <summary>An earlier order, read again (a 304 if nothing changed), then paid or cancelled if it still can be.</summary>
    async Task ComeBackAsync(OrderView earlier)
    {
        if (await ReadAsync(earlier, withTag: true) is not { } current || run.Over)
            return;
        if (current.Status == OrderStatuses.Placed)
        {
            if (random.Next(2) == 0)
                await PayAsync(current);
            else
                await CancelAsync(current, mayRace: false);
        }
        else if (current.Status == OrderStatuses.Paid && random.Next(3) == 0)
        {
            await CancelAsync(current, mayRace: true);
        }
    }

    PlaceOrder NewOrder()
    {
        var lines = Enumerable.Range(0, random.Next(1, 6))
            .Select(_ => new PlaceLine(Skus[random.Next(Skus.Length)], random.Next(1, 6), Prices[random.Next(Prices.Length)]))
            .ToList();
        // the customer id may be left out: it is the caller's
        return new PlaceOrder(random.Next(2) == 0 ? customer : null, Currencies[random.Next(Currencies.Length)], lines);
    }

    void Remember(OrderView order)
    {
        if (_earlier.Count == Remembered)
            _earlier.RemoveAt(random.Next(Remembered));
        _earlier.Add(order);
    }
}
