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
}
