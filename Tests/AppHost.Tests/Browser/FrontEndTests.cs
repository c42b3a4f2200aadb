using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Orders.Scenarios;

namespace AppHost.Tests.Browser;

/// <summary>
/// The web front end as people use it, in Chromium against the AppHost's topology: the `web` resource (Vite's dev server)
/// with the Api on its origin. Each test saves a screenshot of every page it is shown (<see cref="Chromium.Screenshots"/>).
/// </summary>
[Collection(LocalTopology.Collection)]
public sealed partial class FrontEndTests(LocalTopology topology, Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task A_customer_places_an_order_sees_it_listed_and_pays_it_and_staff_ship_it()
    {
        var customer = topology.Api.NewCustomer();
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await Expect(Heading(page, "Your orders")).ToBeFocusedAsync();
        await Expect(page.GetByText("No orders yet.")).ToBeVisibleAsync();
        await tab.SeenAsync("no-orders");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "New order" }).ClickAsync();
        await Expect(Heading(page, "New order")).ToBeFocusedAsync();
        await FillLineAsync(page, 1, "BOOK", "2", "12.50");
        await Button(page, "Add a line").ClickAsync();
        await Expect(Line(page, 2).GetByLabel("SKU")).ToBeFocusedAsync();
        await FillLineAsync(page, 2, "PEN", "1", "5");
        await tab.SeenAsync("new-order");
        await Button(page, "Place order").ClickAsync();

        await Expect(page).ToHaveURLAsync(OrderPage());
        var id = page.Url.Split('/').Last();
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("€30.00");
        await Expect(Status(page)).ToHaveTextAsync("Placed");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The order is placed.");
        await tab.SeenAsync("placed");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the orders" }).ClickAsync();
        var listed = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {id[^8..]}" });
        await Expect(listed).ToContainTextAsync("Placed");
        await Expect(listed).ToContainTextAsync("€30.00");
        await tab.SeenAsync("orders");

        await listed.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(Button(page, "Ship")).ToHaveCountAsync(0);
        await Button(page, "Pay").ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Paid");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The order is paid.");
        await Expect(Button(page, "Pay")).ToHaveCountAsync(0);
        await tab.SeenAsync("paid");

        await using var staffTab = await SignedInAsync(topology.Api.Staff());
        var staffPage = staffTab.Page;
        await Expect(Heading(staffPage, "All orders")).ToBeVisibleAsync();
        await staffPage.GetByLabel("Status").SelectOptionAsync("paid");
        await Button(staffPage, "Show").ClickAsync();
        await Expect(staffPage).ToHaveURLAsync(new Regex(@"\?status=paid$"));
        var paid = staffPage.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Order {id[^8..]}" });
        await Expect(paid).ToContainTextAsync(customer.Id);
        await staffTab.SeenAsync("paid-orders");
        await paid.GetByRole(AriaRole.Link).ClickAsync();
        await Button(staffPage, "Ship").ClickAsync();
        await Expect(Status(staffPage)).ToHaveTextAsync("Shipped");
        await staffTab.SeenAsync("shipped");

        await page.ReloadAsync();
        await Expect(Status(page)).ToHaveTextAsync("Shipped");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        await tab.SeenAsync("shipped");

        // another customer, with the very link: nothing to see, not even that the order exists
        await using var otherTab = await SignedInAsync(topology.Api.NewCustomer());
        var other = otherTab.Page;
        await Expect(other.GetByText("No orders yet.")).ToBeVisibleAsync();
        await other.GotoAsync($"/orders/{id}");
        await Expect(other.GetByRole(AriaRole.Alert)).ToHaveTextAsync(new Regex("There is no such order, or it is not yours"));
        await Expect(other.GetByText("BOOK")).ToHaveCountAsync(0);
        await otherTab.SeenAsync("someone-elses-order");
    }

    [Fact]
    public async Task A_field_the_api_refuses_shows_its_error_next_to_it_until_it_is_right()
    {
        await using var tab = await SignedInAsync(topology.Api.NewCustomer());
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        // no number at all is marked before anything is sent
        await FillLineAsync(page, 1, "BOOK", "1", "12,500.00");
        await Button(page, "Place order").ClickAsync();
        await Expect(Line(page, 1).GetByLabel("Unit price")).ToHaveAccessibleDescriptionAsync("Enter a number, such as 12.50.");
        await tab.SeenAsync("not-a-number");

        await page.GetByLabel("Currency").FillAsync("euro");
        await FillLineAsync(page, 1, "BOOK", "0", "12.50");
        await Button(page, "Place order").ClickAsync();
        await Expect(Line(page, 1).GetByLabel("Unit price")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        var quantity = Line(page, 1).GetByLabel("Quantity");
        await Expect(quantity).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(quantity).ToHaveAccessibleDescriptionAsync(new Regex("The quantity must be between 1 and"));
        await Expect(page.GetByLabel("Currency")).ToHaveAccessibleDescriptionAsync(new Regex("ISO 4217"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The quantity must be between 1 and");
        await Expect(Line(page, 1).GetByLabel("SKU")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await tab.SeenAsync("field-errors");

        await page.GetByLabel("Currency").FillAsync("EUR");
        await quantity.FillAsync("3");
        await Button(page, "Place order").ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("€37.50");
        await tab.SeenAsync("placed");
    }

    [Fact]
    public async Task The_dashboards_customer_signs_in_with_one_click_and_out_again()
    {
        await using var tab = await chromium.OpenAsync(topology.Web, "local-customer");
        var page = tab.Page;
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await tab.SeenAsync("sign-in");

        await Button(page, "Sign in as local-customer").ClickAsync();
        await Expect(Heading(page, "Your orders")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync("Signed in as local-customer");
        await tab.SeenAsync("orders");

        await Button(page, "Sign out").ClickAsync();
        await Expect(Heading(page, "Sign in")).ToBeVisibleAsync();
        await page.GotoAsync("/orders/new");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
    }

    [Fact]
    public async Task When_the_answer_is_lost_the_page_says_so_keeps_the_order_and_trying_again_places_it_once()
    {
        var customer = topology.Api.NewCustomer();
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "LAMP", "1", "40");

        await LoseTheAnswerToPlacingAsync(page);
        await Button(page, "Place order").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The service is not answering right now");
        await Expect(Line(page, 1).GetByLabel("SKU")).ToHaveValueAsync("LAMP");
        await Expect(Line(page, 1).GetByLabel("Unit price")).ToHaveValueAsync("40");
        await tab.SeenAsync("not-answering");

        await page.UnrouteAsync("**/api/orders");
        await Button(page, "Try again").ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await tab.SeenAsync("placed");
        Assert.Single((await OrdersOfAsync(customer)).Items);
    }

    [Fact]
    public async Task An_order_whose_answer_was_lost_is_placed_once_even_after_the_page_is_loaded_again()
    {
        var customer = topology.Api.NewCustomer();
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "SOFA", "1", "650");
        await LoseTheAnswerToPlacingAsync(page);
        await Button(page, "Place order").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The service is not answering right now");
        await tab.SeenAsync("not-answering");
        await page.UnrouteAsync("**/api/orders");

        // the person reloads instead of trying again: the draft and the key of its submission are still the tab's
        await page.ReloadAsync();
        await Expect(Line(page, 1).GetByLabel("SKU")).ToHaveValueAsync("SOFA");
        await tab.SeenAsync("reloaded");
        await Button(page, "Place order").ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("€650.00");
        await tab.SeenAsync("placed");
        Assert.Single((await OrdersOfAsync(customer)).Items);
    }

    [Fact]
    public async Task A_token_the_api_refuses_leads_to_sign_in_and_back()
    {
        var customer = topology.Api.NewCustomer();
        // well-formed and unexpired, so the page sends it; signed with a key the Api does not trust, so it answers 401
        var refused = topology.Api.Issuer!.Mint(customer.Id, key: RandomNumberGenerator.GetBytes(32));
        await using var tab = await chromium.OpenAsync(topology.Web, "customer");
        var page = tab.Page;
        await SignInAsync(page, refused);
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?expired=1$"));
        await tab.SeenAsync("refused");

        await SignInAsync(page, customer.Token);
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(Heading(page, "Your orders")).ToBeVisibleAsync();
        await Expect(page.GetByText("No orders yet.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_slow_answer_is_said_to_be_awaited_and_then_shown()
    {
        await using var tab = await SignedInAsync(topology.Api.NewCustomer());
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "CLOCK", "1", "30");
        await page.RouteAsync("**/api/orders", async route =>
        {
            await Task.Delay(TimeSpan.FromSeconds(5));
            await route.ContinueAsync();
        });
        await Button(page, "Place order").ClickAsync();
        var waiting = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "The service is slow to answer. Still waiting…" });
        await Expect(waiting).ToBeVisibleAsync();
        await Expect(Button(page, "Placing the order…")).ToBeDisabledAsync();
        await tab.SeenAsync("waiting");

        await Expect(page).ToHaveURLAsync(OrderPage());
        await Expect(waiting).ToBeHiddenAsync();
        await tab.SeenAsync("placed");
    }

    [Fact]
    public async Task A_double_click_places_one_order()
    {
        var customer = topology.Api.NewCustomer();
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "MUG", "2", "8");
        await tab.SeenAsync("new-order");
        await Button(page, "Place order").DblClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await tab.SeenAsync("placed");
        Assert.Single((await OrdersOfAsync(customer)).Items);
    }

    [Fact]
    public async Task An_order_changed_elsewhere_is_not_acted_on_and_the_page_offers_to_reload_it()
    {
        var customer = topology.Api.NewCustomer();
        var id = await PlaceThroughApiAsync(customer);
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await page.GotoAsync($"/orders/{id}");
        await Expect(Status(page)).ToHaveTextAsync("Placed");

        // paid in another tab meanwhile
        using (var client = ClientOf(customer))
        {
            using var paid = await client.PostAsync($"api/orders/{id}/pay", null, TestContext.Current.CancellationToken);
            paid.EnsureSuccessStatusCode();
        }

        await Button(page, "Cancel order").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("This order changed since it was shown here, so nothing was done.");
        await tab.SeenAsync("changed");
        await Button(page, "Reload the order").ClickAsync();
        await Expect(Status(page)).ToHaveTextAsync("Paid");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await tab.SeenAsync("reloaded");
    }

    [Fact]
    public async Task A_token_that_expires_mid_order_leads_to_sign_in_and_back_with_nothing_typed_lost()
    {
        var customer = topology.Api.NewCustomer();
        var issuer = topology.Api.Issuer!;
        // the page treats a token as expired 5 s early, so this one is good for about 10 s
        var expires = DateTimeOffset.UtcNow.AddSeconds(15);
        await using var tab = await chromium.OpenAsync(topology.Web, "customer");
        var page = tab.Page;
        await SignInAsync(page, issuer.Mint(customer.Id, expiresIn: expires - DateTimeOffset.UtcNow));
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "DESK", "1", "199.99");

        var expired = expires.AddSeconds(-4) - DateTimeOffset.UtcNow;
        if (expired > TimeSpan.Zero)
            await Task.Delay(expired, TestContext.Current.CancellationToken);
        await Button(page, "Place order").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in\\?expired=1$"));
        await Expect(page.GetByText("Your session has ended. Sign in again to go on where you were.")).ToBeVisibleAsync();
        await tab.SeenAsync("session-ended");

        await SignInAsync(page, customer.Token);
        await Expect(page).ToHaveURLAsync(new Regex("/orders/new$"));
        await Expect(Line(page, 1).GetByLabel("Unit price")).ToHaveValueAsync("199.99");
        await tab.SeenAsync("back");
        await Button(page, "Place order").ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        Assert.Single((await OrdersOfAsync(customer)).Items);
    }

    [Fact]
    public async Task An_order_is_placed_with_the_keyboard_alone()
    {
        await using var tab = await SignedInAsync(topology.Api.NewCustomer());
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
        var customer = topology.Api.NewCustomer();
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
        var customer = topology.Api.NewCustomer();
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

        await using var staffTab = await SignedInAsync(topology.Api.Staff(), new ViewportSize { Width = 360, Height = 740 });
        await Expect(staffTab.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Order ") }).First).ToBeVisibleAsync();
        await AssertFitsAsync(staffTab.Page);
        await staffTab.SeenAsync("all-orders");
    }

    [Fact]
    public async Task Every_page_passes_axes_accessibility_rules()
    {
        var customer = topology.Api.NewCustomer();
        var id = await PlaceThroughApiAsync(customer);
        await using var tab = await chromium.OpenAsync(topology.Web, "customer");
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

    [Fact]
    public async Task The_build_runs_under_CloudFronts_content_security_policy_and_opens_at_a_deep_link()
    {
        await using var built = await BuiltApp.ServeAsync(WebFolder, topology.App.GetEndpoint(ResourceNames.Api, "http"));
        var customer = topology.Api.NewCustomer();
        await using var tab = await chromium.OpenAsync(built.Root, "customer");
        var page = tab.Page;
        // a script or style the policy refuses, and any error the page throws, shows here
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                problems.Add(message.Text);
        };
        page.PageError += (_, error) => problems.Add(error);

        await SignInAsync(page, customer.Token);
        await Expect(Heading(page, "Your orders")).ToBeFocusedAsync();
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "BOOK", "3", "9.90");
        await Button(page, "Place order").ClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await tab.SeenAsync("placed");

        // a deep link, opened afresh, as a bookmark or a shared address would
        await page.GotoAsync(page.Url);
        await Expect(page.GetByRole(AriaRole.Row, new() { Name = "Total" })).ToContainTextAsync("€29.70");
        await tab.SeenAsync("deep-link");
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    async Task<WebPage> SignedInAsync(Caller caller, ViewportSize? viewport = null)
    {
        var tab = await chromium.OpenAsync(topology.Web, caller.IsStaff ? "staff" : "customer", viewport);
        await SignInAsync(tab.Page, caller.Token);
        await Expect(tab.Page.GetByRole(AriaRole.Banner)).ToContainTextAsync($"Signed in as {caller.Id}");
        return tab;
    }

    static async Task SignInAsync(IPage page, string token)
    {
        if (!page.Url.Contains("/sign-in", StringComparison.Ordinal))
            await page.GotoAsync("/sign-in");
        await page.GetByLabel("Or an access token").FillAsync(token);
        await Button(page, "Sign in with this token").ClickAsync();
    }

    // the folder the web resource runs in: its sources, its packages, its build
    string WebFolder => topology.App.Services.GetRequiredService<DistributedApplicationModel>().Resources
        .OfType<ExecutableResource>().Single(resource => resource.Name == ResourceNames.Web).WorkingDirectory;

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

    /// <summary>From now on an order sent reaches the Api, which places it, and its answer never reaches the page.</summary>
    static async Task LoseTheAnswerToPlacingAsync(IPage page) =>
        await page.RouteAsync("**/api/orders", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });

    static async Task FillLineAsync(IPage page, int number, string sku, string quantity, string unitPrice)
    {
        var line = Line(page, number);
        await line.GetByLabel("SKU").FillAsync(sku);
        await line.GetByLabel("Quantity").FillAsync(quantity);
        await line.GetByLabel("Unit price").FillAsync(unitPrice);
    }

    static async Task AssertFitsAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page at {page.Url} is {overflow} px wider than the screen.");
    }

    async Task<Guid> PlaceThroughApiAsync(Caller customer)
    {
        using var client = ClientOf(customer);
        using var placed = await client.PostAsJsonAsync("api/orders", new { currency = "EUR", lines = new[] { new { sku = "BOOK", quantity = 1, unitPrice = 10m } } },
            TestContext.Current.CancellationToken);
        placed.EnsureSuccessStatusCode();
        return (await placed.Content.ReadFromJsonAsync<Placed>(TestContext.Current.CancellationToken))!.Id;
    }

    async Task<Page> OrdersOfAsync(Caller customer)
    {
        using var client = ClientOf(customer);
        return (await client.GetFromJsonAsync<Page>("api/orders", TestContext.Current.CancellationToken))!;
    }

    HttpClient ClientOf(Caller caller)
    {
        var client = topology.Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = caller.Authorization;
        return client;
    }

    sealed record Placed(Guid Id);

    sealed record Page(IReadOnlyList<Placed> Items);

    static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    static ILocator Heading(IPage page, string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 1 });

    static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    static ILocator Line(IPage page, int number) => page.GetByRole(AriaRole.Group, new() { Name = $"Line {number}", Exact = true });

    // the value next to "Status" in the order's facts, as a person reads it
    static ILocator Status(IPage page) => page.Locator("dt:text-is('Status') + dd");

    [GeneratedRegex("/orders/[0-9a-f-]{36}$")]
    private static partial Regex OrderPage();
}
