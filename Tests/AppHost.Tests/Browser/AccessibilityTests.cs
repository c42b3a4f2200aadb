using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>Every page with the keyboard alone, on a phone-sized screen, and by axe-core's rules.</summary>
[Collection(LocalTopology.Collection)]
public sealed class AccessibilityTests(LocalTopology topology, Chromium chromium)
    : FrontEndTest(topology, chromium)
{
    [Fact]
    public async Task An_order_is_placed_with_the_keyboard_alone()
    {
        await using var tab = await SignedInAsync(Topology.Api.NewCustomer());
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await Expect(Heading(page, "New order")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Currency")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("CHAIR");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("ControlOrMeta+A");
        await page.Keyboard.TypeAsync("4");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("25");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(OrderPage());
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("€100.00");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToBeVisibleAsync();
        await tab.SeenAsync("placed");
    }

    [Fact]
    public async Task Orders_are_found_opened_and_paid_with_the_keyboard_alone()
    {
        var customer = Topology.Api.NewCustomer();
        await PlaceThroughApiAsync(customer);
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await Expect(Heading(page, "Your orders")).ToBeFocusedAsync();

        // the skip link is the first stop of the page, and it moves to the content without loading the page again
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.querySelector('a[href], button, input, select, textarea').textContent"));
        await skip.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/#content$"));
        await Expect(Heading(page, "Your orders")).ToBeVisibleAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Status")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        // a value chosen is not yet a filter applied
        await Expect(page).ToHaveURLAsync(new Regex("/#content$"));
        await page.Keyboard.PressAsync("Tab");
        await Expect(Button(page, "Show")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"\?status=placed$"));
        await tab.SeenAsync("placed-orders");

        // from the heading: the status, Show, New order, then the orders
        foreach (var _ in Enumerable.Range(0, 4))
            await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Status(page)).ToHaveTextAsync("Placed");
        await page.Keyboard.PressAsync("Tab");
        await Expect(Button(page, "Pay")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Status(page)).ToHaveTextAsync("Paid");
        await tab.SeenAsync("paid");
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_needs_scrolling_sideways()
    {
        var customer = Topology.Api.NewCustomer();
        await PlaceThroughApiAsync(customer);
        await using var tab = await SignedInAsync(customer, new ViewportSize { Width = 360, Height = 740 });
        var page = tab.Page;
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") })).ToHaveCountAsync(1);
        await AssertFitsAsync(page);
        await tab.SeenAsync("orders");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") }).ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Placed");
        await AssertFitsAsync(page);
        await tab.SeenAsync("order");

        await page.GotoAsync("/orders/new");
        await Button(page, "Add a line").ClickAsync();
        await AssertFitsAsync(page);
        await tab.SeenAsync("new-order");

        await Button(page, "Place order").ClickAsync();
        await Expect(Line(page, 2).GetByLabel("SKU")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertFitsAsync(page);
        await tab.SeenAsync("field-errors");

        await using var staffTab = await SignedInAsync(Topology.Api.Staff(), new ViewportSize { Width = 360, Height = 740 });
        await Expect(staffTab.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") }).First).ToBeVisibleAsync();
        await AssertFitsAsync(staffTab.Page);
        await staffTab.SeenAsync("all-orders");
    }

    [Fact]
    public async Task Every_page_passes_axes_accessibility_rules()
    {
        var customer = Topology.Api.NewCustomer();
        var id = await PlaceThroughApiAsync(customer);
        await using var tab = await Chromium.OpenAsync(Topology.Web, "customer");
        var page = tab.Page;
        await page.GotoAsync("/sign-in");
        await AssertAccessibleAsync(tab);

        await SignInAsync(page, customer.Token);
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") })).ToHaveCountAsync(1);
        await AssertAccessibleAsync(tab);

        await page.GotoAsync($"/orders/{id}");
        await Expect(Status(page)).ToHaveTextAsync("Placed");
        await AssertAccessibleAsync(tab);

        await page.GotoAsync("/orders/new");
        await Button(page, "Place order").ClickAsync();
        await Expect(Line(page, 1).GetByLabel("SKU")).ToHaveAttributeAsync("aria-invalid", "true");
        await AssertAccessibleAsync(tab);

        await page.GotoAsync("/no-such-page");
        await Expect(Heading(page, "Page not found")).ToBeVisibleAsync();
        await AssertAccessibleAsync(tab);
    }

    /// <summary>axe-core's WCAG 2.1 A and AA rules and its best practices, on the page as it is now, which is saved too.</summary>
    async Task AssertAccessibleAsync(WebPage tab)
    {
        var page = tab.Page;
        await tab.SeenAsync(new Uri(page.Url).AbsolutePath.Trim('/').Replace('/', '-') is { Length: > 0 } path ? path : "orders");
        await page.AddScriptTagAsync(new() { Path = Path.Combine(WebFolder, "node_modules", "axe-core", "axe.min.js") });
        var violations = await page.EvaluateAsync<string[]>("""
            async () => (await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] } }))
                .violations.map(violation => `${violation.id}: ${violation.help} (${violation.nodes.map(node => node.target.join(" ")).join(", ")})`)
            """);
        Assert.True(violations.Length == 0, $"{page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page at {page.Url} is {overflow} px wider than the screen.");
    }
}
