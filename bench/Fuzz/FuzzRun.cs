using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using OrdersClient;

namespace Fuzz;

/// <summary>
/// A fuzz run: the generated requests, so many in flight at a time, each answer judged; then every acknowledged write
/// read back. A failure is: a 5xx; a transport error, unless the request was over the server's limits (which it may
/// enforce by closing the connection); a success (2xx, 304) for a token the Api must refuse, or for a body over 64 KiB;
/// a customer shown another customer's order; a valid write answered other than it may be; an acknowledgement that is
/// not an order; a lost acknowledged write; when it watches the Api under test, an error in the Api's log (its memory is
/// shown, not judged).
/// </summary>
internal sealed class FuzzRun(FuzzSettings settings, HttpClient client, Callers callers, ApiUnderTest? api)
{
    const int ProgressEvery = 2_500;
    const int SamplesKept = 10;
    static readonly int[] Placed = [201];
    static readonly int[] ChangedOrConflict = [200, 409];

    readonly Tally _tally = new();
    readonly FuzzState _state = new();
    readonly ConcurrentDictionary<(string Dimension, string Value, string Outcome), long> _coverage = new();
    readonly ConcurrentQueue<string> _notSentSamples = new();
    long _notSent;
    long _closedOverLimits;
    long _sent;

    // scheme, host and port: the generated path and query follow as they are
    string Origin => settings.Url.GetLeftPart(UriPartial.Authority);

    public async Task<int> RunAsync()
    {
        var total = settings.Total;
        Console.Error.WriteLine(
            $"fuzz: {settings.Requests:N0} random requests and {total - settings.Requests:N0} valid writes against {settings.Url}, " +
            $"{settings.Concurrency} in flight, seed {settings.Seed}");
        var generator = new RequestGenerator(callers, _state, settings.Seed);
        api?.Start();
        var started = Stopwatch.GetTimestamp();
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Concurrency };
        await Parallel.ForEachAsync(Enumerable.Range(1, total), options, async (number, _) =>
        {
            await SendAsync(generator.Next(number));
            var sent = Interlocked.Increment(ref _sent);
            if (sent % ProgressEvery == 0)
                Console.Error.WriteLine($"fuzz: {sent:N0} of {total:N0} requests, {_tally.Failures:N0} failures");
        });
        var elapsed = Stopwatch.GetElapsedTime(started);

