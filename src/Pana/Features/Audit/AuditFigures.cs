using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Infrastructure;

namespace Pana.Features.Audit;

/// <summary>Counts from the audit log for the dashboard: entries, failed sign-ins, sign-ins per day.</summary>
public sealed class AuditFigures(PanaDb db, TimeProvider time, LocalClock clock)
{
    public Task<int> EntriesAsync(CancellationToken ct) => db.AuditEntries.CountAsync(ct);

    public Task<int> FailedSignInsAsync(TimeSpan within, CancellationToken ct)
    {
        var since = time.GetUtcNow().UtcDateTime - within;
        return db.AuditEntries.CountAsync(e => (e.Action == AuditAction.SignInFailed || e.Action == AuditAction.LockedOut) && e.OccurredAt >= since, ct);
    }

    /// <summary>Sign-ins per local day over the last days, oldest first, with zero for quiet days.</summary>
    public async Task<List<(DateTime Day, int Count)>> SignInsPerDayAsync(int days, CancellationToken ct)
    {
        var firstDay = clock.Today.AddDays(1 - days);
        var since = clock.ToUtc(firstDay);
        var times = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.SignIn && e.OccurredAt >= since)
            .Select(e => e.OccurredAt).ToListAsync(ct);
        var perDay = times.GroupBy(t => clock.ToLocal(t).Date).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, days).Select(i => firstDay.AddDays(i)).Select(d => (d, perDay.GetValueOrDefault(d))).ToList();
    }
}
