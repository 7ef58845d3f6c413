using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>Changes a person's details; an edit made on a stale version is refused and nothing is overwritten.</summary>
public sealed class UpdatePerson(PanaDb db, PersonScope scope, PersonRules rules, IStringLocalizer<UiText> t)
{
    public async Task<Outcome<int>> HandleAsync(Guid id, PersonDetails details, int version, CancellationToken ct = default)
    {
        var person = await scope.Persons.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
        {
            return Outcome<int>.Missing();
        }
        if (person.Version != version)
        {
            return Conflict();
        }
        var errors = new Errors();
        await rules.CheckAsync(errors, "", details, person.OperationCode, ct);
        if (errors.Any)
        {
            return Outcome<int>.Invalid(errors);
        }
        db.Entry(person).Property(p => p.Version).OriginalValue = version;
        rules.Apply(person, details);
        await rules.WriteNameKeysAsync(person, isNew: false, ct);
        await DuplicateKeys.WriteAsync(db, person, isNew: false, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
        await PopulationCounts.AdjustAsync(db, [id], ct);
        return Outcome<int>.Ok(person.Version);
    }

    private Outcome<int> Conflict() =>
        Outcome<int>.Conflict(t["Someone else changed this person while you were editing. Reload to see their changes; nothing was saved."]);
}
