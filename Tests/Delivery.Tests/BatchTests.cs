using ScenarioCallers;

namespace Delivery.Tests;

/// <summary>The few-at-a-time work that makes and removes users, in-process.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task Every_item_is_done_and_never_more_than_so_many_at_a_time()
    {
        var gate = new Lock();
        var running = 0;
        var most = 0;

        var outcomes = await Batch.RunAsync(Enumerable.Range(0, 40).ToList(), atOnce: 3, stopAtFirstFailure: true, async _ =>
        {
            lock (gate)
                most = Math.Max(most, ++running);
            await Task.Delay(2, TestContext.Current.CancellationToken);
            lock (gate)
                running--;
            return true;
        });

        Assert.All(outcomes, outcome => Assert.Equal(Outcome.Done, outcome));
        Assert.InRange(most, 1, 3);
    }

    [Fact]
    public async Task After_a_failure_no_more_work_starts()
    {
        var outcomes = await Batch.RunAsync(Enumerable.Range(0, 5).ToList(), atOnce: 1, stopAtFirstFailure: true,
            item => Task.FromResult(item != 1));

        Assert.Equal([Outcome.Done, Outcome.Failed, Outcome.NotTried, Outcome.NotTried, Outcome.NotTried], outcomes);
    }

    [Fact]
    public async Task Work_running_when_another_fails_finishes()
    {
        var outcomes = await Batch.RunAsync(Enumerable.Range(0, 10).ToList(), atOnce: 2, stopAtFirstFailure: true, async item =>
        {
            if (item == 0)
                return false;
            // long after the failure of the first: no new work has started by then
            await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken);
            return true;
        });

        Assert.Equal([Outcome.Failed, Outcome.Done, .. Enumerable.Repeat(Outcome.NotTried, 8)], outcomes);
    }

    [Fact]
    public async Task Work_that_throws_counts_as_failed_and_its_exception_is_not_lost()
    {
        var batch = Batch.RunAsync([1, 2], atOnce: 1, stopAtFirstFailure: true,
            item => item == 1 ? throw new InvalidOperationException("broken") : Task.FromResult(true));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => batch);
        Assert.Equal("broken", thrown.Message);
    }

    [Fact]
    public async Task Without_stopping_at_the_first_failure_every_item_is_tried()
    {
        var outcomes = await Batch.RunAsync(Enumerable.Range(0, 10).ToList(), atOnce: 2, stopAtFirstFailure: false,
            item => Task.FromResult(item % 3 != 0));

        Assert.Equal(
            [Outcome.Failed, Outcome.Done, Outcome.Done, Outcome.Failed, Outcome.Done, Outcome.Done, Outcome.Failed, Outcome.Done, Outcome.Done, Outcome.Failed],
            outcomes);
    }
}
