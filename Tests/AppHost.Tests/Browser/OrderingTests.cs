using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>Placing an order, as a customer sees it through to staff shipping it, and as the Api judges what was typed.</summary>
[Collection(LocalTopology.Collection)]
public sealed class OrderingTests(LocalTopology topology, Chromium chromium)
    : FrontEndTest(topology, chromium)
{
    [Fact]
    public async Task A_customer_places_an_order_sees_it_listed_and_pays_it_and_staff_ship_it()
    {
        var customer = Topology.Api.NewCustomer();
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

        await using var staffTab = await SignedInAsync(Topology.Api.Staff());
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
        await using var otherTab = await SignedInAsync(Topology.Api.NewCustomer());
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
        await using var tab = await SignedInAsync(Topology.Api.NewCustomer());
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
    public async Task A_double_click_places_one_order()
    {
        var customer = Topology.Api.NewCustomer();
        await using var tab = await SignedInAsync(customer);
        var page = tab.Page;
        await page.GotoAsync("/orders/new");
        await FillLineAsync(page, 1, "MUG", "2", "8");
        await tab.SeenAsync("new-order");
        await Button(page, "Place order").DblClickAsync();
        await Expect(page).ToHaveURLAsync(OrderPage());
        await tab.SeenAsync("placed");
        Assert.Single(await OrdersOfAsync(customer));
    }
}
