using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using OrdersClient;

namespace Soak;

/// <summary>The answers each kind of request may get in the soak's mix; any other is a failure.</summary>
internal static class Expected
{
    public static readonly int[] Created = [201];
    public static readonly int[] Ok = [200];
    public static readonly int[] OkOrNotModified = [200, 304];
    public static readonly int[] KeyReused = [422];
    public static readonly int[] PreconditionFailed = [412];

    /// <summary>A change that may race another caller's: a customer's cancel and staff's ship of one paid order.</summary>
    public static readonly int[] ChangedOrRaced = [200, 409, 412];
}

/// <summary>
/// A soak: customers' sessions (<see cref="Shopper"/>) and staff shipping what they paid (<see cref="Shipper"/>),
/// together keeping the configured number of requests in flight until the time is up; then every acknowledged write
/// is read back. Every answer is counted; a transport error, a 5xx, an answer the mix does not expect, an
/// acknowledgement that says something else than was asked, or a lost acknowledged write fails the run; so do, when it
/// watches the Api under test, an error in the Api's log and memory that grew under the load.
/// </summary>
internal sealed class SoakRun(SoakSettings settings, HttpClient client, Callers callers, ApiUnderTest? api)
{
    public const string StaffSubject = "soak-staff";

    /// <summary>A tag no order has: what a client that kept a copy from before the order existed would send.</summary>
    public const string StaleTag = "\"0\"";
    const int ShippingQueueLimit = 1_000;
    static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(30);

    readonly Tally _tally = new();
    readonly AcknowledgedWrites _acknowledged = new();
    readonly ConcurrentQueue<OrderView> _toShip = new();
    long _startedAt;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

    /// <summary>Whether the time is up: workers start nothing new, and what is in flight finishes.</summary>
    public bool Over => Elapsed >= settings.Duration;

    public int Customers => settings.Customers;

    public async Task<int> RunAsync()
    {
        Console.Error.WriteLine(
            $"soak: {settings.CustomerWorkers} customer sessions of {settings.Customers} customers and {settings.StaffWorkers} staff " +
            $"against {settings.Url} for {Clock(settings.Duration)}, seed {settings.Seed}");
        api?.Start();
        _startedAt = Stopwatch.GetTimestamp();
        var workers = new List<Task>();
        var latencies = new List<Latencies>();
        for (var worker = 0; worker < settings.CustomerWorkers; worker++)
        {
            var shopper = new Shopper(this, SoakSettings.Customer(worker % settings.Customers), new Random(settings.Seed + worker));
            latencies.Add(shopper.Latencies);
            workers.Add(shopper.RunAsync());
        }

        for (var worker = 0; worker < settings.StaffWorkers; worker++)
        {
            var shipper = new Shipper(this, new Random(settings.Seed + settings.CustomerWorkers + worker));
            latencies.Add(shipper.Latencies);
            workers.Add(shipper.RunAsync());
        }

        var timer = new PeriodicTimer(ProgressEvery);
        var progress = ReportProgressAsync(timer);
        await Task.WhenAll(workers);
        var loadTime = Elapsed;
        api?.LoadOver();
        timer.Dispose();
        await progress;

        Console.Error.WriteLine($"soak: load over after {Clock(loadTime)}; reading back {_acknowledged.Orders:N0} acknowledged orders as staff");
        var verification = await _acknowledged.VerifyAsync(client, callers, StaffSubject, settings.Concurrency);
        var passed = WriteSummary(loadTime, latencies, verification);
        // the memory of the load is judged; the read-back that follows it is shown apart
        if (api is not null && !await api.ReportAsync(Console.Out, memoryCounts: true))
            passed = false;
        Console.WriteLine();
        Console.WriteLine(passed ? "Soak: **passed**." : "Soak: **failed**.");
        return passed ? 0 : 1;
    }

    /// <summary>
    /// Sends a request as the caller and counts its answer; a transport error, a 5xx or an answer not in
    /// <paramref name="expected"/> is a failure.
    /// </summary>
    public async Task<Answer> SendAsync(string operation, HttpRequestMessage request, string subject, bool staff, Latencies latencies, int[] expected)
    {
        using (request)
        {
            request.Headers.Authorization = callers.Of(subject, staff).Authorization;
            var answer = await Exchange.SendAsync(client, request, CancellationToken.None);
            latencies.Add(Elapsed, answer.Elapsed);
            _tally.Count(operation, answer);
            if (!answer.Arrived)
                Fail($"{operation} {request.Method} {request.RequestUri}: {answer.TransportError}");
            else if (answer.Status >= 500)
                Fail($"{operation} {request.Method} {request.RequestUri} answered {answer.Status}: {answer.Excerpt}");
            else if (!expected.Contains(answer.Status))
                Fail($"{operation} {request.Method} {request.RequestUri} answered {answer.Status}, not {string.Join(" or ", expected)}: {answer.Excerpt}");
            return answer;
        }
    }

