using Aspire.Hosting.Testing;
using Microsoft.Playwright;

namespace AppHost.Tests.Browser;

/// <summary>The front end as it ships: the build, served as CloudFront serves it (<see cref="BuiltApp"/>).</summary>
[Collection(LocalTopology.Collection)]
public sealed class BuiltAppTests(LocalTopology topology, Chromium chromium)
    : FrontEndTest(topology, chromium)
{
    [Fact]
    public async Task The_build_runs_under_CloudFronts_content_security_policy_and_opens_at_a_deep_link()
    {
        await using var built = await BuiltApp.ServeAsync(WebFolder, Topology.App.GetEndpoint(ResourceNames.Api, "http"));
        var customer = Topology.Api.NewCustomer();
        await using var tab = await Chromium.OpenAsync(built.Root, "customer");
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
}
