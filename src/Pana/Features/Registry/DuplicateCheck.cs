using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry.Names;

namespace Pana.Features.Registry;

/// <summary>
/// Finds people already in the registry who may be the person about to be registered: names that agree
/// in any script, order or transliteration, dates of birth that agree allowing for guessed dates and
/// swapped day and month, the same document number or phone. Says why each candidate matches.
/// </summary>
public sealed class DuplicateCheck(PanaDb db, PersonScope scope)
{
    private const int MaxCandidates = 200;

    public async Task<DuplicateReport> FindAsync(PersonDetails d, IEnumerable<DocumentEntry>? documents, CancellationToken ct, IReadOnlyCollection<Guid>? exclude = null)
    {
        var given = NameScripts.Keys(d.GivenName).Concat(NameScripts.Keys(NameScripts.ToLatin(d.GivenName))).Distinct().ToList();
        var family = NameScripts.Keys(d.FamilyName).Concat(NameScripts.Keys(NameScripts.ToLatin(d.FamilyName))).Distinct().ToList();
        var keys = given.Concat(family).Distinct().ToList();
        var phone = PersonRules.Digits(d.Phone);
        var docKeys = (documents ?? []).Select(x => PersonRules.DocumentKey(x.Number)).Where(k => k.Length >= 4).ToList();

        // Blocking: only people who share a name word, a document number or a phone are compared at all.
        var byName = await db.PersonNameKeys.Where(k => keys.Contains(k.Key)).Select(k => k.PersonId).Distinct().Take(MaxCandidates * 5).ToListAsync(ct);
        var byDocument = docKeys.Count == 0 ? [] : await db.PersonDocuments.Where(x => docKeys.Contains(x.NumberKey)).Select(x => x.PersonId).ToListAsync(ct);
        var byPhone = phone.Length < 6 ? [] : await db.Persons.Where(p => p.PhoneDigits == phone).Select(p => p.Id).ToListAsync(ct);
        var ids = byName.Concat(byDocument).Concat(byPhone).Distinct().Where(id => exclude?.Contains(id) != true).ToList();
        if (ids.Count == 0)
        {
            return new DuplicateReport([], 0);
        }
        var people = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id) && p.MergedIntoId == null)
            .Select(p => new { p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.CyrillicName, p.Sex, p.BirthDate, p.BirthDatePrecision, p.PhoneDigits, p.OriginCode })
            .ToListAsync(ct);
        var nameKeys = (await db.PersonNameKeys.Where(k => ids.Contains(k.PersonId)).ToListAsync(ct)).ToLookup(k => k.PersonId, k => k.Key);
        var docs = (await db.PersonDocuments.Where(x => ids.Contains(x.PersonId)).Select(x => new { x.PersonId, x.NumberKey }).ToListAsync(ct)).ToLookup(x => x.PersonId, x => x.NumberKey);

        var candidates = new List<DuplicateCandidate>();
        foreach (var p in people)
        {
            var reasons = new List<string>();
            var score = 0;
            var theirs = nameKeys[p.Id].ToHashSet();
            var givenAgrees = given.Any(theirs.Contains);
            var familyAgrees = family.Any(theirs.Contains);
            if (givenAgrees && familyAgrees)
            {
                score += 40;
                reasons.Add(UiText.Key("Given and family names agree (in any script or order)"));
            }
            else if (givenAgrees || familyAgrees)
            {
                score += 15;
                reasons.Add(givenAgrees ? UiText.Key("Given name agrees") : UiText.Key("Family name agrees"));
            }
            var (dateScore, dateReason) = CompareBirth(d.BirthDate, d.BirthDatePrecision, p.BirthDate, p.BirthDatePrecision);
            score += dateScore;
            if (dateReason is not null)
            {
                reasons.Add(dateReason);
            }
            if (d.Sex != Sex.Unknown && p.Sex != Sex.Unknown)
            {
                score += d.Sex == p.Sex ? 5 : -25;
                if (d.Sex != p.Sex)
                {
                    reasons.Add(UiText.Key("Sex differs"));
                }
            }
            if (docKeys.Any(k => docs[p.Id].Contains(k)))
            {
                score += 50;
                reasons.Add(UiText.Key("Same document number"));
            }
            if (phone.Length >= 6 && p.PhoneDigits == phone)
            {
                score += 20;
                reasons.Add(UiText.Key("Same phone number"));
            }
            var level = score >= 85 ? MatchLevel.Certain : score >= 60 ? MatchLevel.Probable : score >= 40 ? MatchLevel.Possible : (MatchLevel?)null;
            if (level is { } l)
            {
                candidates.Add(new DuplicateCandidate(p.Id, p.RegistrationNumber, string.Join(' ', new[] { p.GivenName, p.Patronymic, p.FamilyName }.Where(n => n.Length > 0)),
                    p.LatinName, p.CyrillicName, p.Sex, p.BirthDate, p.BirthDatePrecision, score, l, reasons));
            }
        }
        // A partner caseworker learns that matches exist outside their records, not who they are.
        var visible = await scope.Persons.Where(p => ids.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var shown = candidates.Where(c => visible.Contains(c.PersonId)).OrderByDescending(c => c.Score).Take(20).ToList();
        return new DuplicateReport(shown, candidates.Count - candidates.Count(c => visible.Contains(c.PersonId)));
    }

    private static (int, string?) CompareBirth(DateOnly? a, DatePrecision pa, DateOnly? b, DatePrecision pb)
    {
        if (a is not { } x || b is not { } y)
        {
            return (0, null);
        }
        if (x == y && pa == DatePrecision.Exact && pb == DatePrecision.Exact)
        {
            return (35, UiText.Key("Same date of birth"));
        }
        if (x.Year == y.Year && x.Month == y.Day && x.Day == y.Month)
        {
            return (30, UiText.Key("Date of birth with day and month swapped"));
        }
        // 1 January, or a date known to the year only, is how an unknown date gets guessed.
        var guessed = pa != DatePrecision.Exact || pb != DatePrecision.Exact || (x.Month == 1 && x.Day == 1) || (y.Month == 1 && y.Day == 1);
        if (x.Year == y.Year)
        {
            return guessed ? (25, UiText.Key("Same year of birth, one date guessed")) : (10, UiText.Key("Same year of birth"));
        }
        if (Math.Abs(x.Year - y.Year) == 1)
        {
            return (10, UiText.Key("Year of birth one apart"));
        }
        return (-20, UiText.Key("Dates of birth differ"));
    }
}

public enum MatchLevel { Possible, Probable, Certain }

public sealed record DuplicateCandidate(Guid PersonId, string RegistrationNumber, string Name, string LatinName, string CyrillicName, Sex Sex,
    DateOnly? BirthDate, DatePrecision BirthDatePrecision, int Score, MatchLevel Level, IReadOnlyList<string> Reasons);

/// <summary>Candidates the user may see, and how many more exist outside their organisation's records.</summary>
public sealed record DuplicateReport(IReadOnlyList<DuplicateCandidate> Candidates, int HiddenOutsideScope)
{
    public bool Any => Candidates.Count > 0 || HiddenOutsideScope > 0;
}
