namespace Pana.Infrastructure;

/// <summary>
/// One memory-heavy batch job at a time, an import or a deduplication: at a million people each holds hundreds of MiB
/// (docs/benchmarks.md), so two at once would take the app past 1 GiB. The next job waits for the slot, not for an error.
/// </summary>
public sealed class BatchSlot
{
    private readonly SemaphoreSlim slot = new(1, 1);

    /// <summary>Whether a job holds the slot now.</summary>
    public bool Taken => slot.CurrentCount == 0;

    /// <summary>Waits for the slot; disposing what it returns gives the job's memory back, then the slot to the next job.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken ct)
    {
        await slot.WaitAsync(ct);
        return new Held(slot);
    }

    private sealed class Held(SemaphoreSlim slot) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                WorkingSet.GiveBackAfterBatch();
                slot.Release();
            }
        }
    }
}
