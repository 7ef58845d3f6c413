using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Matching;
using Pana.Features.Audit;

namespace Pana.Features.Matching;

/// <summary>
/// Runs batch deduplication in the background, one job at a time: reads the registry (or one operation)
/// a page at a time, groups people by blocking keys, compares the pairs inside each block and queues
/// likely duplicates for review. Pairs already decided, either way, are never proposed again.
/// </summary>
public sealed class DedupJobs(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DedupJobs> log) : BackgroundService
{
    private const int PageSize = 5000;
    // A block this large is a very common name; comparing inside it would be quadratic for no gain.
    private const int MaxBlock = 2000;
    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>();

    public async Task<Guid> EnqueueAsync(PanaDb db, string? operation, string startedBy, CancellationToken ct)
    {
        var job = new DedupJob { OperationCode = string.IsNullOrWhiteSpace(operation) ? null : operation, StartedBy = startedBy, QueuedAt = clock.GetUtcNow().UtcDateTime };
        db.DedupJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await queue.Writer.WriteAsync(job.Id, ct);
        return job.Id;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(id, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Deduplication job {Job} failed", id);
                await MarkAsync(id, j => (j.State, j.Error, j.FinishedAt) = (DedupJobState.Failed, ex.Message, clock.GetUtcNow().UtcDateTime), CancellationToken.None);
            }
        }
    }

    /// <summary>Jobs cut off by a restart are marked failed; queued ones run again.</summary>
    private async Task RecoverAsync(CancellationToken ct)
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
        job.State = DedupJobState.Running;
        job.StartedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);

        var people = new List<MatchRecord>();
        for (var after = ""; ;)
        {
            var (page, last) = await MatchRecords.PageAsync(db, job.OperationCode, after, PageSize, ct);
            people.AddRange(page);
            job.PersonsTotal = people.Count;
            await db.SaveChangesAsync(ct);
            if (page.Count < PageSize || last is null)
            {
                break;
            }
            after = last;
        }
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < people.Count; i++)
        {
            foreach (var key in PersonMatcher.BlockingKeys(people[i]))
            {
                (blocks.TryGetValue(key, out var list) ? list : blocks[key] = []).Add(i);
            }
        }
        var decided = (await db.MatchPairs.AsNoTracking().Select(p => new { p.PersonAId, p.PersonBId }).ToListAsync(ct))
            .Select(p => (p.PersonAId, p.PersonBId)).ToHashSet();
        var compared = new HashSet<long>();
        var found = new List<MatchPair>();
        var done = new bool[people.Count];
        var lastSave = clock.GetUtcNow();
        foreach (var block in blocks.Values.Where(b => b.Count is > 1 and <= MaxBlock))
        {
            for (var x = 0; x < block.Count; x++)
            {
                for (var y = x + 1; y < block.Count; y++)
                {
                    var (i, j) = block[x] < block[y] ? (block[x], block[y]) : (block[y], block[x]);
                    if (!compared.Add(((long)i * people.Count) + j))
                    {
                        continue;
                    }
                    job.Comparisons++;
                    if (PersonMatcher.LevelOf(PersonMatcher.Score(people[i], people[j])) < MatchLevel.Probable)
                    {
                        continue;
                    }
                    var pair = MatchPair.Ordered(people[i].Id, people[j].Id);
                    if (!decided.Contains(pair))
                    {
                        var result = PersonMatcher.Compare(people[i], people[j]);
                        found.Add(new MatchPair
                        {
                            PersonAId = pair.A,
                            PersonBId = pair.B,
                            Score = Math.Round(result.Score, 2),
                            Level = result.Level.ToString(),
                            Reasons = JsonSerializer.Serialize(result.Reasons),
                            JobId = job.Id,
                            FoundAt = clock.GetUtcNow().UtcDateTime,
                        });
                    }
                }
                done[block[x]] = true;
            }
            if (clock.GetUtcNow() - lastSave > TimeSpan.FromSeconds(2))
            {
                job.PersonsDone = done.Count(d => d);
                job.PairsFound = found.Count;
                await db.SaveChangesAsync(ct);
                lastSave = clock.GetUtcNow();
            }
        }
        using (audit.Summarised())
        {
            // Found pairs are described by one summary line, not one per pair.
            db.MatchPairs.AddRange(found);
            job.PersonsDone = people.Count;
            job.PairsFound = found.Count;
            job.State = DedupJobState.Completed;
            job.FinishedAt = clock.GetUtcNow().UtcDateTime;
            audit.Add(AuditAction.Create, "DedupJob", job.Id.ToString(),
                $"Batch deduplication of {job.OperationCode ?? "all operations"}: {people.Count} people, {job.Comparisons} comparisons, {found.Count} pairs queued for review");
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task MarkAsync(Guid id, Action<DedupJob> change, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        if (await db.DedupJobs.SingleOrDefaultAsync(j => j.Id == id, ct) is { } job)
        {
            change(job);
            await db.SaveChangesAsync(ct);
        }
    }
}
