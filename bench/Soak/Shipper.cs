using OrdersClient;

namespace Soak;

/// <summary>
/// A member of staff: ships the orders customers paid, as they come (a customer's cancel may win the race: 409, or
/// 412 with a tag), and between them browses every order or one customer's, a page or two at a time.
/// </summary>
internal sealed class Shipper(SoakRun run, Random random)
{
    public Latencies Latencies { get; } = new();

    public async Task RunAsync()
    {
        await Task.Yield();
        while (!run.Over)
        {
            if (run.NextToShip() is { } paid)
            {
                var ifMatch = random.Next(2) == 0 ? SoakRun.TagOf(paid) : null;
                await run.ChangeAsync("ship", paid, SoakRun.StaffSubject, staff: true, Latencies, ifMatch, Expected.ChangedOrRaced);
            }
            else
            {
                await run.ListAsync(
                    SoakRun.StaffSubject,
                    staff: true,
                    customerId: random.Next(2) == 0 ? SoakSettings.Customer(random.Next(run.Customers)) : null,
                    status: random.Next(3) == 0 ? OrderStatuses.Paid : null,
                    limit: 20,
                    pages: random.Next(1, 3),
                    Latencies);
            }
        }
    }
}
