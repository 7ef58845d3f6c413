using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Matching;
using Pana.Features.Registry.Names;

namespace Pana.Features.Registry;

/// <summary>
/// Finds people already in the registry who may be the person about to be registered. Candidates come
/// from the database by a shared name key, document number or phone; the matching engine
/// (<see cref="PersonMatcher"/>) scores each and says what agreed and what did not.
/// </summary>
public sealed class DuplicateCheck(PanaDb db, PersonScope scope)
{
    private const int MaxCandidates = 1000;

    public async Task<DuplicateReport> FindAsync(PersonDetails d, IEnumerable<DocumentEntry>? documents, CancellationToken ct, IReadOnlyCollection<Guid>? exclude = null)
    {
        var record = MatchRecords.Of(d, documents);
        var keys = new[] { d.GivenName, d.FamilyName, NameScripts.ToLatin(d.GivenName ?? ""), NameScripts.ToLatin(d.FamilyName ?? "") }
            .SelectMany(NameScripts.Keys).Distinct().ToList();
        // Blocking: only people who share a name word, a document number or a phone are compared at all.
        var byName = await db.PersonNameKeys.Where(k => keys.Contains(k.Key)).Select(k => k.PersonId).Distinct().Take(MaxCandidates).ToListAsync(ct);
        var docKeys = record.DocumentKeys.Where(k => k.Length >= 4).ToList();
        var byDocument = docKeys.Count == 0 ? [] : await db.PersonDocuments.Where(x => docKeys.Contains(x.NumberKey)).Select(x => x.PersonId).ToListAsync(ct);
        var phone = record.PhoneDigits ?? "";
        var byPhone = phone.Length < 6 ? [] : await db.Persons.Where(p => p.PhoneDigits == phone).Select(p => p.Id).ToListAsync(ct);
        var ids = byName.Concat(byDocument).Concat(byPhone).Distinct().Where(id => exclude?.Contains(id) != true).ToList();
        if (ids.Count == 0)
        {
            return new DuplicateReport([], 0);
        }
        var candidates = new List<DuplicateCandidate>();
        var people = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.CyrillicName, p.Sex, p.BirthDate, p.BirthDatePrecision })
            .ToDictionaryAsync(p => p.Id, ct);
        foreach (var other in await MatchRecords.ByIdsAsync(db, people.Keys.ToList(), ct))
        {
            var result = PersonMatcher.Compare(record, other);
            if (result.Level == MatchLevel.None)
            {
                continue;
            }
            var p = people[other.Id];
            candidates.Add(new DuplicateCandidate(p.Id, p.RegistrationNumber, string.Join(' ', new[] { p.GivenName, p.Patronymic, p.FamilyName }.Where(n => n.Length > 0)),
                p.LatinName, p.CyrillicName, p.Sex, p.BirthDate, p.BirthDatePrecision, result.Score, result.Level,
                result.Reasons.Where(r => r.Text.Length > 0).Select(r => r.Text).ToList()));
        }
        // A partner caseworker learns that matches exist outside their records, not who they are.
        var visible = await scope.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var shown = candidates.Where(c => visible.Contains(c.PersonId)).OrderByDescending(c => c.Score).Take(20).ToList();
        return new DuplicateReport(shown, candidates.Count(c => !visible.Contains(c.PersonId)));
    }
}

public sealed record DuplicateCandidate(Guid PersonId, string RegistrationNumber, string Name, string LatinName, string CyrillicName, Sex Sex,
    DateOnly? BirthDate, DatePrecision BirthDatePrecision, double Score, MatchLevel Level, IReadOnlyList<string> Reasons);

/// <summary>Candidates the user may see, and how many more exist outside their organisation's records.</summary>
public sealed record DuplicateReport(IReadOnlyList<DuplicateCandidate> Candidates, int HiddenOutsideScope)
{
    public bool Any => Candidates.Count > 0 || HiddenOutsideScope > 0;
}
