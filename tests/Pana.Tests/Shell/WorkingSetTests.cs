using Pana.Infrastructure;

namespace Pana.Tests.Shell;

public sealed class WorkingSetTests
{
    [Fact]
    public void A_batch_job_past_its_heap_budget_gives_back_what_is_dead_and_one_within_it_does_not()
    {
        var within = new WorkingSet.Budget(long.MaxValue);
        within.Keep();
        Assert.Equal(0, within.Collections);

        var past = new WorkingSet.Budget(1);
        var full = GC.CollectionCount(GC.MaxGeneration);
        past.Keep();
        Assert.Equal(1, past.Collections);
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > full);
    }

    [Fact]
    public async Task The_batch_slot_goes_to_the_next_job_only_when_the_one_holding_it_lets_go_and_only_once()
    {
        var slot = new BatchSlot();
        var ct = TestContext.Current.CancellationToken;
        var first = await slot.TakeAsync(ct);
        var next = slot.TakeAsync(ct);
        await Task.Delay(100, ct);
        Assert.False(next.IsCompleted);

        first.Dispose();
        first.Dispose();
        var second = await next;
        Assert.True(slot.Taken);
        var third = slot.TakeAsync(ct);
        await Task.Delay(100, ct);
        Assert.False(third.IsCompleted);
        second.Dispose();
        (await third).Dispose();
        Assert.False(slot.Taken);
    }
}
