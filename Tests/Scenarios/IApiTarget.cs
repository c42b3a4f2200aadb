namespace Orders.Scenarios;

/// <summary>Somewhere the Orders API runs: in-process, under the AppHost, or deployed.</summary>
public interface IApiTarget
{
    /// <summary>
    /// A client whose base address is the root of the API (the path /api/orders is below it), sending through a
    /// <see cref="ServerErrorGuard"/>.
    /// </summary>
    HttpClient CreateClient();
}
