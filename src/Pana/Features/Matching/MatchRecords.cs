using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry;

namespace Pana.Features.Matching;

/// <summary>Reads people from the registry as the matcher compares them, a page at a time.</summary>
public static class MatchRecords
{
    /// <summary>The next page after a registration number (keyset paging), and the last number read.</summary>
    public static async Task<(List<MatchRecord> Page, string? Last)> PageAsync(PanaDb db, string? operation, string after, int size, CancellationToken ct)
    {
        var people = db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null && string.Compare(p.RegistrationNumber, after) > 0);
        if (!string.IsNullOrWhiteSpace(operation))
        {
            people = people.Where(p => p.OperationCode == operation);
        }
        return await ReadAsync(db, people.OrderBy(p => p.RegistrationNumber).Take(size), ct);
    }

    /// <summary>The given people, for comparing a new registration with the candidates found for it.</summary>
    public static async Task<List<MatchRecord>> ByIdsAsync(PanaDb db, List<Guid> ids, CancellationToken ct) =>
        (await ReadAsync(db, db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.RegistrationNumber), ct)).Page;

    private static async Task<(List<MatchRecord> Page, string? Last)> ReadAsync(PanaDb db, IQueryable<Person> people, CancellationToken ct)
    {
        var rows = await people
            .Select(p => new { p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.OriginCode, p.PhoneDigits, p.HouseholdId })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var documents = (await db.PersonDocuments.AsNoTracking().Where(d => ids.Contains(d.PersonId)).Select(d => new { d.PersonId, d.NumberKey }).ToListAsync(ct))
            .ToLookup(d => d.PersonId, d => d.NumberKey);
        var households = rows.Where(r => r.HouseholdId != null).Select(r => r.HouseholdId).Distinct().ToList();
        var members = (await db.Persons.AsNoTracking().Where(p => households.Contains(p.HouseholdId) && p.MergedIntoId == null)
            .Select(p => new { p.HouseholdId, p.Id, p.GivenName }).ToListAsync(ct)).ToLookup(m => m.HouseholdId);
        return (rows.Select(r => new MatchRecord(r.Id, r.GivenName, r.FamilyName, r.Patronymic, r.Sex, r.BirthDate, r.BirthDatePrecision, r.OriginCode,
            documents[r.Id].ToList(), r.PhoneDigits.Length == 0 ? null : r.PhoneDigits,
            members[r.HouseholdId].Where(m => m.Id != r.Id).Select(m => m.GivenName).ToList())).ToList(), rows.LastOrDefault()?.RegistrationNumber);
    }

    /// <summary>A person about to be registered, as the matcher sees them.</summary>
    public static MatchRecord Of(PersonDetails d, IEnumerable<DocumentEntry>? documents, IEnumerable<string>? householdGivenNames = null) =>
        new(Guid.Empty, d.GivenName ?? "", d.FamilyName ?? "", d.Patronymic, d.Sex, d.BirthDate, d.BirthDatePrecision, d.OriginCode,
            (documents ?? []).Select(x => PersonRules.DocumentKey(x.Number)).Where(k => k.Length > 0).ToList(),
            PersonRules.Digits(d.Phone) is { Length: > 0 } phone ? phone : null, (householdGivenNames ?? []).ToList());
}
