using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>
/// The system's Chromium (Debian's `chromium`, or CHROMIUM_PATH), headless, driven by Playwright: one for the
/// topology's tests, started when the first of them opens a page, so that only the browser tests need it. Playwright
/// never downloads a browser of its own here.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string PathVariable = "CHROMIUM_PATH";
    public const string ScreenshotsVariable = "ORDERS_SCREENSHOTS_DIR";

    readonly SemaphoreSlim _starting = new(1, 1);
    IPlaywright? _playwright;
    IBrowser? _browser;

    /// <summary>Where each page a test visits is saved as a picture, by test.</summary>
    public static string Screenshots { get; } =
        Environment.GetEnvironmentVariable(ScreenshotsVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    async Task<IBrowser> StartedAsync()
    {
        await _starting.WaitAsync();
        try
        {
            return _browser ??= await StartAsync();
        }
        finally
        {
            _starting.Release();
        }
    }

    async Task<IBrowser> StartAsync()
    {
        var executable = Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {executable}: the browser tests need it. Install it (`apt-get install chromium` on Debian) " +
                $"or set {PathVariable} to a Chromium or Chrome executable.");
        }

        _playwright = await Playwright.CreateAsync();
        var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
        return browser;
    }

    /// <summary>A fresh browser profile (no session, no storage) on the front end, as a person opening it for the first time.</summary>
    public async Task<WebPage> OpenAsync(Uri web, string visitor, ViewportSize? viewport = null)
    {
        var browser = await StartedAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = web.ToString(),
            Locale = "en-GB",
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 800 },
        });
        var test = TestContext.Current.Test?.TestDisplayName ?? "test";
        var folder = Path.Combine(Screenshots, Sanitized(test.Split('.').Last()), visitor);
        return new WebPage(context, await context.NewPageAsync(), folder);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        _starting.Dispose();
    }

    static string Sanitized(string name) =>
        string.Concat(name.Select(character => char.IsLetterOrDigit(character) || character is '-' or '_' ? character : '_'));
}

/// <summary>One visitor's tab: the page, a screenshot of every page they are shown, and one of the page they leave it at.</summary>
public sealed class WebPage(IBrowserContext context, IPage page, string screenshots) : IAsyncDisposable
{
    int _shots;

    public IPage Page { get; } = page;

    /// <summary>Saves what the visitor sees now, numbered in the order they saw it.</summary>
    public async Task SeenAsync(string what)
    {
        Directory.CreateDirectory(screenshots);
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(screenshots, $"{++_shots:00}-{what}.png"),
            FullPage = true,
        });
    }

    /// <summary>The page as the test left it, also when it failed halfway, then the tab closes.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await SeenAsync("last");
        }
        catch (PlaywrightException)
        {
            // a page that crashed or closed has nothing left to show
        }

        await context.DisposeAsync();
    }
}
