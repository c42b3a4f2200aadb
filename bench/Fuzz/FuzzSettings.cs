using OrdersClient;

namespace Fuzz;

/// <summary>What a fuzz run sends: against which Api, how many random requests, how many in flight, from which seed.</summary>
internal sealed record FuzzSettings(Uri Url, int Requests, int Concurrency, int Seed)
{
    /// <summary>Every fifth request is a valid write: four random requests, then one.</summary>
    public const int ValidWriteEvery = 5;

    /// <summary>What a fuzz run needs to count as one.</summary>
    public const int EnoughRequests = 10_000;

    public const string Usage =
        "Usage: Fuzz --url http://127.0.0.1:<port> [--requests 20000] [--concurrency 8] [--seed <number>] " +
        ApiUnderTest.Usage + ", " +
        "with the Api's signing key (base64) in ORDERS_TOKEN_SIGNING_KEY.";

    public static FuzzSettings From(Arguments arguments) => new(
        arguments.LoopbackUrl("url"),
        arguments.Number("requests", 20_000, 100, 10_000_000),
        arguments.Number("concurrency", 8, 1, 1_000),
        arguments.Number("seed", Random.Shared.Next(), 0, int.MaxValue));

    /// <summary>The random requests and the valid writes among them.</summary>
    public int Total => Requests + Requests / (ValidWriteEvery - 1);
}
