using System.Text.Json.Nodes;
using Orders.Local.Tokens;
using Orders.Scenarios;
using Xunit;

namespace Deployed.Tests;

/// <summary>
/// An environment that runs somewhere already, named by <see cref="BaseUrlVariable"/>: its CloudFront URL after a
/// deploy, or any running Api. Its callers come from <see cref="CallersFileVariable"/> (tokens the environment's
/// identity provider issued, as the pipeline's scenario-callers.sh writes them) or, for an Api that trusts local
/// tokens, from the key in <see cref="LocalIssuer.SigningKeyVariable"/>. Without a URL every test that needs it is
/// skipped and says why; with a URL but no callers, it fails and says what is missing.
/// </summary>
public sealed class DeployedApi : IApiTarget
{
    public const string BaseUrlVariable = "ORDERS_API_BASE_URL";
    public const string CallersFileVariable = "ORDERS_CALLERS_FILE";

    // one target for every test class, so that no two tests get the same customer of the callers file
    static readonly Lazy<IApiTarget?> Shared = new(Read);

    static IApiTarget Target => Shared.Value ?? throw NoEnvironment();

    public TokenIssuer? Issuer => Target.Issuer;

    public HttpClient CreateClient() => Target.CreateClient();

    public Caller NewCustomer() => Target.NewCustomer();

    public Caller Staff() => Target.Staff();

    static InvalidOperationException NoEnvironment()
    {
        Assert.Skip($"No deployed environment to test: set {BaseUrlVariable} to its base URL, such as https://d111111abcdef8.cloudfront.net/.");
        return new InvalidOperationException("Skipped.");
    }

    static IApiTarget? Read()
    {
        if (EnvironmentUrl.Read(BaseUrlVariable) is not { } root)
            return null;

        if (Environment.GetEnvironmentVariable(CallersFileVariable) is { Length: > 0 } file)
            return IssuedCallers.Read(root, file);
        if (Environment.GetEnvironmentVariable(LocalIssuer.SigningKeyVariable) is { Length: > 0 } key)
            return new UrlTarget(root, new TokenIssuer(Convert.FromBase64String(key)));

        throw new InvalidOperationException(
            $"The environment at {BaseUrlVariable} needs callers with access tokens: set {CallersFileVariable} to the file " +
            $".github/scripts/scenario-callers.sh create writes, or, for an Api that trusts local tokens, {LocalIssuer.SigningKeyVariable} " +
            "to its signing key (base64).");
    }

    /// <summary>The environment with tokens its identity provider issued: each customer's is handed out once.</summary>
    sealed class IssuedCallers(Uri root, Caller? staff, IReadOnlyList<string> customerTokens, string file) : IApiTarget
    {
        int _handedOut;

        public TokenIssuer? Issuer => null;

        public HttpClient CreateClient() => UrlTarget.CreateClient(root);

        public static IssuedCallers Read(Uri root, string file)
        {
            var callers = JsonNode.Parse(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"{CallersFileVariable} names {file}, which holds no JSON.");
            // the daily run against production makes no member of staff (scenario-callers.sh --staff 0)
            var staff = (string?)callers["staff"]?["token"];
            var customers = callers["customers"]?.AsArray().Select(customer => (string?)customer?["token"]).OfType<string>().ToList()
                ?? throw new InvalidOperationException($"{file} has no customers.");
            return new IssuedCallers(root, staff is null ? null : Caller.Member("staff", staff), customers, file);
        }

        public Caller NewCustomer()
        {
            var next = Interlocked.Increment(ref _handedOut) - 1;
            return next < customerTokens.Count
                ? Caller.CustomerWithToken(customerTokens[next])
                : throw new InvalidOperationException(
                    $"{file} holds {customerTokens.Count} customers and the scenarios need more: create more with scenario-callers.sh create --customers.");
        }

        public Caller Staff()
        {
            if (staff is null)
                Assert.Skip($"{file} has no member of staff (made with scenario-callers.sh --staff 0): the scenarios that need staff do not run here.");
            return staff;
        }
    }
}
