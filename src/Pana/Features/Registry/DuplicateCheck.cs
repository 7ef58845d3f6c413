using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;
using Pana.Features.Audit;
using Pana.Features.Matching;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>
/// Finds people already in the registry who may be the person about to be registered. Candidates come from the
/// database by the keys they share with the registration (<see cref="DuplicateKeys"/>: two names, or a name and the
/// year of birth), a document number or a phone, in one indexed query each; the matching engine
/// (<see cref="PersonMatcher"/>) scores each and says what agreed and what did not.
/// </summary>
public sealed class DuplicateCheck(PanaDb db, PersonScope scope, CurrentUser user, AuditLog audit)
{
    internal const int MaxCandidates = DuplicateKeys.MaxCandidates;

    /// <summary>Whether the user sees every person, so that no match is hidden from them.</summary>
    internal bool SeesEveryone => !user.IsScopedToOrganisation;

    public async Task<DuplicateReport> FindAsync(PersonDetails d, IEnumerable<DocumentEntry>? documents, CancellationToken ct, IReadOnlyCollection<Guid>? exclude = null)
    {
        var record = MatchRecords.Of(d, documents);
        var mine = DuplicateKeys.Entries(d.GivenName, d.FamilyName, d.BirthDate, d.BirthDatePrecision);
        var keys = mine.Select(k => k.Key).ToList();
        var shared = keys.Count == 0 ? [] : await db.PersonMatchKeys.Where(k => keys.Contains(k.Key)).Select(k => new { k.Key, k.PersonId, k.Other, k.Year }).ToListAsync(ct);
        var byKey = DuplicateKeys.Rank(mine, DuplicateKeys.YearOf(d.BirthDate, d.BirthDatePrecision), shared.Select(k => (k.Key, k.PersonId, k.Other, k.Year)));
        var docKeys = DocumentKeys(record);
        // A document weighs only when both have it, and this lookup finds every such one: the candidates' own documents are not read.
        var byDocument = (docKeys.Count == 0 ? [] : await db.PersonDocuments.Where(x => docKeys.Contains(x.NumberKey)).Select(x => new { x.PersonId, x.NumberKey }).ToListAsync(ct))
            .ToLookup(x => x.PersonId, x => x.NumberKey);
        var phone = Phone(record);
        var byPhone = phone is null ? [] : await db.Persons.Where(p => p.PhoneDigits == phone).Select(p => p.Id).Take(MaxCandidates).ToListAsync(ct);
        var ids = byKey.Concat(byDocument.Select(g => g.Key)).Concat(byPhone).Distinct().Where(id => exclude?.Contains(id) != true).ToList();
        if (ids.Count == 0)
        {
            return new DuplicateReport([], 0);
        }
        // Households are read only for those who may match once they are known.
        var bare = record with { HouseholdGivenNames = [] };
        var people = (await LoadPeopleAsync(db, ids, ct)).Where(c => PersonMatcher.MayBePossible(bare, c.Record, byDocument.Contains(c.Record.Id)))
            .Select(c => c with { Record = c.Record with { DocumentKeys = [.. byDocument[c.Record.Id]] } }).ToList();
        var report = await ReportAsync(record, await WithHouseholdsAsync(db, people, ct), ct);
        if (report.Candidates.Count > 0)
        {
            // The candidates' names and dates of birth are shown: who was seen is audited, as a search is.
            await audit.RecordAsync(AuditAction.View, "Registry", "duplicate-check",
                $"Duplicate check of a registration: {report.Candidates.Count} shown ({string.Join(", ", report.Candidates.Select(c => c.RegistrationNumber))})", ct: ct);
        }
        return report;
    }

    /// <summary>Scores the candidates; a partner caseworker learns that matches exist outside their records, not who they are.</summary>
    internal async Task<DuplicateReport> ReportAsync(MatchRecord record, IEnumerable<Candidate> candidates, CancellationToken ct)
    {
        var found = Score(record, candidates);
        if (found.Count == 0)
        {
            return new DuplicateReport([], 0);
        }
        var visible = await VisibleAsync(found.Select(c => c.PersonId).ToList(), ct);
        return Shown(found, visible);
    }

    internal static List<DuplicateCandidate> Score(MatchRecord record, IEnumerable<Candidate> candidates)
    {
        var found = new List<DuplicateCandidate>();
        foreach (var c in candidates)
        {
            // Most candidates are strangers: the score alone, without reasons, says so without allocating.
            if (PersonMatcher.LevelOf(Math.Round(PersonMatcher.Score(record, c.Record), 2)) == MatchLevel.None)
            {
                continue;
            }
            var result = PersonMatcher.Compare(record, c.Record);
            if (result.Level != MatchLevel.None)
            {
                found.Add(new DuplicateCandidate(c.Record.Id, c.RegistrationNumber, c.Name, c.LatinName, c.CyrillicName, c.Record.Sex, c.Record.BirthDate,
                    c.Record.BirthDatePrecision, result.Score, result.Level, result.Reasons.Where(r => r.Text.Length > 0).Select(r => r.Text).ToList()));
            }
        }
        return found;
    }

