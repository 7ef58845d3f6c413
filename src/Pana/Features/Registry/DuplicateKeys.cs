using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Matching;

namespace Pana.Features.Registry;

/// <summary>
/// The keys on which a registration is checked for duplicates (<see cref="PersonMatchKey"/>): the two name words
/// together, and each name word with the year of birth. Words are folded as the matcher folds them, whatever the
/// script and transliteration, and given and family names alike, so a record with the two swapped has the same keys.
/// A guessed date (1 January, a year alone) and a year off by one still meet through the two names; a typo in one
/// name through the other name and the year. Each key is shared by tens of people, where one name word alone (Muhammad,
/// Ivanov) is shared by tens of thousands. A document number and a phone are looked up in their own indexed columns.
/// </summary>
public static class DuplicateKeys
{
    // "n:" + two words + "|" fit the key's 100 characters.
    private const int MaxWord = 45;

    /// <summary>How a key of the two names together starts.</summary>
    public const string NamePair = "n:";

    /// <summary>The keys of a person as stored.</summary>
    public static List<string> Of(Person p) => Of(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision);

    /// <summary>The keys of a person about to be registered.</summary>
    public static List<string> Of(PersonDetails d) => Of(d.GivenName, d.FamilyName, d.BirthDate, d.BirthDatePrecision);

    public static List<string> Of(string? given, string? family, DateOnly? birth, DatePrecision precision) =>
        Entries(given, family, birth, precision).Select(e => e.Key).ToList();

    /// <summary>The keys with, for a key of one name and the year, the other name's word (empty for the other keys).</summary>
    public static List<(string Key, string Other)> Entries(string? given, string? family, DateOnly? birth, DatePrecision precision)
    {
        var keys = new List<(string Key, string Other)>(6);
        var g = Words(given);
        var f = Words(family);
        foreach (var x in g)
        {
            foreach (var y in f)
            {
                keys.Add((string.CompareOrdinal(x, y) <= 0 ? $"{NamePair}{x}|{y}" : $"{NamePair}{y}|{x}", ""));
            }
        }
        if (g.Count == 0 || f.Count == 0)
        {
            // Only one name: it stands alone (it meets records of the one name, and every record by the year below).
            keys.AddRange(g.Concat(f).Select(w => ("o:" + w, "")));
        }
        if (birth is { } b && precision != DatePrecision.Unknown)
        {
            keys.AddRange(g.Select(w => ($"{YearKey}{w}:{b.Year}", f.FirstOrDefault() ?? "")));
            keys.AddRange(f.Select(w => ($"{YearKey}{w}:{b.Year}", g.FirstOrDefault() ?? "")));
        }
        return keys.DistinctBy(k => k.Key).ToList();
    }

    /// <summary>How a key of one name word with the year of birth starts.</summary>
    public const string YearKey = "y:";

    /// <summary>
    /// Whether a candidate who shares only a name-and-year key may agree on the other name too: the words alike enough
    /// for the matcher to call them a typo or a variant, or one of them unknown.
    /// </summary>
    private static bool OthersMayAgree(string mine, string theirs) =>
        mine.Length == 0 || theirs.Length == 0 || FoldedNames.MayAgree(mine, theirs);

    /// <summary>Candidates compared per registration at most, and of them those sharing one name and the year but not the other name.</summary>
    public const int MaxCandidates = 100;

    public const int MaxUnlike = 20;

    /// <summary>The year of birth a key row carries: none when the date is not known.</summary>
    public static int? YearOf(DateOnly? birth, DatePrecision precision) => birth is { } b && precision != DatePrecision.Unknown ? b.Year : null;

    // Years of birth this close count as near: a year off by one, a year guessed from an age.
    private const int NearYears = 2;

