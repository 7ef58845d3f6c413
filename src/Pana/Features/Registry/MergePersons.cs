using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;
using Pana.Features.Audit;
using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>
/// Merges a duplicate into the record that is kept. Every status, need, document, share and search key
/// of the duplicate moves to the kept person; the duplicate itself stays, marked as merged, so its
/// audit trail and any old reference to its number still lead somewhere.
/// </summary>
public sealed class MergePersons(PanaDb db, PersonScope scope, AuditLog audit, IStringLocalizer<UiText> t)
{
    /// <example>{"duplicateId":"0193a0c2-7d5e-7c1a-9a51-3f0e6b1a2c44","keptVersion":3,"duplicateVersion":1}</example>
    public sealed record Command(Guid DuplicateId, int KeptVersion, int DuplicateVersion);

    public async Task<Outcome<Guid>> HandleAsync(Guid keptId, Command c, CancellationToken ct = default)
    {
        if (keptId == c.DuplicateId)
        {
            return Outcome<Guid>.Invalid("DuplicateId", t["A person cannot be merged into themself."]);
        }
        var kept = await scope.Persons.SingleOrDefaultAsync(p => p.Id == keptId, ct);
        var duplicate = await scope.Persons.SingleOrDefaultAsync(p => p.Id == c.DuplicateId, ct);
        if (kept is null || duplicate is null)
        {
            return Outcome<Guid>.Missing();
        }
        if (kept.Version != c.KeptVersion || duplicate.Version != c.DuplicateVersion)
        {
            return Conflict();
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var s in await db.LegalStatuses.Where(x => x.PersonId == duplicate.Id).ToListAsync(ct))
        {
            s.PersonId = kept.Id;
        }
        foreach (var n in await db.SpecificNeeds.Where(x => x.PersonId == duplicate.Id).ToListAsync(ct))
        {
            n.PersonId = kept.Id;
        }
        foreach (var d in await db.PersonDocuments.Where(x => x.PersonId == duplicate.Id).ToListAsync(ct))
        {
            d.PersonId = kept.Id;
        }
        foreach (var s in await db.PersonShares.Where(x => x.PersonId == duplicate.Id).ToListAsync(ct))
        {
            s.PersonId = kept.Id;
        }
        // The duplicate's spellings keep finding the person: its search keys move too.
        var keptKeys = (await db.PersonNameKeys.Where(k => k.PersonId == kept.Id).Select(k => k.Key).ToListAsync(ct)).ToHashSet();
        var moved = await db.PersonNameKeys.Where(k => k.PersonId == duplicate.Id).ToListAsync(ct);
        db.PersonNameKeys.RemoveRange(moved);
        db.PersonNameKeys.AddRange(moved.Where(k => !keptKeys.Contains(k.Key)).Select(k => new PersonNameKey { PersonId = kept.Id, Key = k.Key, SortName = kept.LatinName }));
        await DuplicateKeys.MoveAsync(db, duplicate.Id, kept.Id, ct);
        if (kept.HouseholdId is null && duplicate.HouseholdId is not null)
        {
            (kept.HouseholdId, kept.Relationship) = (duplicate.HouseholdId, duplicate.Relationship);
        }
        var hid = duplicate.HouseholdId;
        var household = hid is null ? null : await db.Households.SingleOrDefaultAsync(h => h.Id == hid && h.FocalPointId == duplicate.Id, ct);
        if (household is not null)
        {
            household.FocalPointId = kept.HouseholdId == hid ? kept.Id : null;
        }
        duplicate.MergedIntoId = kept.Id;
        duplicate.HouseholdId = null;
        db.Entry(kept).Property(p => p.Version).OriginalValue = c.KeptVersion;
        db.Entry(duplicate).Property(p => p.Version).OriginalValue = c.DuplicateVersion;
        kept.UpdatedAt = duplicate.UpdatedAt = DateTime.UtcNow;
        audit.Add(AuditAction.Update, "Person", kept.Id.ToString(), $"Merged {duplicate.RegistrationNumber} into {kept.RegistrationNumber}").SubjectId = kept.Id;
        audit.Add(AuditAction.Update, "Person", duplicate.Id.ToString(), $"Merged into {kept.RegistrationNumber}").SubjectId = duplicate.Id;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
        await PopulationCounts.AdjustAsync(db, [kept.Id, duplicate.Id], ct);
        await tx.CommitAsync(ct);
        return Outcome<Guid>.Ok(kept.Id);
    }

    private Outcome<Guid> Conflict() =>
        Outcome<Guid>.Conflict(t["Someone else changed one of the two people while you were comparing them. Reload; nothing was merged."]);
}
