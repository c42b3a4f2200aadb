using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace Orders.Scenarios;

/// <summary>Every /api request carries a valid access token; every other is a 401 that says how to authenticate.</summary>
public abstract class AuthenticationScenarios(IApiTarget target) : ScenarioTests(target)
{
    /// <summary>Mints the token of a case; where the tests cannot mint trusted tokens, with a key of their own.</summary>
    TokenIssuer Minter => Target.Issuer ?? TokenIssuer.WithNewKey();

    string? TokenFor(string fault) => fault switch
    {
        "no token" => null,
        "expired" => Minter.Mint(CustomerId, expiresIn: TimeSpan.FromMinutes(-5)),
        "wrong issuer" => Minter.Mint(CustomerId, issuer: "https://issuer.example.com/someone-else"),
        "wrong audience" => Minter.Mint(CustomerId, audience: "another-api"),
        "signed with another key" => Minter.Mint(CustomerId, key: TokenIssuer.WithNewKey().SigningKey),
        "tampered payload" => TokenIssuer.Tampered(Minter.Mint(CustomerId)),
        "tampered signature" => TokenIssuer.WithOtherSignature(Minter.Mint(CustomerId)),
        "alg none" => TokenIssuer.WithoutSignature(CustomerId, staff: true),
        "an ID token" => Minter.Mint(CustomerId, claims: new Dictionary<string, object> { ["token_use"] = "id" }),
        "no subject" => Minter.Mint(""),
        "not a JWT" => "not-a-token",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "No such case."),
    };

    [Theory]
    [InlineData("no token")]
    [InlineData("expired")]
    [InlineData("wrong issuer")]
    [InlineData("wrong audience")]
    [InlineData("signed with another key")]
    [InlineData("tampered payload")]
    [InlineData("tampered signature")]
    [InlineData("alg none")]
    [InlineData("an ID token")]
    [InlineData("no subject")]
    [InlineData("not a JWT")]
    public async Task Without_a_valid_access_token_every_api_request_is_a_401(string fault)
    {
        var token = TokenFor(fault);
        var placed = await PlaceOrderAsync();
        var client = ClientOf(null);
        HttpRequestMessage[] requests =
        [
            new(HttpMethod.Get, Orders),
            new(HttpMethod.Get, $"{Orders}/{placed["id"]}"),
            new(HttpMethod.Post, Orders) { Content = new StringContent(NewOrder(CustomerId).ToJsonString(), Encoding.UTF8, "application/json") },
            new(HttpMethod.Post, $"{Orders}/{placed["id"]}/cancel"),
            new(HttpMethod.Get, $"{Orders}/{placed["id"]}/no-such-route"),
        ];

        foreach (var request in requests)
        {
            using (request)
            {
                if (token is not null)
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request, Cancel);
                await AssertUnauthorizedAsync(response);
            }
        }

        using var read = await Client.GetAsync($"{Orders}/{placed["id"]}", Cancel);
        Assert.Equal("placed", (string)(await ReadJsonAsync(read, HttpStatusCode.OK))["status"]!);
        Assert.Single(await ListItemsAsync(""));
    }

    [Fact]
    public async Task A_token_in_another_scheme_is_a_401()
    {
        var client = ClientOf(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("user:password"u8));

        using var response = await client.GetAsync(Orders, Cancel);

        await AssertUnauthorizedAsync(response);
    }

    /// <summary>
    /// A 401 with a Bearer challenge; a problem too where the Api answers itself (in AWS, API Gateway's authorizer answers
    /// first, with a body of its own).
    /// </summary>
    async Task AssertUnauthorizedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, not 401.");
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase));
        if (Target.Issuer is not null)
            await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }
}
