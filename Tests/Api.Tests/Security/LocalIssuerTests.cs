using System.Net;
using System.Net.Http.Headers;
using Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orders.Local.Tokens;

namespace Api.Tests.Security;

/// <summary>The Api given the local issuer's settings, and no database: authentication is all these tests reach.</summary>
public sealed class ApiTrustingLocalIssuer : IAsyncDisposable
{
    readonly WebApplicationFactory<Program> _factory;

    public ApiTrustingLocalIssuer() =>
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Testing");
            foreach (var (name, value) in DatabaseSettings.Of("Host=127.0.0.1;Database=unused").Concat(Issuer.ApiSettings))
                web.UseSetting(name, value);
        });

    public LocalIssuer Issuer { get; } = LocalIssuer.WithNewKey();

    /// <summary>The answer to a route that does not exist, asked with the token: 404 when it signs in, 401 when it is refused.</summary>
    public async Task<HttpStatusCode> StatusWithAsync(string token)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/orders/{Guid.NewGuid()}/no-such-route");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}

/// <summary>
/// The tokens of the local issuer, which the AppHost, the tests, bench and the scripts sign in with, are what an Api given
/// its settings trusts, and only those of its key.
/// </summary>
public sealed class LocalIssuerTests(ApiTrustingLocalIssuer api) : IClassFixture<ApiTrustingLocalIssuer>
{
    [Fact]
    public async Task A_customers_and_a_staff_members_token_sign_in_to_an_api_given_the_issuers_settings()
    {
        Assert.Equal(HttpStatusCode.NotFound, await api.StatusWithAsync(api.Issuer.Mint("local-customer")));
        Assert.Equal(HttpStatusCode.NotFound, await api.StatusWithAsync(api.Issuer.Mint("local-staff", staff: true)));
    }

    [Fact]
    public async Task A_token_of_another_key_is_refused()
    {
        var elsewhere = LocalIssuer.WithNewKey();

        Assert.Equal(HttpStatusCode.Unauthorized, await api.StatusWithAsync(elsewhere.Mint("local-customer")));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("c2hvcnQ=")]
    public void A_signing_key_that_is_not_base64_of_32_bytes_is_refused(string signingKey) =>
        Assert.Throws<FormatException>(() => LocalIssuer.FromBase64(signingKey));

    [Fact]
    public void A_key_given_as_base64_is_the_same_issuers()
    {
        var issuer = LocalIssuer.WithNewKey();

        Assert.Equal(issuer.SigningKey, LocalIssuer.FromBase64(issuer.SigningKeyBase64).SigningKey);
    }
}
