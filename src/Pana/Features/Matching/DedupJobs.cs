using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Matching;
using Pana.Features.Audit;
using Pana.Infrastructure;

namespace Pana.Features.Matching;

/// <summary>
/// Runs batch deduplication in the background, one job at a time: folds the registry (or one operation) into memory in
/// one streaming scan, groups people by blocking keys, compares the pairs inside each block on all cores and writes
/// likely duplicates to the review queue in batches as they are found. Pairs already in the queue or decided, either
/// way, are never proposed again. A job can be cancelled; one cut off by a stop of the app is marked failed.
/// </summary>
public sealed class DedupJobs(IServiceScopeFactory scopes, TimeProvider clock, BatchSlot batches, ILogger<DedupJobs> log) : BackgroundService
{
    private const int WriteBatch = 1000;
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> running = new();

    public async Task<Guid> EnqueueAsync(PanaDb db, string? operation, string startedBy, CancellationToken ct)
    {
        var job = new DedupJob { OperationCode = string.IsNullOrWhiteSpace(operation) ? null : operation, StartedBy = startedBy, QueuedAt = clock.GetUtcNow().UtcDateTime };
        db.DedupJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await queue.Writer.WriteAsync(job.Id, ct);
        return job.Id;
    }

    /// <summary>Cancels a queued or running job; false when there is no such job still to do.</summary>
    public async Task<bool> CancelAsync(PanaDb db, Guid id, string by, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var queued = await db.DedupJobs.Where(j => j.Id == id && j.State == DedupJobState.Queued)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.State, DedupJobState.Cancelled).SetProperty(j => j.FinishedAt, now).SetProperty(j => j.Error, "Cancelled by " + by), ct);
        if (queued > 0)
        {
            return true;
        }
        // A job is registered here before it is marked running, so a job missed above is found here.
        if (running.TryGetValue(id, out var cancel))
        {
            await cancel.CancelAsync();
            return true;
        }
        return false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            running[id] = cancel;
            IDisposable? slot = null;
            try
            {
                // The job stays queued while an import holds the slot; one cancelled meanwhile is seen as such when it runs.
                slot = await batches.TakeAsync(cancel.Token);
                await RunAsync(id, cancel.Token);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // One still waiting for the slot stays queued and runs after the restart.
                if (slot is not null)
                {
                    await MarkAsync(id, DedupJobState.Failed, "Interrupted by a stop of the app; start it again.");
                }
                throw;
            }
            catch (OperationCanceledException)
            {
                await MarkAsync(id, DedupJobState.Cancelled, "Cancelled; the pairs found until then stay in the review queue.");
            }
            catch (Exception ex)
            {
                log.LogError(ex, "Deduplication job {Job} failed", id);
                await MarkAsync(id, DedupJobState.Failed, ex.Message);
            }
            finally
            {
                running.TryRemove(id, out _);
                slot?.Dispose();
            }
        }
    }

    /// <summary>Jobs cut off by a restart are marked failed (when the stop left them running); queued ones run again.</summary>
    internal async Task RecoverAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        foreach (var job in await db.DedupJobs.Where(j => j.State == DedupJobState.Running || j.State == DedupJobState.Queued).ToListAsync(ct))
        {
            if (job.State == DedupJobState.Running)
            {
                (job.State, job.Error) = (DedupJobState.Failed, "Interrupted by a restart; start it again.");
            }
            else
            {
                await queue.Writer.WriteAsync(job.Id, ct);
            }
        }
        await db.SaveChangesAsync(ct);
    }

    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var job = await db.DedupJobs.SingleAsync(j => j.Id == jobId, ct);
        if (job.State != DedupJobState.Queued)
        {
            return; // cancelled while it waited
        }
        job.State = DedupJobState.Running;
        job.StartedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var progress = new DedupProgress();
        using var stopReporting = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporting = ReportAsync(jobId, progress, stopReporting.Token);
        FoldedPeople people;
        CandidateBlocks blocks;
        var phases = new Phases();
        try
        {
            people = await MatchRecords.ReadAllAsync(db, job.OperationCode, n => progress.Total = n, ct);
            phases.End("read");
            blocks = await Task.Run(() => CandidateBlocks.Of(people.Forms, ct), ct);
            progress.Places = blocks.Places;
            var known = await KnownPairsAsync(db, ct);
            phases.End("blocked");
            var thresholds = MatchThresholds.ForRegistryOf(people.Count);
            var found = Channel.CreateUnbounded<(int, int)>(new UnboundedChannelOptions { SingleReader = true });
            var writing = WriteAsync(jobId, people, thresholds, found.Reader, ct);
            try
            {
                await Task.Run(() => CompareAll(people, blocks, thresholds, known, found.Writer, progress, ct), ct);
            }
            finally
            {
                phases.End("compared");
                found.Writer.Complete();
                await writing;
                phases.End("written");
            }
        }
        finally
        {
            await stopReporting.CancelAsync();
            await reporting;
        }
        using (audit.Summarised())
        {
            // Found pairs are described by one summary line, not one per pair.
            (job.PersonsTotal, job.PersonsDone, job.Comparisons, job.PairsFound) = (people.Count, people.Count, progress.Comparisons, (int)progress.Pairs);
            job.State = DedupJobState.Completed;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            audit.Add(AuditAction.Create, "DedupJob", job.Id.ToString(),
                $"Batch deduplication of {job.OperationCode ?? "all operations"}: {people.Count} people, {blocks.Count} blocks (largest key {blocks.LargestKey}, "
                + $"{blocks.SplitKeys} split), {job.Comparisons} comparisons, {job.PairsFound} pairs queued for review; {phases}");
            log.LogInformation("Deduplication job {Job}: {People} people, {Comparisons} comparisons, {Pairs} pairs; {Phases}", job.Id, people.Count, job.Comparisons, job.PairsFound, phases);
            await db.SaveChangesAsync(ct);
        }
    }

    // Every block on every core; a pair is compared in the first block both people share, and kept when it is likely one person.
    private static void CompareAll(FoldedPeople people, CandidateBlocks blocks, MatchThresholds thresholds, HashSet<(Guid, Guid)> known,
        ChannelWriter<(int, int)> found, DedupProgress progress, CancellationToken ct)
    {
        var forms = people.Forms;
        Parallel.For(0, blocks.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount }, b =>
        {
            var block = blocks.Members(b);
            long compared = 0;
            for (var x = 0; x < block.Length; x++)
            {
                for (var y = x + 1; y < block.Length; y++)
                {
                    var (i, j) = (block[x], block[y]);
                    if (!blocks.FirstShared(b, i, j))
                        continue;
                    compared++;
                    if (!PersonMatcher.MayReach(forms[i], forms[j], thresholds.Probable) || PersonMatcher.Score(forms[i], forms[j], thresholds.Probable) < thresholds.Probable
                        || known.Contains(MatchPair.Ordered(people.Ids[i], people.Ids[j])))
                        continue;
                    found.TryWrite((i, j));
                    Interlocked.Increment(ref progress.Pairs);
                }
            }
            Interlocked.Add(ref progress.Comparisons, compared);
            Interlocked.Add(ref progress.PlacesDone, block.Length);
        });
    }

    // Pairs go to the review queue a batch at a time, past the change tracker's memory of earlier batches.
    private async Task WriteAsync(Guid jobId, FoldedPeople people, MatchThresholds thresholds, ChannelReader<(int I, int J)> found, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        using var summarised = scope.ServiceProvider.GetRequiredService<AuditLog>().Summarised();
        var batch = new List<MatchPair>(WriteBatch);
        for (var more = true; more;)
        {
            more = await found.WaitToReadAsync(ct);
            while (batch.Count < WriteBatch && found.TryRead(out var p))
            {
                var (a, b) = MatchPair.Ordered(people.Ids[p.I], people.Ids[p.J]);
                var result = PersonMatcher.Compare(people.Forms[p.I], people.Forms[p.J], thresholds);
                batch.Add(new MatchPair
                {
                    PersonAId = a,
                    PersonBId = b,
                    Score = result.Score,
                    Level = result.Level.ToString(),
                    Reasons = JsonSerializer.Serialize(result.Reasons),
                    JobId = jobId,
                    FoundAt = clock.GetUtcNow().UtcDateTime,
                });
            }
            if (batch.Count >= WriteBatch || !more && batch.Count > 0)
            {
                db.MatchPairs.AddRange(batch);
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch.Clear();
            }
        }
    }

    private static async Task<HashSet<(Guid, Guid)>> KnownPairsAsync(PanaDb db, CancellationToken ct)
    {
        var known = new HashSet<(Guid, Guid)>();
        await foreach (var p in db.MatchPairs.AsNoTracking().Select(p => new { p.PersonAId, p.PersonBId }).AsAsyncEnumerable().WithCancellation(ct))
        {
            known.Add((p.PersonAId, p.PersonBId));
        }
        return known;
    }

    // The job's row shows its progress, written once a second from a scope of its own.
    private async Task ReportAsync(Guid jobId, DedupProgress progress, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
                var (total, comparisons, pairs) = (progress.Total, Interlocked.Read(ref progress.Comparisons), Interlocked.Read(ref progress.Pairs));
                var done = progress.Places == 0 ? 0 : (int)(total * Interlocked.Read(ref progress.PlacesDone) / progress.Places);
                await db.DedupJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s.SetProperty(j => j.PersonsTotal, total)
                    .SetProperty(j => j.PersonsDone, done).SetProperty(j => j.Comparisons, comparisons).SetProperty(j => j.PairsFound, (int)pairs), ct);
            }
        }
        catch (OperationCanceledException)
        {
            // The job ended.
        }
        catch (Exception ex)
        {
            log.LogWarning(ex, "Progress of deduplication job {Job} not written", jobId);
        }
    }

    private async Task MarkAsync(Guid id, DedupJobState state, string error)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.DedupJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.State, state).SetProperty(j => j.Error, error).SetProperty(j => j.FinishedAt, now));
    }

    // Wall and processor seconds of each phase, and the peak memory, for the job's audit line.
    private sealed class Phases
    {
        private readonly System.Text.StringBuilder text = new();
        private readonly Stopwatch wall = Stopwatch.StartNew();
        private TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;

        public void End(string phase)
        {
            var now = Process.GetCurrentProcess().TotalProcessorTime;
            text.Append(CultureInfo.InvariantCulture, $"{phase} {wall.Elapsed.TotalSeconds:0.0} s (processor {(now - cpu).TotalSeconds:0.0} s, {GC.GetTotalMemory(false) >> 20} MiB managed); ");
            cpu = now;
            wall.Restart();
        }

        public override string ToString() => text.ToString() + $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 >> 20} MiB";
    }

    private sealed class DedupProgress
    {
        public volatile int Total;
        public long Places;
        public long PlacesDone;
        public long Comparisons;
        public long Pairs;
    }
}
