using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>
/// Sets who belongs to a household and how they are related to its focal point: people can be added
/// (when they belong to no other household), removed, or given another relationship. A stale version is refused.
/// </summary>
public sealed class UpdateHousehold(PanaDb db, PersonScope scope, IStringLocalizer<UiText> t)
{
    /// <example>{"members":[{"personId":"0193a0c2-7d5e-7c1a-9a51-3f0e6b1a2c44","relationship":"FocalPoint"},{"personId":"0193a0c2-7d5e-7c1a-9a51-3f0e6b1a2c45","relationship":"Daughter"}],"version":2}</example>
    public sealed record Command(List<MemberLink> Members, int Version);

    public sealed record MemberLink(Guid PersonId, Relationship Relationship);

    public async Task<Outcome<int>> HandleAsync(Guid householdId, Command c, CancellationToken ct = default)
    {
        var household = await scope.Households.SingleOrDefaultAsync(h => h.Id == householdId, ct);
        if (household is null)
        {
            return Outcome<int>.Missing();
        }
        if (household.Version != c.Version)
        {
            return Conflict();
        }
        var errors = new Errors();
        if (c.Members is not { Count: > 0 } || c.Members.Count(m => m.Relationship == Relationship.FocalPoint) != 1)
        {
            errors.Add("Members", t["Exactly one member is the focal point."]);
            return Outcome<int>.Invalid(errors);
        }
        var ids = c.Members.Select(m => m.PersonId).ToList();
        var people = await scope.Persons.Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        foreach (var missing in ids.Except(people.Select(p => p.Id)))
        {
            errors.Add("Members", t["The person {0} is not in the registry.", missing]);
        }
        foreach (var other in people.Where(p => p.HouseholdId is not null && p.HouseholdId != householdId))
        {
            errors.Add("Members", t["{0} belongs to another household; remove them from there first.", other.RegistrationNumber]);
        }
        if (errors.Any)
        {
            return Outcome<int>.Invalid(errors);
        }
        foreach (var leaving in await db.Persons.Where(p => p.HouseholdId == householdId && !ids.Contains(p.Id)).ToListAsync(ct))
        {
            leaving.HouseholdId = null;
            leaving.Relationship = Relationship.FocalPoint;
        }
        foreach (var link in c.Members)
        {
            var person = people.Single(p => p.Id == link.PersonId);
            (person.HouseholdId, person.Relationship) = (householdId, link.Relationship);
        }
        household.FocalPointId = c.Members.Single(m => m.Relationship == Relationship.FocalPoint).PersonId;
        db.Entry(household).Property(h => h.Version).OriginalValue = c.Version;
        // The household's own version moves with every change of its members.
        db.Entry(household).State = EntityState.Modified;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
        return Outcome<int>.Ok(household.Version);
    }

    private Outcome<int> Conflict() =>
        Outcome<int>.Conflict(t["Someone else changed this household while you were editing. Reload to see their changes; nothing was saved."]);
}
