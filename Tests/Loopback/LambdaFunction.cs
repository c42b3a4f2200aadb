using System.Diagnostics;

namespace Orders.Loopback;

/// <summary>
/// A Lambda function's process, started as Lambda starts one in an execution environment: its executable in its own
/// folder, told where its Runtime API is, with the variables Lambda defines for a function
/// (https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime). It takes one
/// invocation at a time, as one execution environment does, and keeps how long its Init and each invocation took.
/// </summary>
public sealed class LambdaFunction : IAsyncDisposable
{
    public const string Name = "orders-api";

    readonly LambdaRuntimeApi _runtime;
    readonly Process _process;
    readonly Task _exited;
    readonly List<TimeSpan> _durations = [];

    LambdaFunction(LambdaRuntimeApi runtime, Process process, Task exited, TimeSpan initDuration)
    {
        _runtime = runtime;
        _process = process;
        _exited = exited;
        InitDuration = initDuration;
    }

    /// <summary>From the process's start to its first request for an event, what Lambda reports as Init Duration.</summary>
    public TimeSpan InitDuration { get; }

    /// <summary>Every invocation's duration so far, in order: from the event handed out to the answer.</summary>
    public IReadOnlyList<TimeSpan> Durations
    {
        get
        {
            lock (_durations)
                return [.. _durations];
        }
    }

    /// <summary>
    /// Starts the function and waits, at most the budget, for the end of its Init. The function is an executable (such as
    /// a package's bootstrap) or an assembly that dotnet runs, started in its own folder. The process's output lines go
    /// to <paramref name="output"/>, as a function's go to its log group, or where this process writes its own. A
    /// process that ends first fails the start, with the init errors it reported.
    /// </summary>
    public static async Task<LambdaFunction> StartAsync(
        string function, IReadOnlyDictionary<string, string> environment, TimeSpan initBudget, CancellationToken cancellationToken,
        Action<string>? output = null)
    {
        var runtime = await LambdaRuntimeApi.StartAsync();
        var path = Path.GetFullPath(function);
        var start = new ProcessStartInfo(path.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : path)
        {
            WorkingDirectory = Path.GetDirectoryName(path),
            RedirectStandardOutput = output is not null,
            RedirectStandardError = output is not null,
        };
        if (path.EndsWith(".dll", StringComparison.Ordinal))
            start.ArgumentList.Add(path);
        start.Environment["AWS_LAMBDA_RUNTIME_API"] = runtime.HostAndPort;
        start.Environment["AWS_LAMBDA_FUNCTION_NAME"] = Name;
        start.Environment["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST";
        start.Environment["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = "512";
        start.Environment["AWS_REGION"] = "eu-central-1";
        start.Environment["LAMBDA_TASK_ROOT"] = start.WorkingDirectory;
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        var startedAt = Stopwatch.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {function}.");
        }
        catch
        {
            await runtime.DisposeAsync();
            throw;
        }

        if (output is not null)
        {
            process.OutputDataReceived += (_, line) => output(line.Data ?? "");
            process.ErrorDataReceived += (_, line) => output(line.Data ?? "");
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        var exited = process.WaitForExitAsync(CancellationToken.None);
        try
        {
            var first = await Task.WhenAny(runtime.FirstNext, exited).WaitAsync(initBudget, cancellationToken);
            if (first != runtime.FirstNext)
            {
                throw new InvalidOperationException(
                    $"{function} ended with exit code {process.ExitCode} before it asked for an event; init errors: {string.Join("; ", runtime.InitErrors)}");
            }

            return new LambdaFunction(runtime, process, exited, Stopwatch.GetElapsedTime(startedAt, await runtime.FirstNext));
        }
        catch (Exception e)
        {
            process.Kill(entireProcessTree: true);
            await exited;
            process.Dispose();
            await runtime.DisposeAsync();
            if (e is TimeoutException)
                throw new TimeoutException($"{function} did not ask for an event within {initBudget.TotalSeconds} s of its start.", e);
            throw;
        }
    }

    /// <summary>Hands the event to the function and waits for its answer, at most the budget.</summary>
    public async Task<LambdaInvocation> InvokeAsync(string lambdaEvent, TimeSpan budget, CancellationToken cancellationToken)
    {
        var answer = _runtime.InvokeAsync(lambdaEvent, budget, cancellationToken);
        if (await Task.WhenAny(answer, _exited) != answer)
            throw new InvalidOperationException($"The function's process ended, with exit code {_process.ExitCode}, before it answered.");
        var invocation = await answer;
        lock (_durations)
            _durations.Add(invocation.Duration);
        return invocation;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _exited;

        _process.Dispose();
        await _runtime.DisposeAsync();
    }
}
