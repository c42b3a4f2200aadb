namespace Orders.Scenarios;

/// <summary>The API at a URL: a process the tests did not start, reached over the network.</summary>
public sealed class UrlTarget(Uri root) : IApiTarget
{
    static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(30);

    public Uri Root { get; } = root.AbsolutePath.EndsWith('/') ? root : new Uri(root + "/");

    public HttpClient CreateClient() =>
        new(new ServerErrorGuard { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = Root,
            Timeout = RequestBudget,
        };
}
