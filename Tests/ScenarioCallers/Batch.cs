namespace ScenarioCallers;

/// <summary>What became of one item of a <see cref="Batch"/>.</summary>
public enum Outcome
{
    NotTried,
    Done,
    Failed,
}

/// <summary>Work on each item of a list, a few at a time.</summary>
public static class Batch
{
    /// <summary>
    /// Runs work on the items in their order, at most atOnce at a time, and tells what became of each. With
    /// stopAtFirstFailure, a failure starts no more work, as the rest would most likely fail the same way; work
    /// already running finishes.
    /// </summary>
    public static async Task<IReadOnlyList<Outcome>> RunAsync<T>(IReadOnlyList<T> items, int atOnce, bool stopAtFirstFailure, Func<T, Task<bool>> work)
    {
        var outcomes = new Outcome[items.Count];
        var failures = 0;
        using var slots = new SemaphoreSlim(atOnce);
        var running = new List<Task>();
        for (var index = 0; index < items.Count; index++)
        {
            await slots.WaitAsync();
            if (stopAtFirstFailure && Volatile.Read(ref failures) > 0)
                break;
            var item = index;
            running.Add(Task.Run(async () =>
            {
                var outcome = Outcome.Failed;
                try
                {
                    if (await work(items[item]))
                        outcome = Outcome.Done;
                }
                finally
                {
                    outcomes[item] = outcome;
                    if (outcome == Outcome.Failed)
                        Interlocked.Increment(ref failures);
                    slots.Release();
                }
            }));
        }

        await Task.WhenAll(running);
        return outcomes;
    }
}
