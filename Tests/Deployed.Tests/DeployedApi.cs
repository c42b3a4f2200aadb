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

    static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(30);

    public Uri? BaseAddress { get; } = Read(Environment.GetEnvironmentVariable(BaseUrlVariable));

    public HttpClient CreateClient()
    {
        if (BaseAddress is null)
            Assert.Skip($"No deployed environment to test: set {BaseUrlVariable} to its base URL, such as https://d111111abcdef8.cloudfront.net/.");

        return new HttpClient(new ServerErrorGuard { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = BaseAddress,
            Timeout = RequestBudget,
        };
    }

    static Uri? Read(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
            throw new InvalidOperationException($"{BaseUrlVariable} must be an absolute http or https URL, not '{value}'.");

        // the scenarios' paths (api/orders) are relative to the root of the API
        return url.AbsolutePath.EndsWith('/') ? url : new Uri(url + "/");
    }
}
