using Xunit;

namespace Deployed.Tests;

/// <summary>
/// The web app of an environment, at <see cref="BaseUrlVariable"/>: its CloudFront URL after a deploy (the same origin
/// as the Api), or `vite preview` serving the build as CloudFront does. Without it the tests are skipped and say why.
/// </summary>
public sealed class DeployedFrontEnd
{
    public const string BaseUrlVariable = "ORDERS_WEB_BASE_URL";

    readonly Uri? _root = EnvironmentUrl.Read(BaseUrlVariable);

    /// <summary>A client of the front end, as a browser asks: no token, no redirects followed.</summary>
    public HttpClient CreateClient() => new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = _root ?? throw NoFrontEnd(),
        Timeout = TimeSpan.FromSeconds(30),
    };

    static InvalidOperationException NoFrontEnd()
    {
        Assert.Skip($"No deployed front end to test: set {BaseUrlVariable} to its base URL, such as https://d111111abcdef8.cloudfront.net/.");
        return new InvalidOperationException("Skipped.");
    }
}