    /// <summary>
    /// The people worth comparing with a registration, from the stored keys it shares with them: those sharing the most
    /// first (both names together count double, as strangers share one name and a year more often: Ivanov born 1985).
    /// Those who share both names but were born years apart, and those who share one name and the year but whose other
    /// name is nothing like it (a name changed by marriage, or a stranger), are unlikely: a few of them are compared,
    /// the nearest first. The registration check and the import rank alike.
    /// </summary>
    /// <param name="mine">The registration's keys.</param>
    /// <param name="year">The registration's year of birth, when known.</param>
    /// <param name="shared">The stored key rows the registration shares.</param>
    /// <param name="reaching">
    /// A score that matters (an import holds a row back only at the probable level of a registry of its size): people
    /// who share only both names, born in years whose dates cannot let them reach it, are passed over. Documents and
    /// phones are looked up on their own, so whoever shares one is compared anyway.
    /// </param>
    public static List<Guid> Rank(IReadOnlyList<(string Key, string Other)> mine, int? year, IEnumerable<(string Key, Guid PersonId, string Other, int? Year)> shared,
        double? reaching = null)
    {
        var others = mine.ToDictionary(e => e.Key, e => e.Other, StringComparer.Ordinal);
        // An import ranks thousands of people for a common name on every row: the tally and the sorted list are the thread's, reused.
        var found = tallies ??= [];
        found.Clear();
        foreach (var (key, person, other, theirs) in shared)
        {
            ref var t = ref CollectionsMarshal.GetValueRefOrAddDefault(found, person, out var seen);
            if (!seen)
            {
                t.Distance = int.MaxValue;
            }
            // A person's keys share one year, but a merged duplicate's keys, moved to the person kept, carry the duplicate's: the nearest counts.
            t.Distance = Math.Min(t.Distance, year is { } y && theirs is { } their ? Math.Abs(y - their) : 1);
            t.CanReach |= reaching is not { } score || year is not { } mineYear || theirs is not { } theirYear || PersonMatcher.MayReach(mineYear, theirYear, score);
            if (key.StartsWith(NamePair, StringComparison.Ordinal))
            {
                // Both names count once, however many readings of them meet (Raxim and Rahim).
                t.Weight += t.Namesake ? 0 : 2;
                t.Namesake = true;
                t.Likely |= t.Distance <= NearYears;
            }
            else
            {
                t.Weight++;
                t.Likely |= !key.StartsWith(YearKey, StringComparison.Ordinal) || others.TryGetValue(key, out var own) && OthersMayAgree(own, other);
            }
        }
        var ranked = sorted ??= [];
        ranked.Clear();
        foreach (var (person, t) in found)
        {
            ranked.Add((person, t));
        }
        // Most keys shared first, the likely before the unlikely, the nearest years, then by id: one order, whatever the order read.
        ranked.Sort(static (a, b) => b.Tally.Weight != a.Tally.Weight ? b.Tally.Weight.CompareTo(a.Tally.Weight)
            : b.Tally.Likely != a.Tally.Likely ? b.Tally.Likely.CompareTo(a.Tally.Likely)
            : a.Tally.Distance != b.Tally.Distance ? a.Tally.Distance.CompareTo(b.Tally.Distance)
            : a.Person.CompareTo(b.Person));
        // Namesakes born years apart and strangers of one name each have their few places: neither crowds out the other (a maiden name).
        var (farNamesakes, unlike) = (0, 0);
        var chosen = new List<Guid>(Math.Min(MaxCandidates, ranked.Count));
        foreach (var (person, t) in ranked)
        {
            if (chosen.Count == MaxCandidates)
            {
                break;
            }
            if ((t.Weight > 2 || t.CanReach || !t.Namesake) && (t.Likely || t.Weight > 2 || (t.Namesake ? ++farNamesakes : ++unlike) <= MaxUnlike))
            {
                chosen.Add(person);
            }
        }
        // Cleared on the next call; a tally that a name shared by a multitude grew is not kept for the thread's life.
        if (found.EnsureCapacity(0) > KeptTally)
        {
            (tallies, sorted) = (null, null);
        }
        return chosen;
    }

    private const int KeptTally = 65_536;

    private struct Tally
    {
        public int Weight;
        public bool Likely;
        public int Distance;
        public bool Namesake;
        public bool CanReach;
    }

    [ThreadStatic] private static Dictionary<Guid, Tally>? tallies;
    [ThreadStatic] private static List<(Guid Person, Tally Tally)>? sorted;

    /// <summary>The principal word of a name folded as a family name (Мухаммад Насир → nasir), and its second reading if its spelling has one.</summary>
    private static List<string> Words(string? name)
    {
        if (FoldedNames.Principal(name) is not { } word)
        {
            return [];
        }
        var words = new List<string>(2) { Cut(word.Key) };
        if (word.Alt is { } alt && alt != word.Key)
        {
            words.Add(Cut(alt));
        }
        return words;
    }

    private static string Cut(string word) => word.Length <= MaxWord ? word : word[..MaxWord];

