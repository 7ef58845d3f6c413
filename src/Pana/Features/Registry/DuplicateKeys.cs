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

    public static List<string> Of(string? given, string? family, DateOnly? birth, DatePrecision precision)
    {
        var keys = new List<string>(6);
        var g = Words(given);
        var f = Words(family);
        foreach (var x in g)
        {
            foreach (var y in f)
            {
                keys.Add(string.CompareOrdinal(x, y) <= 0 ? $"{NamePair}{x}|{y}" : $"{NamePair}{y}|{x}");
            }
        }
        if (g.Count == 0 || f.Count == 0)
        {
            // Only one name: it stands alone (it meets records of the one name, and every record by the year below).
            keys.AddRange(g.Concat(f).Select(w => "o:" + w));
        }
        if (birth is { } b && precision != DatePrecision.Unknown)
        {
            keys.AddRange(g.Concat(f).Distinct().Select(w => $"y:{w}:{b.Year}"));
        }
        return keys.Distinct().ToList();
    }

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

    public static IEnumerable<PersonMatchKey> Rows(Person p) => Of(p).Select(k => new PersonMatchKey { Key = k, PersonId = p.Id });

    /// <summary>Brings a person's stored keys in step with their names and date of birth (a new person has none yet).</summary>
    public static async Task WriteAsync(PanaDb db, Person p, bool isNew, CancellationToken ct)
    {
        var wanted = Of(p).ToHashSet(StringComparer.Ordinal);
        var existing = isNew ? [] : await db.PersonMatchKeys.Where(k => k.PersonId == p.Id).ToListAsync(ct);
        db.PersonMatchKeys.RemoveRange(existing.Where(k => !wanted.Contains(k.Key)));
        db.PersonMatchKeys.AddRange(wanted.Except(existing.Select(k => k.Key)).Select(k => new PersonMatchKey { PersonId = p.Id, Key = k }));
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
        db.PersonMatchKeys.AddRange(moved.Where(k => !keptKeys.Contains(k.Key)).Select(k => new PersonMatchKey { PersonId = kept, Key = k.Key }));
    }

    /// <summary>
    /// Fills the keys of a registry that has people but no keys yet: once, after the migration MatchKeys created the
    /// table (folding names takes .NET code, so no SQL step can). Run by "migrate" and at start-up; a page of people at a time.
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
                    return done;
                }
                db.PersonMatchKeys.AddRange(page.SelectMany(p => Of(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision)
                    .Select(k => new PersonMatchKey { PersonId = p.Id, Key = k })));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                done += page.Count;
                after = page[^1].Id;
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
