using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>
/// What the page does when the Api is slow, its answer is lost, or the order changed meanwhile: it says so, keeps what
/// was typed, and never places an order twice or acts on a stale one.
/// </summary>
[Collection(LocalTopology.Collection)]
public sealed class FailureTests(LocalTopology topology, Chromium chromium)
    : FrontEndTest(topology, chromium)
{
    [Fact]
    public async Task When_the_answer_is_lost_the_page_says_so_keeps_the_order_and_trying_again_places_it_once()
    {
        var customer = Topology.Api.NewCustomer();
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
        Assert.Single(await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task An_order_whose_answer_was_lost_is_placed_once_even_after_the_page_is_loaded_again()
    {
        var customer = Topology.Api.NewCustomer();
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
        Assert.Single(await OrdersOfAsync(customer));
    }

    [Fact]
    public async Task A_slow_answer_is_said_to_be_awaited_and_then_shown()
    {
        await using var tab = await SignedInAsync(Topology.Api.NewCustomer());
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
    public async Task An_order_changed_elsewhere_is_not_acted_on_and_the_page_offers_to_reload_it()
    {
        var customer = Topology.Api.NewCustomer();
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

    /// <summary>From now on an order sent reaches the Api, which places it, and its answer never reaches the page.</summary>
    static async Task LoseTheAnswerToPlacingAsync(IPage page) =>
        await page.RouteAsync("**/api/orders", async route =>
        {
            await route.FetchAsync();
            await route.AbortAsync("connectionreset");
        });
}
