using Microsoft.EntityFrameworkCore.Storage;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;
using Pana.Features.Audit;
using Pana.Features.Registry.Synthetic;

namespace Pana.Features.Registry;

/// <summary>
/// Registers many households at once, for an import: the records <see cref="RegisterHousehold"/> would make, checked by
/// it beforehand, written a few hundred households at a time past the change tracker (as a synthetic registry is loaded)
/// in a transaction the import commits every few batches, their registration numbers reserved in one counter update, and
/// an audit line for each household and each person, loaded with them.
/// </summary>
public sealed class RegisterHouseholds(PanaDb db, RegisterHousehold register, RegistrationNumbers numbers, AuditLog audit, TimeProvider clock)
{
    /// <summary>A household ready to write: its records, numbered only when saved.</summary>
    internal sealed record Prepared(Household Household, List<RegisterHousehold.NewRecords> Members);

    /// <summary>The records of a checked household of new people (an import links nobody to an existing person).</summary>
    internal Prepared Prepare(RegisterHousehold.Command c, DateOnly on)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var household = new Household
        {
            OperationCode = c.OperationCode,
            ExternalId = string.IsNullOrWhiteSpace(c.ExternalId) ? null : c.ExternalId.Trim(),
            CreatedAt = now,
        };
        var members = new List<RegisterHousehold.NewRecords>(c.Members.Count);
        foreach (var m in c.Members)
        {
            var added = register.NewMember(c, m, on, now);
            added.Person.HouseholdId = household.Id;
            added.Person.Relationship = m.Relationship;
            if (m.Relationship == Relationship.FocalPoint)
            {
                household.FocalPointId = added.Person.Id;
            }
            members.Add(added);
        }
        return new Prepared(household, members);
    }

    /// <summary>
    /// Numbers and writes the households, with an audit line each, in the transaction the caller holds open on this
    /// context (an import writes several batches in one, and commits); the loader writes through this context's connection.
    /// Numbers are reserved by <c>numbering</c> when given, a context of its own whose reservations commit at once, so that a
    /// registration by hand meanwhile does not wait for the caller's commit (PostgreSQL; the numbers of a group refused later
    /// are skipped); else in the caller's transaction (SQLite, whose one writer is the caller anyway).
    /// </summary>
    internal async Task WriteAsync(BulkLoader loader, string prefix, DateOnly on, IReadOnlyList<Prepared> households, string source, CancellationToken ct,
        RegistrationNumbers? numbering = null)
    {
        var tx = db.Database.CurrentTransaction ?? throw new InvalidOperationException("The caller holds the transaction.");
        var people = households.SelectMany(h => h.Members).Select(m => m.Person).ToList();
        var householdNumbers = await (numbering ?? numbers).ReserveHouseholdsAsync(prefix, on, households.Count, ct);
        var personNumbers = await (numbering ?? numbers).ReservePeopleAsync(prefix, on, people.Count, ct);
        var batch = new SyntheticBatch();
        for (var i = 0; i < people.Count; i++)
        {
            var p = people[i];
            p.RegistrationNumber = personNumbers[i];
            batch.Persons.Add(p);
            batch.NameKeys.AddRange(PersonRules.NameKeyRows(p));
            batch.MatchKeys.AddRange(DuplicateKeys.Rows(p));
        }
        for (var i = 0; i < households.Count; i++)
        {
            var h = households[i];
            h.Household.RegistrationNumber = householdNumbers[i];
            batch.Households.Add(h.Household);
            foreach (var m in h.Members)
            {
                batch.Statuses.AddRange(m.Statuses);
                batch.Needs.AddRange(m.Needs);
                batch.Documents.AddRange(m.Documents);
            }
            // Every record written is in the audit log, by number (no names in the log): the household, and each person
            // with what was recorded of them, on their own timeline.
            var members = string.Join(", ", h.Members.Select(m => m.Person.RegistrationNumber));
            var line = audit.Line(AuditAction.Create, nameof(Household), h.Household.Id.ToString(),
                $"Create Household {h.Household.RegistrationNumber} from {source}, with person(s) {members} and their statuses, needs and documents");
            line.SubjectId = h.Household.Id;
            batch.Audit.Add(line);
            foreach (var m in h.Members)
            {
                line = audit.Line(AuditAction.Create, nameof(Person), m.Person.Id.ToString(),
                    $"Create Person {m.Person.RegistrationNumber} in household {h.Household.RegistrationNumber} from {source}, with {m.Statuses.Count} status(es), "
                    + $"{m.Needs.Count} need(s) and {m.Documents.Count} document(s)");
                line.SubjectId = m.Person.Id;
                batch.Audit.Add(line);
            }
        }
        await loader.InsertAsync(batch, tx.GetDbTransaction(), ct);
    }
}
