using Pana.Data;
using Pana.Data.Audit;

namespace Pana.Features.Audit;

/// <summary>
/// The door other capabilities use to record what the change tracker cannot see: a view of
/// personal data, an export, a sign-in. Record changes are audited by AuditTrail on their own.
/// </summary>
public sealed class AuditLog(PanaDb db, AuditTrail trail, AuditWriter writer, AuditSealing sealing)
{
    /// <summary>An entry by the current user, for the caller to write (a bulk load); <see cref="AuditSealing"/> seals it once woken.</summary>
    public AuditEntry Line(AuditAction action, string entityType, string entityId, string summary) => trail.Line(action, entityType, entityId, summary);

    /// <summary>Entries from <see cref="Line"/> were committed: the sealing chains them now, as it does after a SaveChanges that wrote some.</summary>
    public void Loaded() => sealing.Wake();

    /// <summary>Adds an entry that is saved with the caller's next SaveChanges.</summary>
    public AuditEntry Add(AuditAction action, string entityType, string entityId, string summary)
    {
        var line = trail.Line(action, entityType, entityId, summary);
        db.AuditEntries.Add(line);
        return line;
    }

    /// <summary>
    /// Records that someone saw a person's or household's data, before they see it: the line is committed with the
    /// views of other requests in one transaction (<see cref="AuditWriter"/>), not with this request's changes.
    /// </summary>
    public Task ViewedAsync(string entityType, Guid subjectId, string summary, CancellationToken ct = default) =>
        RecordAsync(AuditAction.View, entityType, subjectId.ToString(), summary, subjectId, ct);

    /// <summary>
    /// Records a line of its own (a search, a list seen), committed and sealed with the lines of other requests in one
    /// transaction (<see cref="AuditWriter"/>) before the caller shows what it records.
    /// </summary>
    public async Task RecordAsync(AuditAction action, string entityType, string entityId, string summary, Guid? subjectId = null, CancellationToken ct = default)
    {
        var line = trail.Line(action, entityType, entityId, summary);
        line.SubjectId = subjectId;
        if (writer.TryWrite(line) is { } written)
        {
            await written;
            return;
        }
        db.AuditEntries.Add(line);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds an entry and saves it now.</summary>
    public async Task WriteAsync(AuditAction action, string entityType, string entityId, string summary, CancellationToken ct = default)
    {
        Add(action, entityType, entityId, summary);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>While the returned scope lives, record changes are not audited one by one: the caller writes a summary line.</summary>
    public IDisposable Summarised() => trail.Summarised(db);

    /// <summary>An entry on behalf of someone not signed in (yet): a failed sign-in names who was tried.</summary>
    public async Task WriteForAsync(string? userId, string userName, AuditAction action, string summary, CancellationToken ct = default)
    {
        var line = Add(action, "User", userId ?? "", summary);
        line.ActorUserId = userId;
        line.ActorName = userName;
        await db.SaveChangesAsync(ct);
    }
}
