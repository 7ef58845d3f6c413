using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>Adds a step to a person's legal status history (asylum-seeker, refugee, ... citizen), or removes one entered in error.</summary>
public sealed class ChangeStatus(PanaDb db, PersonScope scope, PersonRules rules, CurrentUser user, TimeProvider clock)
{
    /// <example>{"populationTypeCode":"REF","populationSubTypeCode":"REF-CONV","effectiveFrom":"2016-05-10","basis":"MIA decision 45/2016, refugee certificate 000123"}</example>
    public async Task<Outcome<StatusView>> AddAsync(Guid personId, StatusStep step, CancellationToken ct = default)
    {
        if (!await scope.Persons.AnyAsync(p => p.Id == personId, ct))
        {
            return Outcome<StatusView>.Missing();
        }
        var errors = new Errors();
        await rules.CheckStatusAsync(errors, "", step, ct);
        if (errors.Any)
        {
            return Outcome<StatusView>.Invalid(errors);
        }
        var status = new LegalStatus
        {
            PersonId = personId,
            PopulationTypeCode = step.PopulationTypeCode,
            PopulationSubTypeCode = step.PopulationSubTypeCode,
            Ceased = step.PopulationTypeCode is null ? step.Ceased ?? CessationReason.Other : null,
            EffectiveFrom = step.EffectiveFrom,
            Basis = step.Basis?.Trim() ?? "",
            RecordedAt = clock.GetUtcNow().UtcDateTime,
            RecordedBy = user.Name,
        };
        db.LegalStatuses.Add(status);
        await db.SaveChangesAsync(ct);
        await PopulationCounts.AdjustAsync(db, [personId], ct);
        return Outcome<StatusView>.Ok(StatusView.Of(status));
    }

    public async Task<Outcome<bool>> RemoveAsync(Guid personId, Guid statusId, CancellationToken ct = default)
    {
        if (!await scope.Persons.AnyAsync(p => p.Id == personId, ct))
        {
            return Outcome<bool>.Missing();
        }
        var status = await db.LegalStatuses.SingleOrDefaultAsync(s => s.Id == statusId && s.PersonId == personId, ct);
        if (status is null)
        {
            return Outcome<bool>.Missing();
        }
        db.LegalStatuses.Remove(status);
        await db.SaveChangesAsync(ct);
        await PopulationCounts.AdjustAsync(db, [personId], ct);
        return Outcome<bool>.Ok(true);
    }
}