    public void Fail(string description) => _tally.Fail(description);

    /// <summary>The order of a 201, recorded as acknowledged and checked against what was asked; null for any other answer.</summary>
    public OrderView? Placed(string operation, Answer answer, string customer, PlaceOrder asked)
    {
        if (answer.Status != 201)
            return null;
        if (Exchange.Read(answer, ClientJson.Default.OrderView) is not { } order)
        {
            Fail($"{operation}: a 201 that is not an order: {answer.Excerpt}");
            return null;
        }

        _acknowledged.Placed(order);
        if (PlacedAsAsked(order, customer, asked) is { } difference)
            Fail($"{operation}: order {order.Id} was acknowledged {difference}");
        return order;
    }

    /// <summary>The order of a 200 to a read, checked to be the customer's; null for any other answer.</summary>
    public OrderView? Read(string operation, Answer answer, string customer)
    {
        if (answer.Status != 200)
            return null;
        if (Exchange.Read(answer, ClientJson.Default.OrderView) is not { } order)
        {
            Fail($"{operation}: a 200 that is not an order: {answer.Excerpt}");
            return null;
        }

        if (order.CustomerId != customer)
        {
            Fail($"{operation}: {customer} was shown order {order.Id} of {order.CustomerId}");
            return null;
        }

        return order;
    }

    /// <summary>
    /// Pays, ships or cancels an order; the order of a 200 is recorded as acknowledged and checked to be in the status
    /// the action leads to. Null for any other answer.
    /// </summary>
    public async Task<OrderView?> ChangeAsync(
        string action, OrderView order, string subject, bool staff, Latencies latencies, string? ifMatch, int[] expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{order.Id}/{action}");
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        var answer = await SendAsync(ifMatch == StaleTag ? $"{action} (stale If-Match)" : action, request, subject, staff, latencies, expected);
        if (answer.Status != 200)
            return null;
        if (Exchange.Read(answer, ClientJson.Default.OrderView) is not { } changed)
        {
            Fail($"{action}: a 200 that is not an order: {answer.Excerpt}");
            return null;
        }

        _acknowledged.Changed(changed);
        var wanted = OrderStatuses.After(action);
        if (changed.Id != order.Id || changed.Status != wanted)
            Fail($"{action}: order {order.Id} was acknowledged as {changed.Id} {changed.Status}, not {wanted}");
        if (!staff && changed.CustomerId != subject)
            Fail($"{action}: {subject} changed order {changed.Id} of {changed.CustomerId}");
        return changed;
    }

    public static string TagOf(OrderView order) => $"\"{order.Version}\"";

    /// <summary>
    /// Lists up to <paramref name="pages"/> pages, following nextCursor, and checks what keyset pagination promises:
    /// newest first and no order twice, however many are placed meanwhile; a customer sees only their own orders; a
    /// filter by customer or status holds.
    /// </summary>
    public async Task ListAsync(string subject, bool staff, string? customerId, string? status, int limit, int pages, Latencies latencies)
    {
        var operation = staff ? "list (staff)" : "list";
        var query = $"limit={limit}";
        if (customerId is not null)
            query += $"&customerId={Uri.EscapeDataString(customerId)}";
        if (status is not null)
            query += $"&status={status}";

        string? cursor = null;
        string? last = null;
        for (var page = 0; page < pages && !Over; page++)
        {
            var target = cursor is null ? $"/api/orders?{query}" : $"/api/orders?{query}&cursor={Uri.EscapeDataString(cursor)}";
            var answer = await SendAsync(operation, new HttpRequestMessage(HttpMethod.Get, target), subject, staff, latencies, Expected.Ok);
            if (answer.Status != 200)
                return;
            if (Exchange.Read(answer, ClientJson.Default.OrderPage) is not { } read)
            {
                Fail($"{operation} {target}: a 200 that is not a page: {answer.Excerpt}");
                return;
            }

            if (read.Items.Count > limit)
                Fail($"{operation} {target}: {read.Items.Count} orders on a page of {limit}");
            foreach (var item in read.Items)
            {
                // uuids in PostgreSQL's order, which is their text's
                var id = $"{item.Id}";
                if (last is not null && string.CompareOrdinal(id, last) >= 0)
                {
                    Fail($"{operation} {target}: order {id} came after {last}; a list is newest first, each order once");
                    return;
                }

                last = id;
                if (!staff && item.CustomerId != subject)
                    Fail($"{operation} {target}: {subject} was shown order {item.Id} of {item.CustomerId}");
                if (customerId is not null && item.CustomerId != customerId)
                    Fail($"{operation} {target}: order {item.Id} of {item.CustomerId} in a list of {customerId}'s");
                if (status is not null && item.Status != status)
                    Fail($"{operation} {target}: order {item.Id}, {item.Status}, in a list of {status} orders");
            }

            cursor = read.NextCursor;
            if (cursor is null)
                return;
        }
    }

