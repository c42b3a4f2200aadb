using CliWrap;
using CliWrap.Buffered;
using Orders.Local;

namespace AppHost.Tests.Browser;

/// <summary>
/// The web front end as it ships: `npm run build`, then `vite preview` serving web/dist as CloudFront does (the app at
/// every route, /api on the same origin, CloudFront's Content-Security-Policy) until disposed.
/// </summary>
public sealed class BuiltApp : IAsyncDisposable
{
    static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    // cancelling it kills vite preview and all it started
    readonly CancellationTokenSource _stop;
    readonly Task<CommandResult> _preview;

    BuiltApp(CancellationTokenSource stop, Task<CommandResult> preview, Uri root)
    {
        _stop = stop;
        _preview = preview;
        Root = root;
    }

    public Uri Root { get; }

    public static async Task<BuiltApp> ServeAsync(string webFolder, Uri api)
    {
        await RunAsync(webFolder, "npm", ["run", "build"]);

        var port = FreePort.Pick();
        var stop = new CancellationTokenSource();
        var preview = Cli.Wrap("npx").WithArguments(["vite", "preview"]).WithWorkingDirectory(webFolder)
            .WithEnvironmentVariables(variables => variables.Set("API_URL", api.ToString()).Set("PORT", $"{port}"))
            .WithValidation(CommandResultValidation.None)
            .ExecuteAsync(stop.Token).Task;
        var app = new BuiltApp(stop, preview, new Uri($"http://localhost:{port}/"));
        try
        {
            using var probe = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + Budget;
            while (true)
            {
                if (preview.IsCompleted)
                    throw new InvalidOperationException($"vite preview ended with {(await preview).ExitCode} before it answered.");
                try
                {
                    using var answer = await probe.GetAsync("config.json", TestContext.Current.CancellationToken);
                    if (answer.IsSuccessStatusCode)
                        return app;
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }

                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"vite preview did not answer on {app.Root} within {Budget.TotalSeconds} s.");
                await Task.Delay(200, TestContext.Current.CancellationToken);
            }
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _preview;
        }
        catch (OperationCanceledException)
        {
            // killed, as asked
        }

        _stop.Dispose();
    }

    static async Task RunAsync(string folder, string command, string[] arguments)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Budget);
        var run = await Cli.Wrap(command).WithArguments(arguments).WithWorkingDirectory(folder)
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(timeout.Token);
        if (!run.IsSuccess)
            throw new InvalidOperationException($"`{command} {string.Join(' ', arguments)}` in {folder} failed ({run.ExitCode}): {run.StandardOutput}{run.StandardError}");
    }
}
