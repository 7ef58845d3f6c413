using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>
/// Registers a household with its members in one step: each member's details, relationship to the
/// focal point, first legal status, needs and documents. Before anything is saved every new member is
/// checked against the registry; likely duplicates come back with their reasons, and the member is
/// saved only once the user links them to the existing person or confirms they are new.
/// </summary>
public sealed class RegisterHousehold(PanaDb db, PersonRules rules, DuplicateCheck duplicates, RegistrationNumbers numbers,
    CurrentUser user, TimeProvider clock, IStringLocalizer<UiText> t)
{
    /// <example>{"operationCode":"KAZ","office":"Almaty","members":[{"person":{"givenName":"Мухаммад","familyName":"Рахими","sex":"Male","birthDate":"1986-01-01","birthDatePrecision":"Year","nationalityCode":"AFG","originCode":"AFG","phone":"+7 701 555 1234","regionCode":"KZ-75","city":"Almaty","consentGiven":true,"consentDate":"2025-03-02","consentPurpose":"Registration and referral to partners"},"relationship":"FocalPoint","status":{"populationTypeCode":"ASY","effectiveFrom":"2025-03-02","basis":"Application to the migration service"}}]}</example>
    public sealed record Command(string OperationCode, string? Office, DateOnly? RegisteredOn, string? ExternalId, List<Member> Members);

    public sealed record Member(PersonDetails Person, Relationship Relationship, StatusStep? Status = null, List<NeedEntry>? Needs = null,
        List<DocumentEntry>? Documents = null, string? ExternalId = null, bool ConfirmedNew = false, Guid? ExistingPersonId = null);

    /// <summary>Saved (household and people), or the duplicates to decide on first, member by member.</summary>
    public sealed record Result(Guid? HouseholdId, string? RegistrationNumber, IReadOnlyList<Guid> PersonIds, IReadOnlyDictionary<int, DuplicateReport> Duplicates)
    {
        public bool Saved => HouseholdId is not null;
    }

    public async Task<Outcome<Result>> HandleAsync(Command c, CancellationToken ct = default)
    {
        var errors = await ValidateAsync(c, imported: false, ct);
        if (errors.Any)
        {
            return Outcome<Result>.Invalid(errors);
        }
        var found = new Dictionary<int, DuplicateReport>();
        for (var i = 0; i < c.Members.Count; i++)
        {
            var m = c.Members[i];
            if (m.ExistingPersonId is null && !m.ConfirmedNew)
            {
                var report = await duplicates.FindAsync(m.Person, m.Documents, ct);
                if (report.Any)
                {
                    found[i] = report;
                }
            }
        }
        if (found.Count > 0)
        {
            return Outcome<Result>.Ok(new Result(null, null, [], found));
        }
        // A save refused by a write of the same moment (a concurrency token, a unique key) is tried again, a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return Outcome<Result>.Ok(await SaveAsync(c, ct));
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <param name="c">The household to check.</param>
    /// <param name="imported">An import checked the operation and the external ids once for the whole file.</param>
    /// <param name="ct">Cancels the checks.</param>
    internal async Task<Errors> ValidateAsync(Command c, bool imported, CancellationToken ct)
    {
        var errors = new Errors();
        if (!imported && !await db.Operations.AnyAsync(o => o.Code == c.OperationCode && o.IsActive, ct))
        {
            errors.Add("OperationCode", t["Choose the operation."]);
            return errors;
        }
        if (c.Members is not { Count: > 0 })
        {
            errors.Add("Members", t["A household has at least one member."]);
            return errors;
        }
        if (c.Members.Count(m => m.Relationship == Relationship.FocalPoint) != 1)
        {
            errors.Add("Members", t["Exactly one member is the focal point."]);
        }
        if (!imported && !string.IsNullOrWhiteSpace(c.ExternalId) && await db.Households.AnyAsync(h => h.OperationCode == c.OperationCode && h.ExternalId == c.ExternalId, ct))
        {
            errors.Add("ExternalId", t["A household with the external id {0} is already registered.", c.ExternalId]);
        }
        for (var i = 0; i < c.Members.Count; i++)
        {
            var m = c.Members[i];
            var prefix = $"Members[{i}].";
            if (m.ExistingPersonId is { } existing)
            {
                var other = await db.Persons.Where(p => p.Id == existing).Select(p => new { p.HouseholdId }).SingleOrDefaultAsync(ct);
                if (other is null)
                {
                    errors.Add(prefix + "ExistingPersonId", t["The person to link is not in the registry."]);
                }
                else if (other.HouseholdId is not null)
                {
                    errors.Add(prefix + "ExistingPersonId", t["The person to link already belongs to a household; move them from there."]);
                }
                continue;
            }
            await rules.CheckAsync(errors, prefix + "Person.", m.Person, c.OperationCode, ct);
            if (m.Status is { } s)
            {
                await rules.CheckStatusAsync(errors, prefix + "Status.", s, ct);
            }
            foreach (var (n, j) in (m.Needs ?? []).Select((n, j) => (n, j)))
            {
                await rules.CheckNeedAsync(errors, $"{prefix}Needs[{j}].", n, ct);
            }
            foreach (var (d, j) in (m.Documents ?? []).Select((d, j) => (d, j)))
            {
                await rules.CheckDocumentAsync(errors, $"{prefix}Documents[{j}].", d, ct);
            }
            if (!imported && !string.IsNullOrWhiteSpace(m.ExternalId) && await db.Persons.AnyAsync(p => p.OperationCode == c.OperationCode && p.ExternalId == m.ExternalId, ct))
            {
                errors.Add(prefix + "ExternalId", t["A person with the external id {0} is already registered.", m.ExternalId]);
            }
        }
        return errors;
    }

    private async Task<Result> SaveAsync(Command c, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var on = c.RegisteredOn ?? rules.Today;
        var prefix = await db.Operations.Where(o => o.Code == c.OperationCode).Select(o => o.RegistrationPrefix).SingleAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var household = new Household
        {
            OperationCode = c.OperationCode,
            RegistrationNumber = await numbers.NextHouseholdAsync(prefix, on, ct),
            ExternalId = string.IsNullOrWhiteSpace(c.ExternalId) ? null : c.ExternalId.Trim(),
            CreatedAt = now,
        };
        db.Households.Add(household);
        var ids = new List<Guid>();
        foreach (var m in c.Members)
        {
            Person person;
            if (m.ExistingPersonId is { } existing)
            {
                person = await db.Persons.SingleAsync(p => p.Id == existing, ct);
            }
            else
            {
                var added = NewMember(c, m, on, now);
                person = added.Person;
                person.RegistrationNumber = await numbers.NextPersonAsync(prefix, on, ct);
                db.Persons.Add(person);
                await rules.WriteNameKeysAsync(person, isNew: true, ct);
                await DuplicateKeys.WriteAsync(db, person, isNew: true, ct);
                db.LegalStatuses.AddRange(added.Statuses);
                db.SpecificNeeds.AddRange(added.Needs);
                db.PersonDocuments.AddRange(added.Documents);
            }
            person.HouseholdId = household.Id;
            person.Relationship = m.Relationship;
            if (m.Relationship == Relationship.FocalPoint)
            {
                household.FocalPointId = person.Id;
            }
            ids.Add(person.Id);
        }
        await db.SaveChangesAsync(ct);
        await PopulationCounts.AdjustAsync(db, ids, ct);
        await tx.CommitAsync(ct);
        return new Result(household.Id, household.RegistrationNumber, ids, new Dictionary<int, DuplicateReport>());
    }

    /// <summary>A new member's records, not yet numbered nor added: the person, their first status, needs and documents.</summary>
    internal sealed record NewRecords(Person Person, List<LegalStatus> Statuses, List<SpecificNeed> Needs, List<PersonDocument> Documents);

    internal NewRecords NewMember(Command c, Member m, DateOnly on, DateTime now)
    {
        var person = new Person
        {
            OperationCode = c.OperationCode,
            ExternalId = string.IsNullOrWhiteSpace(m.ExternalId) ? null : m.ExternalId.Trim(),
            RegisteringOrganisationId = user.OrganisationId ?? throw new InvalidOperationException("A registration needs a user with an organisation."),
            Office = string.IsNullOrWhiteSpace(c.Office) ? "" : c.Office.Trim(),
            RegisteredOn = on,
            CreatedAt = now,
        };
        rules.Apply(person, m.Person);
        var statuses = m.Status is { } s
            ? new List<LegalStatus>
            {
                new()
                {
                    PersonId = person.Id,
                    PopulationTypeCode = s.PopulationTypeCode,
                    PopulationSubTypeCode = s.PopulationSubTypeCode,
                    Ceased = s.Ceased,
                    EffectiveFrom = s.EffectiveFrom,
                    Basis = s.Basis?.Trim() ?? "",
                    RecordedAt = now,
                    RecordedBy = user.Name,
                },
            }
            : [];
        var needs = (m.Needs ?? []).Select(n => new SpecificNeed
        { PersonId = person.Id, CategoryCode = n.CategoryCode, IdentifiedOn = n.IdentifiedOn ?? on, Notes = n.Notes?.Trim() ?? "" }).ToList();
        var documents = (m.Documents ?? []).Select(d => rules.Document(person.Id, d)).ToList();
        return new NewRecords(person, statuses, needs, documents);
    }
}
