using Api.Database;
using Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Api.Tests.Security;

/// <summary>There is no way to run the Api open: without knowing whose tokens to trust it does not start.</summary>
public sealed class CallerAuthenticationTests(PostgresServer server)
{
    [Theory]
    [InlineData("no issuer", "Authentication:Schemes:Bearer:ValidAudiences:0", "orders-api")]
    [InlineData("no audience", "Authentication:Schemes:Bearer:Authority", "https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Example")]
    [InlineData("an issuer without keys", "Authentication:Schemes:Bearer:ValidIssuer", "orders-local")]
    public async Task Without_an_issuer_its_keys_and_an_audience_the_api_does_not_start(string missing, string setting, string value)
    {
        Assert.NotNull(missing);
        var connectionString = await server.CreateDatabaseAsync();
        try
        {
            await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                web.UseEnvironment("Testing");
                web.UseSetting($"ConnectionStrings:{DatabaseServices.ConnectionName}", connectionString);
                web.UseSetting("Authentication:Schemes:Bearer:ValidAudiences:0", "");
                web.UseSetting(setting, value);
            });

            var refused = Assert.Throws<OptionsValidationException>(() => factory.Server);

            Assert.Contains("Authentication:Schemes:Bearer:Authority", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            await server.DropDatabaseAsync(connectionString);
        }
    }
}
