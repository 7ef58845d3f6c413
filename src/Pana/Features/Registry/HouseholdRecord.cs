using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Audit;

namespace Pana.Features.Registry;

/// <summary>Reads a household with its members and their current status; the view is audited.</summary>
public sealed class HouseholdRecord(PanaDb db, PersonScope scope, AuditLog audit, TimeProvider clock)
{
    public async Task<HouseholdView?> ReadAsync(Guid id, CancellationToken ct = default)
    {
        var household = await scope.Households.AsNoTracking().SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return null;
        }
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Members outside a partner's scope are counted, not shown.
        var all = await db.Persons.AsNoTracking().Where(p => p.HouseholdId == id && p.MergedIntoId == null).CountAsync(ct);
        var members = await scope.Persons.AsNoTracking().Where(p => p.HouseholdId == id).OrderBy(p => p.Relationship).ThenBy(p => p.BirthDate)
            .Select(p => new HouseholdMember(p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.Sex, p.BirthDate,
                p.BirthDatePrecision, p.Relationship,
                db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= today).OrderByDescending(s => s.EffectiveFrom)
                    .ThenByDescending(s => s.RecordedAt).Select(s => s.PopulationTypeCode).FirstOrDefault(),
                db.SpecificNeeds.Count(n => n.PersonId == p.Id && n.ResolvedOn == null)))
            .ToListAsync(ct);
        await audit.ViewedAsync("Household", id, $"Viewed household {household.RegistrationNumber}", ct);
        return new HouseholdView(household.Id, household.RegistrationNumber, household.OperationCode, household.FocalPointId, members, all - members.Count,
            household.Version);
    }
}

public sealed record HouseholdView(Guid Id, string RegistrationNumber, string OperationCode, Guid? FocalPointId, List<HouseholdMember> Members,
    int MembersNotShown, int Version);

public sealed record HouseholdMember(Guid Id, string RegistrationNumber, string GivenName, string FamilyName, string Patronymic, string LatinName,
    Sex Sex, DateOnly? BirthDate, DatePrecision BirthDatePrecision, Relationship Relationship, string? PopulationTypeCode, int OpenNeeds);