    public static IEnumerable<PersonMatchKey> Rows(Person p) => Entries(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision)
        .Select(k => new PersonMatchKey { Key = k.Key, Other = k.Other, PersonId = p.Id, Year = YearOf(p.BirthDate, p.BirthDatePrecision) });

    /// <summary>Brings a person's stored keys in step with their names and date of birth (a new person has none yet).</summary>
    public static async Task WriteAsync(PanaDb db, Person p, bool isNew, CancellationToken ct)
    {
        var wanted = Entries(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision).ToDictionary(e => e.Key, e => e.Other, StringComparer.Ordinal);
        var year = YearOf(p.BirthDate, p.BirthDatePrecision);
        var existing = isNew ? [] : await db.PersonMatchKeys.Where(k => k.PersonId == p.Id).ToListAsync(ct);
        db.PersonMatchKeys.RemoveRange(existing.Where(k => !wanted.ContainsKey(k.Key)));
        foreach (var k in existing.Where(k => wanted.TryGetValue(k.Key, out var other) && (other != k.Other || year != k.Year)))
        {
            k.Other = wanted[k.Key];
            k.Year = year;
        }
        db.PersonMatchKeys.AddRange(wanted.Where(w => !existing.Any(k => k.Key == w.Key)).Select(w => new PersonMatchKey { PersonId = p.Id, Key = w.Key, Other = w.Value, Year = year }));
    }

    /// <summary>
    /// Moves a merged duplicate's keys to the person kept, so a registration like the duplicate still finds them
    /// (as its search keys move); a later edit of the kept person writes their own keys again.
    /// </summary>
    public static async Task MoveAsync(PanaDb db, Guid duplicate, Guid kept, CancellationToken ct)
    {
        var keptKeys = (await db.PersonMatchKeys.Where(k => k.PersonId == kept).Select(k => k.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var moved = await db.PersonMatchKeys.Where(k => k.PersonId == duplicate).ToListAsync(ct);
        db.PersonMatchKeys.RemoveRange(moved);
        db.PersonMatchKeys.AddRange(moved.Where(k => !keptKeys.Contains(k.Key)).Select(k => new PersonMatchKey { PersonId = kept, Key = k.Key, Other = k.Other, Year = k.Year }));
    }

    /// <summary>
    /// Fills the keys of a registry that has people but no keys yet: after the migration MatchKeys created the table, and
    /// after MatchKeyOthers emptied it to write them again with their other words (folding names takes .NET code, so no
    /// SQL step can). A merged person's keys go to the person kept, as a merge moves them. Run by "migrate" and at
    /// start-up; a page of people at a time.
    /// </summary>
    public static async Task<int> BackfillAsync(PanaDb db, CancellationToken ct)
    {
        if (await db.PersonMatchKeys.AnyAsync(ct) || !await db.Persons.AnyAsync(ct))
        {
            return 0;
        }
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var done = 0;
        var after = Guid.Empty;
        try
        {
            while (true)
            {
                var page = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null && p.Id.CompareTo(after) > 0).OrderBy(p => p.Id).Take(5000)
                    .Select(p => new { p.Id, p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision }).ToListAsync(ct);
                if (page.Count == 0)
                {
                    break;
                }
                db.PersonMatchKeys.AddRange(page.SelectMany(p => Entries(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision)
                    .Select(k => new PersonMatchKey { PersonId = p.Id, Key = k.Key, Other = k.Other, Year = YearOf(p.BirthDate, p.BirthDatePrecision) })));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += page.Count;
                after = page[^1].Id;
            }
            var merged = await db.Persons.AsNoTracking().Where(p => p.MergedIntoId != null)
                .Select(p => new { Kept = p.MergedIntoId!.Value, p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision }).ToListAsync(ct);
            foreach (var kept in merged.GroupBy(m => m.Kept))
            {
                var has = (await db.PersonMatchKeys.Where(k => k.PersonId == kept.Key).Select(k => k.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                db.PersonMatchKeys.AddRange(kept.SelectMany(m => Entries(m.GivenName, m.FamilyName, m.BirthDate, m.BirthDatePrecision)
                        .Select(k => new PersonMatchKey { PersonId = kept.Key, Key = k.Key, Other = k.Other, Year = YearOf(m.BirthDate, m.BirthDatePrecision) }))
                    .Where(k => has.Add(k.Key)));
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            return done;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
