using System.Diagnostics;
using Orders.Local;

namespace AppHost.Tests.Browser;

/// <summary>
/// The web front end as it ships: `npm run build`, then `vite preview` serving web/dist as CloudFront does (the app at
/// every route, /api on the same origin, CloudFront's Content-Security-Policy) until disposed.
/// </summary>
public sealed class BuiltApp : IAsyncDisposable
{
    static readonly TimeSpan Budget = TimeSpan.FromMinutes(2);

    readonly Process _preview;

    BuiltApp(Process preview, Uri root)
    {
        _preview = preview;
        Root = root;
    }

    public Uri Root { get; }

    public static async Task<BuiltApp> ServeAsync(string webFolder, Uri api)
    {
        await RunAsync(webFolder, "npm", ["run", "build"]);

        var port = FreePort.Pick();
        var preview = Start(webFolder, "npx", ["vite", "preview"], new() { ["API_URL"] = api.ToString(), ["PORT"] = $"{port}" });
        preview.BeginOutputReadLine();
        preview.BeginErrorReadLine();
        var app = new BuiltApp(preview, new Uri($"http://localhost:{port}/"));
        try
        {
            using var probe = new HttpClient { BaseAddress = app.Root, Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow + Budget;
            while (true)
            {
                if (preview.HasExited)
                    throw new InvalidOperationException($"vite preview ended with {preview.ExitCode} before it answered.");
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
        if (!_preview.HasExited)
            _preview.Kill(entireProcessTree: true);
        await _preview.WaitForExitAsync();
        _preview.Dispose();
    }

    static async Task RunAsync(string folder, string command, string[] arguments)
    {
        using var process = Start(folder, command, arguments, []);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Budget);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"`{command} {string.Join(' ', arguments)}` in {folder} failed ({process.ExitCode}): {await output}{await error}");
    }

    static Process Start(string folder, string command, string[] arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
    }
}
