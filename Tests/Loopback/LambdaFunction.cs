using System.Diagnostics;
using CliWrap;

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
    // cancelling it kills the process and all it started, as Lambda ends an execution environment
    readonly CancellationTokenSource _kill;
    readonly Task<CommandResult> _exited;
    readonly List<TimeSpan> _durations = [];

    LambdaFunction(LambdaRuntimeApi runtime, CancellationTokenSource kill, Task<CommandResult> exited, TimeSpan initDuration)
    {
        _runtime = runtime;
        _kill = kill;
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
        var folder = Path.GetDirectoryName(path)!;
        var isAssembly = path.EndsWith(".dll", StringComparison.Ordinal);
        var command = Cli.Wrap(isAssembly ? "dotnet" : path)
            .WithArguments(isAssembly ? [path] : [])
            .WithWorkingDirectory(folder)
            .WithEnvironmentVariables(variables =>
            {
                variables
                    .Set("AWS_LAMBDA_RUNTIME_API", runtime.HostAndPort)
                    .Set("AWS_LAMBDA_FUNCTION_NAME", Name)
                    .Set("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
                    .Set("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                    .Set("AWS_REGION", "eu-central-1")
                    .Set("LAMBDA_TASK_ROOT", folder);
                foreach (var (name, value) in environment)
                    variables.Set(name, value);
            })
            .WithStandardOutputPipe(output is null ? PipeTarget.ToStream(Console.OpenStandardOutput()) : PipeTarget.ToDelegate(output))
            .WithStandardErrorPipe(output is null ? PipeTarget.ToStream(Console.OpenStandardError()) : PipeTarget.ToDelegate(output))
            .WithValidation(CommandResultValidation.None);

        var kill = new CancellationTokenSource();
        // taken right before the start, which ExecuteAsync makes before it returns
        var startedAt = Stopwatch.GetTimestamp();
        Task<CommandResult> exited;
        try
        {
            exited = command.ExecuteAsync(kill.Token).Task;
        }
        catch
        {
            kill.Dispose();
            await runtime.DisposeAsync();
            throw;
        }

        try
        {
            var first = await Task.WhenAny(runtime.FirstNext, exited).WaitAsync(initBudget, cancellationToken);
            if (first != runtime.FirstNext)
            {
                throw new InvalidOperationException(
                    $"{function} ended with exit code {(await exited).ExitCode} before it asked for an event; init errors: {string.Join("; ", runtime.InitErrors)}");
            }

            return new LambdaFunction(runtime, kill, exited, Stopwatch.GetElapsedTime(startedAt, await runtime.FirstNext));
        }
        catch (Exception e)
        {
            await EndAsync(kill, exited);
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
            throw new InvalidOperationException($"The function's process ended, with exit code {(await _exited).ExitCode}, before it answered.");
        var invocation = await answer;
        lock (_durations)
            _durations.Add(invocation.Duration);
        return invocation;
    }

    public async ValueTask DisposeAsync()
    {
        await EndAsync(_kill, _exited);
        await _runtime.DisposeAsync();
    }

    /// <summary>Kills the process, if it still runs, with all it started, and waits for it to be gone.</summary>
    static async Task EndAsync(CancellationTokenSource kill, Task<CommandResult> exited)
    {
        await kill.CancelAsync();
        try
        {
            await exited;
        }
        catch (OperationCanceledException)
        {
            // killed, as asked
        }

        kill.Dispose();
    }
}
