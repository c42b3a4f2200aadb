using System.Net;
using Api.Security;
using Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Api.Tests.Security;

/// <summary>The Api as it runs behind CloudFront in AWS: the origin secret, read through a local secrets extension.</summary>
public sealed class ApiBehindCloudFront(PostgresServer server) : ApiHost(server)
{
    public const string SecretArn = "arn:aws:secretsmanager:eu-central-1:123456789012:secret:development-origin-verify-AbCdEf";
    const string SessionToken = "session-token-of-the-test";

    SecretsExtension? _extension;

    public SecretsExtension Extension => _extension ?? throw new InvalidOperationException("The extension has not started.");

    public ShiftedClock Clock { get; } = new();

    protected override async ValueTask<string?> ApiConnectionStringAsync(string apiRoleConnectionString)
    {
        _extension = await SecretsExtension.StartAsync("arn:aws:secretsmanager:eu-central-1:123456789012:secret:unused", SessionToken);
        Extension.Put(SecretArn, """{"current":"the-current-value"}""");
        return apiRoleConnectionString;
    }

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new(OriginSecret.Setting, SecretArn),
        new("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", Extension.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("AWS_SESSION_TOKEN", SessionToken),
    ];

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_extension is not null)
            await _extension.DisposeAsync();
    }
}

// the tests of a class run one at a time: they rotate the secret and move the clock of their one Api
public sealed class OriginVerificationTests(ApiBehindCloudFront api) : IClassFixture<ApiBehindCloudFront>
{
    static CancellationToken Cancel => TestContext.Current.CancellationToken;

    async Task<HttpResponseMessage> SendAsync(string path, string? originValue, bool signedIn = true)
    {
        using var client = signedIn ? api.CreateClient(api.NewCustomer()) : api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (originValue is not null)
            request.Headers.Add(OriginVerification.Header, originValue);
        return await client.SendAsync(request, Cancel);
    }

    [Theory]
    [InlineData("api/orders", null)]
    [InlineData("api/orders", "")]
    [InlineData("api/orders", "a-guess")]
    [InlineData("api/orders", "the-current-value ")]
    [InlineData("health", null)]
    [InlineData("openapi/v1.json", null)]
    public async Task A_request_that_did_not_come_through_cloudfront_is_refused(string path, string? originValue)
    {
        using var response = await SendAsync(path, originValue);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Through_cloudfront_the_request_is_served_and_still_needs_a_token()
    {
        using var served = await SendAsync("api/orders", "the-current-value");
        using var anonymous = await SendAsync("api/orders", "the-current-value", signedIn: false);

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_rotation_is_picked_up_without_a_restart_and_the_previous_value_serves_meanwhile()
    {
        try
        {
            api.Extension.Put(ApiBehindCloudFront.SecretArn, """{"current":"the-next-value","previous":"the-current-value"}""");
            api.Clock.Shift += TimeSpan.FromMinutes(1);

            using var next = await SendAsync("api/orders", "the-next-value");
            using var previous = await SendAsync("api/orders", "the-current-value");
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            Assert.Equal(HttpStatusCode.OK, previous.StatusCode);

            api.Extension.Put(ApiBehindCloudFront.SecretArn, """{"current":"the-next-value"}""");
            api.Clock.Shift += TimeSpan.FromMinutes(1);
            using var retired = await SendAsync("api/orders", "the-current-value");
            Assert.Equal(HttpStatusCode.Forbidden, retired.StatusCode);
        }
        finally
        {
            api.Extension.Put(ApiBehindCloudFront.SecretArn, """{"current":"the-current-value"}""");
            api.Clock.Shift += TimeSpan.FromMinutes(1);
        }
    }

    [Fact]
    public async Task When_the_secret_cannot_be_read_the_answer_is_503_with_retry_after()
    {
        try
        {
            api.Extension.Failing = true;
            api.Clock.Shift += TimeSpan.FromMinutes(1);

            using var response = await SendAsync("api/orders", "the-current-value");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            api.Extension.Failing = false;
            api.Clock.Shift += TimeSpan.FromMinutes(1);
        }
    }
}
