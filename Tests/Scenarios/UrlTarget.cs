namespace Orders.Scenarios;

/// <summary>
/// The API at a URL: a process the tests did not start, reached over the network, trusting the tokens of
/// <paramref name="issuer"/>.
/// </summary>
public sealed class UrlTarget(Uri root, TokenIssuer issuer) : IApiTarget
{
    static readonly TimeSpan RequestBudget = TimeSpan.FromSeconds(30);

    readonly Lazy<Caller> _staff = new(issuer.NewStaff);

    public Uri Root { get; } = Normalized(root);

    public TokenIssuer? Issuer => issuer;

    public Caller NewCustomer() => issuer.NewCustomer();

    public Caller Staff() => _staff.Value;

    public HttpClient CreateClient() => CreateClient(Root);

    /// <summary>A guarded client for any API root.</summary>
    public static HttpClient CreateClient(Uri root) =>
        new(new ServerErrorGuard { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = Normalized(root),
            Timeout = RequestBudget,
        };

    static Uri Normalized(Uri root) => root.AbsolutePath.EndsWith('/') ? root : new Uri(root + "/");
}
