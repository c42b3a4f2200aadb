using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Orders.Loopback;

/// <summary>
/// The Lambda Runtime API on a loopback port, as Lambda offers it to a function's process
/// (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-api.html): the process long-polls for the next event and
/// posts its response or error. A test invokes by handing an event over and waiting for that answer.
/// </summary>
public sealed class LambdaRuntimeApi : IAsyncDisposable
{
    const string Prefix = "/2018-06-01/runtime";
    // marks the stand-in's own round trip as it starts, which is no function's first request for an event
    const string WarmUpHeader = "X-Stand-In-Warm-Up";

    readonly Channel<(string RequestId, string Event)> _events = Channel.CreateUnbounded<(string, string)>();
    readonly ConcurrentDictionary<string, TaskCompletionSource<LambdaInvocation>> _pending = new();
    // when each event was handed out: an invocation's duration runs from there to its answer, as Lambda bills it
    readonly ConcurrentDictionary<string, long> _handedOut = new();
    readonly ConcurrentQueue<string> _initErrors = new();
    readonly TaskCompletionSource<long> _firstNext = new(TaskCreationOptions.RunContinuationsAsynchronously);
    LoopbackServer? _server;

    /// <summary>host:port, what AWS_LAMBDA_RUNTIME_API holds.</summary>
    public string HostAndPort => _server!.Address.Authority;

    /// <summary>What the process reported when it failed to start (posted to /init/error).</summary>
    public IReadOnlyCollection<string> InitErrors => _initErrors;

    /// <summary>
    /// Completes with the <see cref="Stopwatch"/> timestamp of the function's first request for an event: the end of its
    /// Init phase (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html).
    /// </summary>
    public Task<long> FirstNext => _firstNext.Task;

    public static async Task<LambdaRuntimeApi> StartAsync()
    {
        var api = new LambdaRuntimeApi();
        api._server = await LoopbackServer.StartAsync(routes =>
        {
            routes.MapGet($"{Prefix}/invocation/next", api.NextAsync);
            routes.MapPost($"{Prefix}/invocation/{{requestId}}/response", (string requestId, HttpRequest request) => api.AnswerAsync(requestId, "response", request));
            routes.MapPost($"{Prefix}/invocation/{{requestId}}/error", (string requestId, HttpRequest request) => api.AnswerAsync(requestId, "error", request));
            routes.MapPost($"{Prefix}/init/error", api.InitErrorAsync);
        });
        await api.WarmUpAsync();
        return api;
    }

    /// <summary>
    /// One invocation's round trip through this server before any function starts: the first request a .NET server
    /// takes runs its code for the first time, and that time belongs to neither a function's Init nor its invocation.
    /// </summary>
    async Task WarmUpAsync()
    {
        using var client = new HttpClient { BaseAddress = _server!.Address };
        var invocation = InvokeAsync("{}", TimeSpan.FromSeconds(30), CancellationToken.None);
        using var next = new HttpRequestMessage(HttpMethod.Get, $"{Prefix}/invocation/next") { Headers = { { WarmUpHeader, "1" } } };
        using var handedOut = await client.SendAsync(next);
        var requestId = handedOut.EnsureSuccessStatusCode().Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
        using var answered = await client.PostAsync($"{Prefix}/invocation/{requestId}/response", new StringContent("{}"));
        answered.EnsureSuccessStatusCode();
        await invocation;
    }

    /// <summary>
    /// Hands the event to the function and waits for its answer, at most the budget. An event whose budget ran out
    /// before the function asked for it is never handed out: its caller has been answered already.
    /// </summary>
    public async Task<LambdaInvocation> InvokeAsync(string lambdaEvent, TimeSpan budget, CancellationToken cancellationToken)
    {
        var requestId = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<LambdaInvocation>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[requestId] = answer;
        await _events.Writer.WriteAsync((requestId, lambdaEvent), cancellationToken);
        try
        {
            return await answer.Task.WaitAsync(budget, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The function did not answer the invocation within {budget.TotalSeconds} s (init errors: {string.Join("; ", _initErrors)}).");
        }
        finally
        {
            _pending.TryRemove(requestId, out _);
        }
    }

    async Task NextAsync(HttpContext context)
    {
        if (!context.Request.Headers.ContainsKey(WarmUpHeader))
            _firstNext.TrySetResult(Stopwatch.GetTimestamp());
        string requestId, lambdaEvent;
        do
            (requestId, lambdaEvent) = await _events.Reader.ReadAsync(context.RequestAborted);
        while (!_pending.ContainsKey(requestId));
        _handedOut[requestId] = Stopwatch.GetTimestamp();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds();
        context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = requestId;
        context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = deadline.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = $"arn:aws:lambda:eu-central-1:123456789012:function:{LambdaFunction.Name}";
        context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-00000000-000000000000000000000000;Sampled=0";
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(lambdaEvent, context.RequestAborted);
    }

    async Task<IResult> AnswerAsync(string requestId, string outcome, HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        var answeredAt = Stopwatch.GetTimestamp();
        if (_handedOut.TryRemove(requestId, out var handedOutAt) && _pending.TryGetValue(requestId, out var answer))
            answer.TrySetResult(new LambdaInvocation(outcome, body, Stopwatch.GetElapsedTime(handedOutAt, answeredAt)));
        return Results.Accepted();
    }

    async Task<IResult> InitErrorAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        _initErrors.Enqueue(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        return Results.Accepted();
    }

    public async ValueTask DisposeAsync()
    {
        _events.Writer.TryComplete();
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>How the function answered: "response" or "error", the body it posted, and how long it took from the event.</summary>
public sealed record LambdaInvocation(string Outcome, string Body, TimeSpan Duration);
