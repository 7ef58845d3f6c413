namespace Pana.Infrastructure;

/// <summary>The app's memory during and after a batch job.</summary>
public static class WorkingSet
{
    /// <summary>
    /// Collects and returns to the system what a batch job (an import, a deduplication of a million people) held: left to
    /// itself the GC keeps that garbage committed until allocations fill it, so the next job's working set would stack on
    /// the last one's and the app pass 1 GiB. One blocking collection per job, a fraction of a second.
    /// </summary>
    public static void GiveBackAfterBatch() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>
    /// What a batch job lets the GC heap commit before it gives back what is dead. Heap dumps of a 100,000-row import on a 1M
    /// registry found about 200 MiB live, yet left to itself the GC committed up to 645 MiB, dead objects and holes included.
    /// </summary>
    public const long BatchHeapBudget = 512L << 20;

    /// <summary>Called between a batch job's steps: past the budget, a compacting collection gives the dead memory back.</summary>
    public sealed class Budget(long bytes = BatchHeapBudget)
    {
        // Committed after the last collection here: what is live then does not count against the next one.
        private long kept;

        /// <summary>How many times the budget was passed and the heap collected.</summary>
        public int Collections { get; private set; }

        public void Keep()
        {
            if (GC.GetGCMemoryInfo().TotalCommittedBytes < Math.Max(bytes, kept + bytes / 4))
            {
                return;
            }
            GiveBackAfterBatch();
            kept = GC.GetGCMemoryInfo().TotalCommittedBytes;
            Collections++;
        }
    }
}
