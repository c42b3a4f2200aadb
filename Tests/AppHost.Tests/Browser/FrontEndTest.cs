using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orders.Scenarios;

namespace AppHost.Tests.Browser;

/// <summary>
/// The web front end as people use it, in Chromium against the AppHost's topology: the `web` resource (Vite's dev server)
/// with the Api on its origin. Each test saves a screenshot of every page it is shown (<see cref="Chromium.Screenshots"/>).
/// What the test classes share: a visitor signed in, orders placed and read through the Api, and what a person looks
/// for on a page (headings, buttons, an order's lines and status), found by role and label.
/// </summary>
public abstract partial class FrontEndTest(LocalTopology topology, Chromium chromium)
{
    protected LocalTopology Topology { get; } = topology;

    protected Chromium Chromium { get; } = chromium;

    // the folder the web resource runs in: its sources, its packages, its build
    protected string WebFolder => Topology.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .OfType<ExecutableResource>().Single(resource => resource.Name == ResourceNames.Web).WorkingDirectory;

    protected async Task<WebPage> SignedInAsync(Caller caller, ViewportSize? viewport = null)
    {
        var tab = await Chromium.OpenAsync(Topology.Web, caller.IsStaff ? "staff" : "customer", viewport);
        await SignInAsync(tab.Page, caller.Token);
        await Expect(tab.Page.GetByRole(AriaRole.Banner)).ToContainTextAsync($"Signed in as {caller.Id}");
        return tab;
    }

    protected static async Task SignInAsync(IPage page, string token)
    {
        if (!page.Url.Contains("/sign-in", StringComparison.Ordinal))
            await page.GotoAsync("/sign-in");
        await page.GetByLabel("Or an access token").FillAsync(token);
        await Button(page, "Sign in with this token").ClickAsync();
    }

    protected static async Task FillLineAsync(IPage page, int number, string sku, string quantity, string unitPrice)
    {
        var line = Line(page, number);
        await line.GetByLabel("SKU").FillAsync(sku);
        await line.GetByLabel("Quantity").FillAsync(quantity);
        await line.GetByLabel("Unit price").FillAsync(unitPrice);
    }

    protected async Task<Guid> PlaceThroughApiAsync(Caller customer)
    {
        using var client = ClientOf(customer);
        using var placed = await client.PostAsJsonAsync("api/orders", new { currency = "EUR", lines = new[] { new { sku = "BOOK", quantity = 1, unitPrice = 10m } } },
            TestContext.Current.CancellationToken);
        placed.EnsureSuccessStatusCode();
        return (await placed.Content.ReadFromJsonAsync<Placed>(TestContext.Current.CancellationToken))!.Id;
    }

    protected async Task<IReadOnlyList<Placed>> OrdersOfAsync(Caller customer)
    {
        using var client = ClientOf(customer);
        return (await client.GetFromJsonAsync<OrderList>("api/orders", TestContext.Current.CancellationToken))!.Items;
    }

    protected HttpClient ClientOf(Caller caller)
    {
        var client = Topology.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = caller.Authorization;
        return client;
    }

    protected sealed record Placed(Guid Id);

    sealed record OrderList(IReadOnlyList<Placed> Items);

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    protected static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    protected static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    protected static ILocator Line(IPage page, int number) => page.GetByRole(AriaRole.Group, new() { Name = $"Line {number}", Exact = true });

    // the value next to "Status" in the order's facts, as a person reads it
    protected static ILocator Status(IPage page) => page.Locator("dt:text-is('Status') + dd");

    [GeneratedRegex("/orders/[0-9a-f-]{36}$")]
    protected static partial Regex OrderPage();
}
