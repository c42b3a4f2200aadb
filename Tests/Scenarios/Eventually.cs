using System.Diagnostics;
using Xunit;

namespace Orders.Scenarios;

/// <summary>Waits for something that happens in its own time, within a budget, and says what it waited for when it fails.</summary>
public static class Eventually
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Probes until <paramref name="done"/> holds and returns that probe's value; values that do not hold are disposed
    /// when they can be.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan budget, string what, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await probe();
            if (done(value))
                return value;
            if (clock.Elapsed > budget)
                Assert.Fail($"{what} did not happen within {budget.TotalSeconds} s; the last probe saw: {describe?.Invoke(value) ?? value?.ToString()}");
            (value as IDisposable)?.Dispose();
            await Task.Delay(Poll, TestContext.Current.CancellationToken);
        }
    }
}
