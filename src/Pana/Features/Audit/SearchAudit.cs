using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;

namespace Pana.Features.Audit;

/// <summary>Searches the audit log for the admin page, the API and the CSV export, newest first, a page at a time.</summary>
public sealed class SearchAudit(PanaDb db)
{
    public sealed record Filter(DateTime? From = null, DateTime? To = null, string? Actor = null, AuditAction? Action = null,
        string? EntityType = null, string? EntityId = null, string? Text = null, int Page = 1, int PageSize = 50);

    public sealed record Row(long Id, DateTime OccurredAt, string ActorName, string? ActorUserId, string IpAddress, AuditAction Action,
        string EntityType, string EntityId, string Summary, string Changes, long? ChainIndex);

    public sealed record Result(List<Row> Items, int Total, int Page, int PageSize)
    {
        public int Pages => (Total + PageSize - 1) / PageSize;
    }

    public async Task<Result> HandleAsync(Filter f, CancellationToken ct = default)
    {
        var query = Query(f);
        var size = Math.Clamp(f.PageSize, 1, 500);
        var page = Math.Max(f.Page, 1);
        var total = await query.CountAsync(ct);
        var items = await Project(query.OrderByDescending(e => e.Id).Skip((page - 1) * size).Take(size)).ToListAsync(ct);
        return new Result(items, total, page, size);
    }

    /// <summary>Every matching row, streamed, for the export.</summary>
    public IAsyncEnumerable<Row> StreamAsync(Filter f) => Project(Query(f).OrderByDescending(e => e.Id)).AsAsyncEnumerable();

    private IQueryable<AuditEntry> Query(Filter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (f.From is { } from)
        {
            var start = DateTime.SpecifyKind(from, DateTimeKind.Utc);
            q = q.Where(e => e.OccurredAt >= start);
        }
        if (f.To is { } to)
        {
            // A date without a time means "to the end of that day".
            var end = DateTime.SpecifyKind(to.TimeOfDay == TimeSpan.Zero ? to.AddDays(1) : to, DateTimeKind.Utc);
            q = q.Where(e => e.OccurredAt < end);
        }
        if (!string.IsNullOrWhiteSpace(f.Actor))
        {
            var actor = f.Actor.Trim();
            q = q.Where(e => e.ActorName.Contains(actor) || e.ActorUserId == actor);
        }
        if (f.Action is { } action)
        {
            q = q.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(f.EntityType))
        {
            q = q.Where(e => e.EntityType == f.EntityType.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.EntityId))
        {
            q = q.Where(e => e.EntityId == f.EntityId.Trim());
        }
        if (!string.IsNullOrWhiteSpace(f.Text))
        {
            var text = f.Text.Trim();
            q = q.Where(e => e.Summary.Contains(text));
        }
        return q;
    }

    private static IQueryable<Row> Project(IQueryable<AuditEntry> q) => q.Select(e => new Row(e.Id, e.OccurredAt, e.ActorName, e.ActorUserId,
        e.IpAddress, e.Action, e.EntityType, e.EntityId, e.Summary, e.Changes, e.ChainIndex));
}
