using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>Signing in and out, and a token that the Api refuses or that expires: back to sign-in, then to where the person was.</summary>
[Collection(LocalTopology.Collection)]
public sealed class SessionTests(LocalTopology topology, Chromium chromium)
    : FrontEndTest(topology, chromium)
{
    [Fact]
    public async Task The_dashboards_customer_signs_in_with_one_click_and_out_again()
    {
        await using var tab = await Chromium.OpenAsync(Topology.Web, "local-customer");
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
    public async Task A_token_the_api_refuses_leads_to_sign_in_and_back()
    {
        var customer = Topology.Api.NewCustomer();
        // well-formed and unexpired, so the page sends it; signed with a key the Api does not trust, so it answers 401
        var refused = Topology.Api.Issuer!.Mint(customer.Id, key: RandomNumberGenerator.GetBytes(32));
        await using var tab = await Chromium.OpenAsync(Topology.Web, "customer");
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
    public async Task A_token_that_expires_mid_order_leads_to_sign_in_and_back_with_nothing_typed_lost()
    {
        var customer = Topology.Api.NewCustomer();
        var issuer = Topology.Api.Issuer!;
        // the page treats a token as expired 5 s early, so this one is good for about 10 s
        var expires = DateTimeOffset.UtcNow.AddSeconds(15);
        await using var tab = await Chromium.OpenAsync(Topology.Web, "customer");
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
        Assert.Single(await OrdersOfAsync(customer));
    }
}
