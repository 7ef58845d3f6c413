using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Reference;
using Pana.Data.Registry;
using Pana.Features.Audit;

namespace Pana.Features.Registry;

/// <summary>Reads one person with every section for the person page and the API; the view is audited.</summary>
public sealed class PersonRecord(PanaDb db, PersonScope scope, PreparedPersonRead prepared, AuditLog audit, TimeProvider clock)
{
    public async Task<PersonView?> ReadAsync(Guid id, CancellationToken ct = default)
    {
        // The page read most: for staff who see everyone it is a statement prepared once, past EF Core (see PreparedPersonRead).
        var row = scope.SeesEveryone ? await prepared.ReadAsync(db, id, ct)
            : await scope.Persons.AsNoTracking().Where(x => x.Id == id).Join(db.Organisations, x => x.RegisteringOrganisationId, o => o.Id, Row)
                .AsSingleQuery().SingleOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }
        var (p, household) = (row.Person, row.Household);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Ties go by id, so both reads give one order.
        var statuses = row.Statuses.OrderBy(s => s.EffectiveFrom).ThenBy(s => s.RecordedAt).ThenBy(s => s.Id).ToList();
        await audit.ViewedAsync("Person", p.Id, $"Viewed person {p.RegistrationNumber}", ct);
        return new PersonView(
            p.Id, p.RegistrationNumber, p.OperationCode, p.ExternalId, PersonDetails.Of(p), p.LatinName, p.CyrillicName,
            ReferenceNames.Pick(row.NameEn, row.NameRu, row.NameKk), p.RegisteringOrganisationId, p.Office, p.RegisteredOn,
            household, p.Relationship, Current(statuses, today), statuses.Select(StatusView.Of).ToList(),
            row.Needs.OrderBy(n => n.IdentifiedOn).ThenBy(n => n.Id).Select(n => new NeedView(n.Id, n.CategoryCode, n.IdentifiedOn, n.ResolvedOn, n.Notes)).ToList(),
            row.Documents.OrderBy(d => d.ExpiresOn).ThenBy(d => d.Id).Select(d => DocumentView.Of(d, today)).ToList(),
            p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), p.MergedIntoId);
    }

    // One round trip: the person with organisation and household joined and the three lists beside it (a person has a couple of statuses and documents).
    private static readonly Expression<Func<Person, Organisation, PersonRow>> Row = (x, o) => new PersonRow(
        x, o.NameEn, o.NameRu, o.NameKk,
        x.Household == null ? null : new HouseholdLink(x.Household.Id, x.Household.RegistrationNumber, x.Household.FocalPointId == x.Id),
        x.Statuses.ToList(), x.Needs.ToList(), x.Documents.ToList());

    internal sealed record PersonRow(Person Person, string NameEn, string NameRu, string NameKk, HouseholdLink? Household, List<LegalStatus> Statuses,
        List<SpecificNeed> Needs, List<PersonDocument> Documents);

    /// <summary>The status in force on a day: the latest step that took effect by then.</summary>
    public static StatusView? Current(IEnumerable<LegalStatus> statuses, DateOnly on) =>
        statuses.Where(s => s.EffectiveFrom <= on).OrderBy(s => s.EffectiveFrom).ThenBy(s => s.RecordedAt).LastOrDefault() is { } s ? StatusView.Of(s) : null;

    /// <summary>What changed on a person and their household, needs, documents and statuses, newest first, from the audit log.</summary>
    public async Task<List<TimelineEntry>> TimelineAsync(Guid personId, CancellationToken ct = default)
    {
        // A merged duplicate's history is part of the kept person's history.
        var subjects = await db.Persons.Where(p => p.MergedIntoId == personId).Select(p => p.Id).ToListAsync(ct);
        subjects.Add(personId);
        var rows = await db.AuditEntries.AsNoTracking().Where(e => e.SubjectId != null && subjects.Contains(e.SubjectId.Value) && e.Action != AuditAction.View)
            .OrderByDescending(e => e.Id).Take(200)
            .Select(e => new { e.OccurredAt, e.ActorName, e.Action, e.EntityType, e.Summary, e.Changes }).ToListAsync(ct);
        return rows.Select(r => new TimelineEntry(r.OccurredAt, r.ActorName, r.Action, r.EntityType, r.Summary, Fields(r.Changes))).ToList();
    }

    private static List<TimelineChange> Fields(string changes) =>
        FieldChange.Parse(changes).Select(c => new TimelineChange(c.Field, c.Before, c.After, c.Hidden)).ToList();
}

public sealed record PersonView(Guid Id, string RegistrationNumber, string OperationCode, string? ExternalId, PersonDetails Details,
    string LatinName, string CyrillicName, string RegisteredBy, Guid RegisteringOrganisationId, string Office, DateOnly RegisteredOn,
    HouseholdLink? Household, Relationship Relationship, StatusView? CurrentStatus, List<StatusView> StatusHistory,
    List<NeedView> Needs, List<DocumentView> Documents, string Version, Guid? MergedIntoId);

public sealed record HouseholdLink(Guid Id, string RegistrationNumber, bool IsFocalPoint);

public sealed record StatusView(Guid Id, string? PopulationTypeCode, string? PopulationSubTypeCode, CessationReason? Ceased, DateOnly EffectiveFrom, string Basis, DateTime RecordedAt, string RecordedBy)
{
    public static StatusView Of(LegalStatus s) => new(s.Id, s.PopulationTypeCode, s.PopulationSubTypeCode, s.Ceased, s.EffectiveFrom, s.Basis, s.RecordedAt, s.RecordedBy);
}

public sealed record NeedView(Guid Id, string CategoryCode, DateOnly IdentifiedOn, DateOnly? ResolvedOn, string Notes);

public sealed record DocumentView(Guid Id, string DocumentTypeCode, string Number, string Issuer, DateOnly? IssuedOn, DateOnly? ExpiresOn, bool Expired, bool ExpiresWithin30Days)
{
    public static DocumentView Of(PersonDocument d, DateOnly today) => new(d.Id, d.DocumentTypeCode, d.Number, d.Issuer, d.IssuedOn, d.ExpiresOn,
        d.ExpiresOn < today, d.ExpiresOn >= today && d.ExpiresOn <= today.AddDays(30));
}

public sealed record TimelineEntry(DateTime OccurredAt, string Actor, AuditAction Action, string EntityType, string Summary, List<TimelineChange> Changes);

public sealed record TimelineChange(string Field, string? Before, string? After, bool Hidden);
