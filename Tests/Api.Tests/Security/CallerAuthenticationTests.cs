using Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Api.Tests.Security;

/// <summary>
/// There is no way to run the Api open: without knowing whose tokens to trust it does not start. And authentication
/// adds nothing to the start that the Api does not use.
/// </summary>
public sealed class CallerAuthenticationTests
{
    [Theory]
    [InlineData("no issuer", "Authentication:Schemes:Bearer:ValidAudiences:0", "orders-api")]
    [InlineData("no audience", "Authentication:Schemes:Bearer:Authority", "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example")]
    [InlineData("an empty audience", "Authentication:Schemes:Bearer:ValidAudiences:0", "")]
    [InlineData("an issuer without keys", "Authentication:Schemes:Bearer:ValidIssuer", "orders-local")]
    public async Task Without_an_issuer_its_keys_and_an_audience_the_api_does_not_start(string missing, string setting, string value)
    {
        Assert.NotNull(missing);
        // the Api's own services, as Program.cs adds them; the database is never reached
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(
        [
            .. DatabaseSettings.Of("Host=127.0.0.1;Database=unused")!,
            new(setting, value),
        ]);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Authentication:Schemes:Bearer:Authority", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_loads_no_data_protection_keys_as_it_starts()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(DatabaseSettings.Of("Host=127.0.0.1;Database=unused")!);
        builder.AddServiceDefaults();
        builder.AddApplicationServices();
        await using var app = builder.Build();

        Assert.DoesNotContain(
            app.Services.GetServices<IHostedService>(),
            service => service.GetType().Namespace?.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal) == true);
    }
}
