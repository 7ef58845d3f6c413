namespace Pana.Infrastructure;

/// <summary>The app's memory after a batch job.</summary>
public static class WorkingSet
{
    /// <summary>
    /// Collects and returns to the system what a batch job (an import, a deduplication of a million people) held: left to
    /// itself the GC keeps that garbage committed until allocations fill it, so the next job's working set would stack on
    /// the last one's and the app pass 1 GiB. One blocking collection per job, a fraction of a second.
    /// </summary>
    public static void GiveBackAfterBatch() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
