using Orders.Scenarios;
using Xunit;

namespace Deployed.Tests;

/// <summary>
/// An environment that runs somewhere already, named by <see cref="BaseUrlVariable"/>: its CloudFront or API Gateway
/// URL after a deploy, or any running Api. Without the variable every test that needs it is skipped and says why.
/// </summary>
public sealed class DeployedApi : IApiTarget
{
    public const string BaseUrlVariable = "ORDERS_API_BASE_URL";

    readonly UrlTarget? _environment = Read(Environment.GetEnvironmentVariable(BaseUrlVariable));

    public HttpClient CreateClient()
    {
        if (_environment is null)
            Assert.Skip($"No deployed environment to test: set {BaseUrlVariable} to its base URL, such as https://d111111abcdef8.cloudfront.net/.");

        return _environment.CreateClient();
    }

    static UrlTarget? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;

        return Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "https" or "http"
            ? new UrlTarget(url)
            : throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute http or https URL, not '{value}'.");
    }
}
