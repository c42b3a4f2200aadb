using OrdersClient;

namespace Soak;

/// <summary>What a soak runs: against which Api, how long, how many customers, how many requests in flight, from which seed.</summary>
internal sealed record SoakSettings(Uri Url, TimeSpan Duration, int Customers, int Concurrency, int Seed)
{
    public const string Usage =
        "Usage: Soak --url http://127.0.0.1:<port> [--duration 10m] [--customers 8] [--concurrency 16] [--seed <number>] " +
        ApiUnderTest.Usage + ", " +
        "with the Api's signing key (base64) in ORDERS_TOKEN_SIGNING_KEY.";

    public static SoakSettings From(Arguments arguments) => new(
        arguments.LoopbackUrl("url"),
        arguments.Duration("duration", TimeSpan.FromMinutes(10)),
        arguments.Number("customers", 8, 1, 10_000),
        arguments.Number("concurrency", 16, 2, 1_000),
        arguments.Number("seed", Random.Shared.Next(), 0, int.MaxValue));

    /// <summary>One worker in eight is staff, shipping what customers paid; at least one.</summary>
    public int StaffWorkers => Math.Max(1, Concurrency / 8);

    public int CustomerWorkers => Concurrency - StaffWorkers;

    public static string Customer(int index) => $"soak-customer-{index + 1}";
}