    internal static DuplicateReport Shown(List<DuplicateCandidate> found, IReadOnlySet<Guid>? visible)
    {
        var shown = found.Where(c => visible?.Contains(c.PersonId) != false).OrderByDescending(c => c.Score).Take(20).ToList();
        return new DuplicateReport(shown, found.Count(c => visible?.Contains(c.PersonId) == false));
    }

    /// <summary>Which of these people the user may see; null when they see everyone.</summary>
    internal async Task<IReadOnlySet<Guid>?> VisibleAsync(List<Guid> ids, CancellationToken ct)
    {
        if (!user.IsScopedToOrganisation)
        {
            return null;
        }
        var visible = new HashSet<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(1000))
        {
            visible.UnionWith(await scope.Persons.Where(p => chunk.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct));
        }
        return visible;
    }

    /// <summary>The candidates as their own row gives them: without documents and household, for a first look.</summary>
    internal static async Task<List<Candidate>> LoadPeopleAsync(PanaDb db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var people = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
            .Select(p => new
            {
                p.Id,
                p.RegistrationNumber,
                p.GivenName,
                p.FamilyName,
                p.Patronymic,
                p.LatinName,
                p.CyrillicName,
                p.Sex,
                p.BirthDate,
                p.BirthDatePrecision,
                p.OriginCode,
                p.PhoneDigits,
                p.HouseholdId,
            })
            .ToListAsync(ct);
        return people.Select(p => new Candidate(
            new MatchRecord(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.OriginCode, [],
                p.PhoneDigits.Length == 0 ? null : p.PhoneDigits, []),
            p.RegistrationNumber, FullName(p.GivenName, p.Patronymic, p.FamilyName), p.LatinName, p.CyrillicName, p.HouseholdId)).ToList();
    }

    /// <summary>The candidates with their documents and their households' given names read.</summary>
    internal static async Task<List<Candidate>> CompleteAsync(PanaDb db, IReadOnlyList<Candidate> people, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return [];
        }
        var found = people.Select(p => p.Record.Id).ToList();
        var documents = (await db.PersonDocuments.AsNoTracking().Where(d => found.Contains(d.PersonId)).Select(d => new { d.PersonId, d.NumberKey }).ToListAsync(ct))
            .ToLookup(d => d.PersonId, d => d.NumberKey);
        return await WithHouseholdsAsync(db, people.Select(p => p with { Record = p.Record with { DocumentKeys = documents[p.Record.Id].ToList() } }).ToList(), ct);
    }

    /// <summary>The candidates with their households' given names read.</summary>
    private static async Task<List<Candidate>> WithHouseholdsAsync(PanaDb db, IReadOnlyList<Candidate> people, CancellationToken ct)
    {
        if (people.Count == 0)
        {
            return [];
        }
        var households = people.Where(p => p.HouseholdId != null).Select(p => p.HouseholdId).Distinct().ToList();
        var members = households.Count == 0 ? [] : await db.Persons.AsNoTracking().Where(p => households.Contains(p.HouseholdId) && p.MergedIntoId == null)
            .Select(p => new { p.HouseholdId, p.Id, p.GivenName }).ToListAsync(ct);
        var byHousehold = members.ToLookup(m => m.HouseholdId);
        return people.Select(p => p with
        {
            Record = p.Record with
            {
                HouseholdGivenNames = p.HouseholdId is null ? [] : byHousehold[p.HouseholdId].Where(m => m.Id != p.Record.Id).Select(m => m.GivenName).ToList(),
            },
        }).ToList();
    }

    internal static string FullName(string given, string patronymic, string family) =>
        string.Join(' ', new[] { given, patronymic, family }.Where(n => n.Length > 0));

    /// <summary>The registration's document numbers worth looking up: four characters or more.</summary>
    internal static List<string> DocumentKeys(MatchRecord r) => r.DocumentKeys.Where(k => k.Length >= 4).Distinct().ToList();

    /// <summary>The registration's phone digits worth looking up: six or more.</summary>
    internal static string? Phone(MatchRecord r) => r.PhoneDigits is { Length: >= 6 } phone ? phone : null;
}

/// <summary>A person compared with a registration: as the matcher sees them, and what a reviewer is shown.</summary>
internal sealed record Candidate(MatchRecord Record, string RegistrationNumber, string Name, string LatinName, string CyrillicName, Guid? HouseholdId = null);

public sealed record DuplicateCandidate(Guid PersonId, string RegistrationNumber, string Name, string LatinName, string CyrillicName, Sex Sex,
    DateOnly? BirthDate, DatePrecision BirthDatePrecision, double Score, MatchLevel Level, IReadOnlyList<string> Reasons);

/// <summary>Candidates the user may see, and how many more exist outside their organisation's records.</summary>
public sealed record DuplicateReport(IReadOnlyList<DuplicateCandidate> Candidates, int HiddenOutsideScope)
{
    public bool Any => Candidates.Count > 0 || HiddenOutsideScope > 0;
}
