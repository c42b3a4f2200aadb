namespace Orders.Scenarios;

/// <summary>Somewhere the Orders API runs: in-process, under the AppHost, or deployed.</summary>
public interface IApiTarget
{
    /// <summary>
    /// A client whose base address is the root of the API (the path /api/orders is below it), sending through a
    /// <see cref="ServerErrorGuard"/> and with no token: a scenario adds the caller's.
    /// </summary>
    HttpClient CreateClient();

    /// <summary>A customer no other test uses, so that their list of orders starts empty, even on a shared deployment.</summary>
    Caller NewCustomer();

    /// <summary>A member of staff.</summary>
    Caller Staff();

    /// <summary>
    /// The issuer of tokens this target trusts when the tests may mint them (in-process, the AppHost, a local package);
    /// null when only the environment's identity provider issues them.
    /// </summary>
    TokenIssuer? Issuer { get; }
}