    /// <summary>A paid order for staff to ship; beyond a backlog of a thousand, it stays paid.</summary>
    public void ToShip(OrderView paid)
    {
        if (_toShip.Count < ShippingQueueLimit)
            _toShip.Enqueue(paid);
    }

    public OrderView? NextToShip() => _toShip.TryDequeue(out var paid) ? paid : null;

    public static HttpRequestMessage PlaceRequest(PlaceOrder order, string? idempotencyKey)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(order, ClientJson.Default.PlaceOrder));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = content };
        if (idempotencyKey is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        return request;
    }

    static string? PlacedAsAsked(OrderView order, string customer, PlaceOrder asked)
    {
        if (order.CustomerId != customer)
            return $"for customer {order.CustomerId}, not {customer}";
        if (order.Currency != asked.Currency)
            return $"in {order.Currency}, not {asked.Currency}";
        if (order.Lines.Count != asked.Lines.Count)
            return $"with {order.Lines.Count} lines, not {asked.Lines.Count}";
        for (var i = 0; i < asked.Lines.Count; i++)
        {
            var (line, wanted) = (order.Lines[i], asked.Lines[i]);
            if (line.Sku != wanted.Sku || line.Quantity != wanted.Quantity || line.UnitPrice != wanted.UnitPrice)
                return $"with line {i + 1} {line.Quantity} × {line.Sku} at {line.UnitPrice}, not {wanted.Quantity} × {wanted.Sku} at {wanted.UnitPrice}";
        }

        var total = asked.Lines.Sum(line => line.Quantity * line.UnitPrice);
        if (order.Total != total)
            return $"with total {order.Total}, not {total}";
        if (order.Status != OrderStatuses.Placed || order.Version != 1)
            return $"{order.Status} at version {order.Version}, not placed at version 1";
        return null;
    }

    async Task ReportProgressAsync(PeriodicTimer timer)
    {
        while (await timer.WaitForNextTickAsync())
        {
            Console.Error.WriteLine(
                $"soak: {Clock(Elapsed)}: {_tally.Requests:N0} requests, {_acknowledged.Orders:N0} orders acknowledged, {_tally.Failures:N0} failures");
        }
    }

    bool WriteSummary(TimeSpan loadTime, List<Latencies> latencies, Verification verification)
    {
        var output = Console.Out;
        var latency = Latencies.Summarize(latencies, loadTime);
        var requests = _tally.Requests;
        var passed = _tally.Failures == 0 && verification.Lost.Count == 0 && verification.Unverified.Count == 0;

        output.WriteLine("## Soak");
        output.WriteLine();
        output.WriteLine(
            $"{settings.Customers} customers and staff with {settings.Concurrency} requests in flight ({settings.CustomerWorkers} customer " +
            $"sessions, {settings.StaffWorkers} staff) for {Clock(loadTime)} against {settings.Url}; seed {settings.Seed}.");
        output.WriteLine();
        output.WriteLine("| measure | value |");
        output.WriteLine("| --- | --- |");
        output.WriteLine($"| requests | {requests:N0} |");
        output.WriteLine($"| rate | {requests / Math.Max(loadTime.TotalSeconds, 0.001):N1} requests/s |");
        output.WriteLine($"| latency p50, p99 | {latency.All} |");
        output.WriteLine($"| latency p50, p99 in the first, second and last third | {string.Join("; ", latency.Thirds)} |");
        output.WriteLine($"| transport errors | {_tally.TransportErrors:N0} |");
        output.WriteLine($"| server errors (5xx) | {_tally.ServerErrors:N0} |");
        output.WriteLine($"| failures (all of the above, unexpected answers, wrong acknowledgements) | {_tally.Failures:N0} |");
        _acknowledged.WriteRows(output, verification);
        output.WriteLine();
        _tally.WriteStatuses(output);
        output.WriteLine();
        _tally.WriteOperations(output);
        _tally.WriteFailures(output);
        AcknowledgedWrites.WriteLists(output, verification);
        output.WriteLine();
        output.WriteLine(passed
            ? "Requests and writes: **passed** (no transport error, no 5xx, no unexpected answer, no lost acknowledged write)."
            : "Requests and writes: **failed** (see above).");
        return passed;
    }

    static string Clock(TimeSpan time) => $"{(int)time.TotalMinutes}m {time.Seconds:00}s";
}