        Console.Error.WriteLine($"fuzz: reading back {_state.Acknowledged.Orders:N0} acknowledged orders as staff");
        var verification = await _state.Acknowledged.VerifyAsync(client, callers, RequestGenerator.Staff, settings.Concurrency);
        var passed = WriteSummary(elapsed, verification);
        // shown, not judged: a fuzz run is too short and uneven for a verdict on memory
        if (api is not null && !await api.ReportAsync(Console.Out, memoryCounts: false))
            passed = false;
        Console.WriteLine();
        Console.WriteLine(passed ? "Fuzz run: **passed**." : "Fuzz run: **failed**.");
        return passed ? 0 : 1;
    }

    async Task SendAsync(FuzzRequest request)
    {
        Answer answer;
        try
        {
            using var message = ToMessage(request);
            answer = await Exchange.SendAsync(client, message, CancellationToken.None);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException)
        {
            // the client would not make or send it: a limit of the generator, not of the Api
            Interlocked.Increment(ref _notSent);
            if (_notSentSamples.Count < SamplesKept)
                _notSentSamples.Enqueue($"{request.Describe()}: {exception.Message}");
            return;
        }

        _tally.Count(request.Operation, answer);
        Cover(request, answer);
        Judge(request, answer);
    }

    HttpRequestMessage ToMessage(FuzzRequest request)
    {
        // the path and query as generated, not as System.Uri would tidy them (dot segments, escapes)
        var uri = new Uri(Origin + request.Target, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        var message = new HttpRequestMessage(new HttpMethod(request.Method), uri);
        foreach (var (name, value) in request.Headers)
            _ = message.Headers.TryAddWithoutValidation(name, value);
        if (request.Body is { } body)
        {
            HttpContent content = request.Chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
            if (request.ContentType is not null)
                _ = content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            message.Content = content;
            // no Content-Length: the Api reads such a body up to its limit before anything else sees it
            if (request.Chunked)
                message.Headers.TransferEncodingChunked = true;
        }

        return message;
    }

    void Cover(FuzzRequest request, Answer answer)
    {
        var outcome = answer.Arrived ? $"{answer.Status}" : "transport error";
        Count("route", request.Route, outcome);
        Count("token", $"{request.Token}", outcome);
        if (request.Body is not null)
        {
            Count("body", request.BodyKind, outcome);
            Count("content type", request.ContentType ?? "(none)", outcome);
        }
    }

    void Count(string dimension, string value, string outcome) =>
        _coverage.AddOrUpdate((dimension, value, outcome), 1, (_, count) => count + 1);

    void Judge(FuzzRequest request, Answer answer)
    {
        if (!answer.Arrived)
        {
            if (request.OverLimits)
                Interlocked.Increment(ref _closedOverLimits);
            else
                Fail(request, $"transport error: {answer.TransportError}");
            return;
        }

        var status = answer.Status;
        if (status >= 500)
        {
            Fail(request, $"answered {status}: {answer.Excerpt}");
            return;
        }

        var succeeded = status is (>= 200 and < 300) or 304;
        if (succeeded && request.RefusedToken)
            Fail(request, $"answered {status} to a token it must refuse: {answer.Excerpt}");
        // a body of undeclared length is read (and refused when too large) only where a body means something: a
        // GET's is never read, so answering the GET is no acceptance of it
        var bodyRead = !request.Chunked || request.Method is not ("GET" or "HEAD" or "DELETE" or "OPTIONS");
        if (succeeded && bodyRead && request.Body is { Length: > FuzzRequest.BodyLimit })
            Fail(request, $"answered {status} to a body over 64 KiB");
        if (request.Write != WriteKind.None)
        {
            var expected = (request.Write is WriteKind.Place or WriteKind.Replay) ? Placed : ChangedOrConflict;
            if (!expected.Contains(status))
                Fail(request, $"a valid write answered {status}, not {string.Join(" or ", expected)}: {answer.Excerpt}");
        }

        if (succeeded)
            Acknowledge(request, answer);
    }

    /// <summary>Records what a success acknowledged, checks a customer saw only their own orders, and keeps cursors for later requests.</summary>
    void Acknowledge(FuzzRequest request, Answer answer)
    {
        // routing takes methods in any case: "post" is POST
        var writes = string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase);
        var reads = string.Equals(request.Method, "GET", StringComparison.OrdinalIgnoreCase);
        if (answer.Status == 201 || (answer.Status == 200 && writes))
        {
            if (Exchange.Read(answer, ClientJson.Default.OrderView) is not { } order || order.Id == Guid.Empty)
            {
                Fail(request, $"a {answer.Status} that is not an order: {answer.Excerpt}");
                return;
            }

            if (answer.Status == 201)
            {
                _state.Acknowledged.Placed(order);
                _state.Remember(order);
                if (request is { Write: WriteKind.Place, IdempotencyKey: { } key, Subject: { } customer, Body: { } body })
                    _state.Remember(new KeyedPlacement(customer, key, body, order.Id));
                if (request.Write == WriteKind.Replay && (order.Id != request.ExpectedId || !answer.Replayed))
                    Fail(request, $"a replay answered order {order.Id} (replayed: {answer.Replayed}), not order {request.ExpectedId} again");
            }
            else
            {
                _state.Acknowledged.Changed(order);
            }
        }

        if (request.Token == TokenKind.Customer && request.Subject is { } subject && ShownToOthers(answer, subject) is { } owner)
            Fail(request, $"{subject} was shown an order of {owner}");
        if (request.ValidToken && reads && answer.Status == 200 && Exchange.Read(answer, ClientJson.Default.OrderPage) is { NextCursor: { } cursor })
            _state.RememberCursor(cursor);
    }

    /// <summary>The customer of an order (or of an order on a page) in the answer that is not <paramref name="subject"/>, or null.</summary>
    static string? ShownToOthers(Answer answer, string subject)
    {
        if (answer.Body.Length == 0)
            return null;
        try
        {
            using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(answer.Body));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
                return items.EnumerateArray().Select(CustomerOf).FirstOrDefault(customer => customer is not null && customer != subject);
            return CustomerOf(root) is { } customerId && customerId != subject ? customerId : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static string? CustomerOf(JsonElement order) =>
        order.ValueKind == JsonValueKind.Object && order.TryGetProperty("customerId", out var customer) && customer.ValueKind == JsonValueKind.String
            ? customer.GetString()
            : null;

    void Fail(FuzzRequest request, string what) => _tally.Fail($"{request.Describe()}: {what}");

    bool WriteSummary(TimeSpan elapsed, Verification verification)
    {
        var output = Console.Out;
        var total = settings.Total;
        var passed = _tally.Failures == 0 && verification.Lost.Count == 0 && verification.Unverified.Count == 0;

        output.WriteLine("## Fuzz run");
        output.WriteLine();
        output.WriteLine(
            $"{settings.Requests:N0} random requests and {total - settings.Requests:N0} valid writes among them, {settings.Concurrency} in flight, " +
            $"in {elapsed.TotalSeconds:N1} s ({total / Math.Max(elapsed.TotalSeconds, 0.001):N0} requests/s) against {settings.Url}; " +
            $"seed {settings.Seed} (SEED={settings.Seed} makes the same requests again).");
        if (settings.Requests < FuzzSettings.EnoughRequests)
        {
            output.WriteLine();
            output.WriteLine($"Fewer than {FuzzSettings.EnoughRequests:N0} random requests: a trial, not a fuzz run that counts.");
        }

        output.WriteLine();
        output.WriteLine("| measure | value |");
        output.WriteLine("| --- | --- |");
        output.WriteLine($"| answered | {_tally.Requests - _tally.TransportErrors:N0} |");
        output.WriteLine($"| not sent (the client would not make them) | {Interlocked.Read(ref _notSent):N0} |");
        output.WriteLine(
            $"| transport errors | {_tally.TransportErrors:N0}, of which {Interlocked.Read(ref _closedOverLimits):N0} " +
            "to requests over the server's limits (allowed) |");
        output.WriteLine($"| server errors (5xx) | {_tally.ServerErrors:N0} |");
        output.WriteLine($"| failures | {_tally.Failures:N0} |");
        _state.Acknowledged.WriteRows(output, verification);
        output.WriteLine();
        _tally.WriteStatuses(output);
        output.WriteLine();
        _tally.WriteOperations(output);
        foreach (var dimension in (string[])["route", "token", "body", "content type"])
        {
            output.WriteLine();
            WriteCoverage(output, dimension);
        }

        _tally.WriteFailures(output);
        AcknowledgedWrites.WriteLists(output, verification);
        ReportList.Write(output, "Not sent", [.. _notSentSamples]);
        output.WriteLine();
        output.WriteLine(passed
            ? "Verdict: **passed** (no 5xx, no transport error but to requests over the limits, no refused token or oversize body taken, no lost acknowledged write)."
            : "Verdict: **failed** (see above).");
        return passed;
    }

    void WriteCoverage(TextWriter output, string dimension)
    {
        output.WriteLine($"| {dimension} | answers |");
        output.WriteLine("| --- | --- |");
        var values = _coverage
            .Where(entry => entry.Key.Dimension == dimension)
            .GroupBy(entry => entry.Key.Value)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var value in values)
        {
            var outcomes = value.OrderBy(entry => entry.Key.Outcome, StringComparer.Ordinal).Select(entry => $"{entry.Key.Outcome} × {entry.Value:N0}");
            output.WriteLine($"| {Cell(value.Key)} | {string.Join(", ", outcomes)} |");
        }
    }

    static string Cell(string value) => value.Length == 0 ? "(empty)" : value.Replace('|', '/');
}
