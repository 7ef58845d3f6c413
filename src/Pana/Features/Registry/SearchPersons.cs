using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry.Names;

namespace Pana.Features.Registry;

/// <summary>
/// Finds people by any name in any script or transliteration, registration number, document number,
/// phone, date or year of birth; filters by operation, region, current population type, origin, open
/// need and age band; pages and sorts. Shared by the search page, the API and the export.
/// </summary>
public sealed partial class SearchPersons(PanaDb db, PersonScope scope, TimeProvider clock)
{
    public sealed record Filter(string? Q = null, string? Operation = null, string? Region = null, string? PopulationType = null,
        string? Origin = null, string? Need = null, AgeBand? AgeBand = null, PersonSort Sort = PersonSort.Name, bool Descending = false,
        int Page = 1, int PageSize = 25);

    public sealed record Row(Guid Id, string RegistrationNumber, string GivenName, string FamilyName, string Patronymic, string LatinName,
        string CyrillicName, Sex Sex, DateOnly? BirthDate, DatePrecision BirthDatePrecision, string? OriginCode, string OperationCode,
        string? RegionCode, string? PopulationTypeCode, string? HouseholdNumber);

    /// <summary>
    /// One page of matches. Total counts at most <see cref="CountLimit"/>; Capped says there are more, so that a common
    /// name costs a page, not a count of tens of thousands.
    /// </summary>
    public sealed record Result(List<Row> Items, int Total, bool Capped, int Page, int PageSize)
    {
        public int Pages => (Total + PageSize - 1) / PageSize;
    }

    public const int CountLimit = 1000;

    private const int KeysPerPerson = 8;

    /// <summary>How far a word's keys are counted to find the rarest word; past it, every word is as common.</summary>
    private const int RarestWordLimit = 20_000;

    /// <summary>How many keys of a word's range are named one by one; past it, the range is read as a range.</summary>
    private const int NamedKeysLimit = 16;

    /// <summary>
    /// How many keys the driving word needs before another word is listed rather than sought; see ListedWordsAsync.
    /// Settable so that tests take both ways on a small registry.
    /// </summary>
    internal static int ListedWordLeast { get; set; } = 1000;

    /// <summary>How many times the driving word's keys another word may have and still be listed.</summary>
    private const int ListedWordRatio = 8;

    public async Task<Result> HandleAsync(Filter f, CancellationToken ct = default)
    {
        var (matches, ordered, ids) = await QueryAsync(f, ct);
        var size = Math.Clamp(f.PageSize, 1, 200);
        var page = Math.Max(1, f.Page);
        if (ids is not null && page * size <= CountLimit)
        {
            // One pass of the intersection gives both the count and the page, instead of one pass for each.
            var first = await ids.Take(CountLimit + 1).ToListAsync(ct);
            var wanted = first.Skip((page - 1) * size).Take(size).ToList();
            var rows = wanted.Count == 0 ? [] : await Project(scope.Persons.AsNoTracking().Where(p => wanted.Contains(p.Id))).ToListAsync(ct);
            return new Result([.. rows.OrderBy(r => wanted.IndexOf(r.Id))], Math.Min(first.Count, CountLimit), first.Count > CountLimit, page, size);
        }
        var found = await matches(ct);
        var items = found == 0 ? [] : await Project(ordered).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Result(items, Math.Min(found, CountLimit), found > CountLimit, page, size);
    }

    /// <summary>Every match in order, streamed, for the export.</summary>
    public async IAsyncEnumerable<Row> StreamAsync(Filter f, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var (_, ordered, _) = await QueryAsync(f, ct);
        await foreach (var row in Project(ordered).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The matches, and the same in the order asked for. Name words are read from the name key index: the rarest
    /// word's keys drive, each person once (at their first key in that word's range), the other words are sought by
    /// person. Sorted by name, the people come in the order of the index (the matching word, then the full Latin
    /// name), so a page of a common name is read without sorting every match.
    /// </summary>
    private async Task<(Func<CancellationToken, Task<int>> Count, IQueryable<Person> Ordered, IQueryable<Guid>? Ids)> QueryAsync(Filter f, CancellationToken ct)
    {
        var (people, narrowed) = Filtered(f);
        var words = Terms(f.Q).Select(NameKey).OfType<KeyRange>().Distinct().ToList();
        if (words.Count == 0)
        {
            return (c => people.Take(CountLimit + 1).CountAsync(c), Sort(people, f), null);
        }
        var counts = new Dictionary<KeyRange, int>();
        var capped = new HashSet<KeyRange>();
        if (words.Count > 1)
        {
            // Counted up to the rarest so far, not to CountLimit: names have thousands of keys, so that cap made every word tie and the first drive.
            var rarest = RarestWordLimit;
            foreach (var w in words)
            {
                counts[w] = await CountKeysAsync(w, rarest + 1, ct);
                if (counts[w] > rarest)
                {
                    capped.Add(w);
                }
                rarest = Math.Min(rarest, counts[w]);
            }
            words = [.. words.OrderBy(w => counts[w])];
        }
        var (low, high) = words[0];
        var listed = await ListedWordsAsync(words, counts, capped, ct);
        var keys = KeysOfPeopleIn(listed).Where(k => k.Key.CompareTo(low) >= 0 && k.Key.CompareTo(high) < 0);
        // Under a single key a person has one row, so the seek for their first key in the range is only needed past it.
        if (words.Count == 1 || await SpansKeysAsync(words[0], ct))
        {
            keys = keys.Where(k => !db.PersonNameKeys.Any(e => e.PersonId == k.PersonId && e.Key.CompareTo(low) >= 0 && e.Key.CompareTo(k.Key) < 0));
        }
        foreach (var (also, below) in words.Skip(1).Except(listed))
        {
            if (await SpansKeysAsync(new KeyRange(also, below), ct))
            {
                // PostgreSQL guesses a prefix range holds one row and scans it per person, so it gets the range's few keys by name.
                keys = db.IsPostgres && await KeysInAsync(new KeyRange(also, below), ct) is { } named
                    ? keys.Where(k => db.PersonNameKeys.Any(e => named.Contains(e.Key) && e.SortName == k.SortName && e.PersonId == k.PersonId))
                    : keys.Where(k => db.PersonNameKeys.Any(e => e.PersonId == k.PersonId && e.Key.CompareTo(also) >= 0 && e.Key.CompareTo(below) < 0));
            }
            else
            {
                // One key: sought by the whole key (a person's rows share one sort name), whose rows for that key lie together, in the
                // order the first word's rows are read, and stay cached, not across the whole index.
                keys = keys.Where(k => db.PersonNameKeys.Any(e => e.Key == also && e.SortName == k.SortName && e.PersonId == k.PersonId));
            }
        }
        var hits = from k in keys join p in people on k.PersonId equals p.Id select new KeyHit { Key = k, Person = p };
        var matches = hits.Select(h => h.Person);
        var ordered = (f.Sort, f.Descending) switch
        {
            (PersonSort.Name, false) => hits.OrderBy(h => h.Key.Key).ThenBy(h => h.Key.SortName).ThenBy(h => h.Key.PersonId).Select(h => h.Person),
            (PersonSort.Name, true) => hits.OrderByDescending(h => h.Key.Key).ThenByDescending(h => h.Key.SortName).ThenByDescending(h => h.Key.PersonId)
                .Select(h => h.Person),
            _ => Sort(matches, f),
        };
        if (words.Count > 1 && f.Sort == PersonSort.Name)
        {
            // A merged person's keys move to the person kept, so with nothing else to check the keys alone are read.
            var ids = narrowed || !scope.SeesEveryone ? ordered.Select(p => p.Id)
                : f.Descending ? keys.OrderByDescending(k => k.Key).ThenByDescending(k => k.SortName).ThenByDescending(k => k.PersonId).Select(k => k.PersonId)
                : keys.OrderBy(k => k.Key).ThenBy(k => k.SortName).ThenBy(k => k.PersonId).Select(k => k.PersonId);
            return (c => ids.Take(CountLimit + 1).CountAsync(c), ordered, ids);
        }
        if (narrowed || !scope.SeesEveryone)
        {
            return (c => matches.Take(CountLimit + 1).CountAsync(c), ordered, null);
        }
        if (words.Count > 1)
        {
            return (c => keys.Take(CountLimit + 1).CountAsync(c), ordered, null);
        }
        // One word: its people are the distinct people of a stretch of the index, read in one pass without a
        // seek per key. A person has far fewer than KeysPerPerson keys under one word, so that many rows per
        // person counted reach past the limit.
        var rows = db.PersonNameKeys.Where(k => k.Key.CompareTo(low) >= 0 && k.Key.CompareTo(high) < 0).Select(k => k.PersonId)
            .Take(KeysPerPerson * (CountLimit + 1));
        return (c => rows.Distinct().CountAsync(c), ordered, null);
    }

    /// <summary>
    /// On SQLite, the other words whose people are cheaper to list once than to seek for each of the driving word's keys:
    /// a word of no more than <see cref="ListedWordRatio"/> times the driving word's keys, when that has at least
    /// <see cref="ListedWordLeast"/>. A seek costs several times a row read in order.
    /// </summary>
    private async Task<List<KeyRange>> ListedWordsAsync(List<KeyRange> words, Dictionary<KeyRange, int> counts, HashSet<KeyRange> capped, CancellationToken ct)
    {
        if (db.IsPostgres || words.Count < 2 || counts[words[0]] < ListedWordLeast)
        {
            return [];
        }
        var most = ListedWordRatio * counts[words[0]];
        var listed = new List<KeyRange>();
        foreach (var w in words.Skip(1))
        {
            // A count that stopped at the rarest word's so far is counted on, as far as a list would pay.
            var count = capped.Contains(w) ? await CountKeysAsync(w, most + 1, ct) : counts[w];
            if (count <= most)
            {
                listed.Add(w);
            }
        }
        return listed;
    }

    private Task<int> CountKeysAsync(KeyRange w, int limit, CancellationToken ct) =>
        db.PersonNameKeys.Where(k => k.Key.CompareTo(w.From) >= 0 && k.Key.CompareTo(w.To) < 0).Take(limit).CountAsync(ct);

    /// <summary>
    /// The name keys of the people who have a key in each listed word's range. The unary plus keeps SQLite from
    /// seeking the person index once per listed person: it reads the driving word's keys in order and looks each
    /// person up in the list, which it builds once.
    /// </summary>
    private IQueryable<PersonNameKey> KeysOfPeopleIn(List<KeyRange> listed)
    {
        if (listed.Count == 0)
        {
            return db.PersonNameKeys;
        }
        var sql = new StringBuilder("SELECT * FROM \"PersonNameKeys\" WHERE ");
        var bounds = new List<object>();
        foreach (var (from, to) in listed)
        {
            sql.Append(bounds.Count == 0 ? "" : " AND ")
                .Append(CultureInfo.InvariantCulture, $"+\"PersonId\" IN (SELECT \"PersonId\" FROM \"PersonNameKeys\" WHERE \"Key\" >= {{{bounds.Count}}} AND \"Key\" < {{{bounds.Count + 1}}})");
            bounds.Add(from);
            bounds.Add(to);
        }
        return db.PersonNameKeys.FromSql(FormattableStringFactory.Create(sql.ToString(), [.. bounds]));
    }

    /// <summary>Whether a word's range holds a key past the word itself, so that one person can have several keys in it.</summary>
    private Task<bool> SpansKeysAsync(KeyRange w, CancellationToken ct) =>
        db.PersonNameKeys.AnyAsync(k => k.Key.CompareTo(w.From) > 0 && k.Key.CompareTo(w.To) < 0, ct);

    /// <summary>The distinct keys in a word's range, one index seek each, or null past <see cref="NamedKeysLimit"/>.</summary>
    private async Task<List<string>?> KeysInAsync(KeyRange w, CancellationToken ct)
    {
        var found = new List<string>();
        var after = w.From;
        var next = await db.PersonNameKeys.Where(k => k.Key.CompareTo(w.From) >= 0 && k.Key.CompareTo(w.To) < 0).OrderBy(k => k.Key).Select(k => k.Key).FirstOrDefaultAsync(ct);
        while (next is not null)
        {
            if (found.Count == NamedKeysLimit)
            {
                return null;
            }
            found.Add(next);
            after = next;
            next = await db.PersonNameKeys.Where(k => k.Key.CompareTo(after) > 0 && k.Key.CompareTo(w.To) < 0).OrderBy(k => k.Key).Select(k => k.Key).FirstOrDefaultAsync(ct);
        }
        return found;
    }

    /// <summary>The people in scope that meet the filters and the search's words other than names; narrowed if there were any.</summary>
    private (IQueryable<Person> People, bool Narrowed) Filtered(Filter f)
    {
        var everyone = scope.Persons.AsNoTracking();
        var q = everyone;
        foreach (var term in Terms(f.Q))
        {
            q = Match(q, term);
        }
        var narrowed = !ReferenceEquals(q, everyone) || !string.IsNullOrWhiteSpace(f.Operation) || !string.IsNullOrWhiteSpace(f.Region)
            || !string.IsNullOrWhiteSpace(f.Origin) || !string.IsNullOrWhiteSpace(f.Need) || !string.IsNullOrWhiteSpace(f.PopulationType) || f.AgeBand is not null;
        if (!string.IsNullOrWhiteSpace(f.Operation))
        {
            q = q.Where(p => p.OperationCode == f.Operation);
        }
        if (!string.IsNullOrWhiteSpace(f.Region))
        {
            q = q.Where(p => p.RegionCode == f.Region);
        }
        if (!string.IsNullOrWhiteSpace(f.Origin))
        {
            q = q.Where(p => p.OriginCode == f.Origin);
        }
        if (!string.IsNullOrWhiteSpace(f.Need))
        {
            q = q.Where(p => db.SpecificNeeds.Any(n => n.PersonId == p.Id && n.CategoryCode == f.Need && n.ResolvedOn == null));
        }
        if (!string.IsNullOrWhiteSpace(f.PopulationType))
        {
            var today = Today;
            q = q.Where(p => db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= today)
                .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.RecordedAt).Select(s => s.PopulationTypeCode).FirstOrDefault() == f.PopulationType);
        }
        if (f.AgeBand is { } band)
        {
            var (youngest, oldest) = AgeBands.Range(band);
            var bornAfter = Today.AddYears(-(oldest + 1));
            q = q.Where(p => p.BirthDate > bornAfter);
            if (youngest > 0)
            {
                var bornBy = Today.AddYears(-youngest);
                q = q.Where(p => p.BirthDate <= bornBy);
            }
        }
        return (q, narrowed);
    }

    private IQueryable<Person> Match(IQueryable<Person> q, string term)
    {
        if (RegistrationNumberPattern().IsMatch(term))
        {
            // People's numbers and households' (KAZ-25-H00123) differ, so each is one index seek.
            var number = term.ToUpperInvariant();
            if (!number.Contains("-H", StringComparison.Ordinal))
            {
                return q.Where(p => p.RegistrationNumber == number);
            }
            var household = db.Households.Where(h => h.RegistrationNumber == number).Select(h => (Guid?)h.Id);
            return q.Where(p => household.Contains(p.HouseholdId));
        }
        if (DateOnly.TryParseExact(term, ["dd.MM.yyyy", "yyyy-MM-dd", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return q.Where(p => p.BirthDate == date);
        }
        if (IsYear(term, out var year))
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            return q.Where(p => p.BirthDate >= from && p.BirthDate <= to);
        }
        if (term.Any(char.IsDigit))
        {
            // Digits are a phone or a document number.
            var digits = PersonRules.Digits(term);
            var doc = PersonRules.DocumentKey(term);
            var holders = db.PersonDocuments.Where(d => d.NumberKey == doc).Select(d => d.PersonId);
            return digits.Length >= 6 ? q.Where(p => p.PhoneDigits.Contains(digits) || holders.Contains(p.Id)) : q.Where(p => holders.Contains(p.Id));
        }
        return q; // a name word: see QueryAsync
    }

    /// <summary>The keys a name word matches as typed so far: from its key up to the next key of its length.</summary>
    private static KeyRange? NameKey(string term)
    {
        if (RegistrationNumberPattern().IsMatch(term) || term.Any(char.IsDigit) || NameScripts.KeyOf(term) is not { Length: > 0 } key)
        {
            return null;
        }
        // Keys are ASCII, so the character after the last one never overflows.
        return new KeyRange(key, key[..^1] + (char)(key[^1] + 1));
    }

    private static bool IsYear(string term, out int year) => int.TryParse(term, out year) && term.Length == 4 && year is > 1900 and < 2100;

    private static IEnumerable<string> Terms(string? q) =>
        string.IsNullOrWhiteSpace(q) ? [] : q.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(6);

    private readonly record struct KeyRange(string From, string To);

    private sealed class KeyHit
    {
        public PersonNameKey Key { get; init; } = null!;
        public Person Person { get; init; } = null!;
    }

    private static IQueryable<Person> Sort(IQueryable<Person> q, Filter f) => (f.Sort, f.Descending) switch
    {
        (PersonSort.RegistrationNumber, false) => q.OrderBy(p => p.RegistrationNumber),
        (PersonSort.RegistrationNumber, true) => q.OrderByDescending(p => p.RegistrationNumber),
        (PersonSort.BirthDate, false) => q.OrderBy(p => p.BirthDate).ThenBy(p => p.Id),
        (PersonSort.BirthDate, true) => q.OrderByDescending(p => p.BirthDate).ThenBy(p => p.Id),
        (PersonSort.RegisteredOn, false) => q.OrderBy(p => p.RegisteredOn).ThenBy(p => p.RegistrationNumber),
        (PersonSort.RegisteredOn, true) => q.OrderByDescending(p => p.RegisteredOn).ThenByDescending(p => p.RegistrationNumber),
        (_, false) => q.OrderBy(p => p.LatinName).ThenBy(p => p.Id),
        (_, true) => q.OrderByDescending(p => p.LatinName).ThenByDescending(p => p.Id),
    };

    private IQueryable<Row> Project(IQueryable<Person> q)
    {
        var today = Today;
        return q.Select(p => new Row(p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.CyrillicName, p.Sex,
            p.BirthDate, p.BirthDatePrecision, p.OriginCode, p.OperationCode, p.RegionCode,
            db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= today).OrderByDescending(s => s.EffectiveFrom)
                .ThenByDescending(s => s.RecordedAt).Select(s => s.PopulationTypeCode).FirstOrDefault(),
            db.Households.Where(h => h.Id == p.HouseholdId).Select(h => h.RegistrationNumber).FirstOrDefault()));
    }

    [GeneratedRegex("^[A-Za-z]{3}-\\d{2}-H?\\d+$", RegexOptions.IgnoreCase)]
    private static partial Regex RegistrationNumberPattern();
}

public enum PersonSort { Name, RegistrationNumber, BirthDate, RegisteredOn }

/// <summary>The age bands of UNHCR's population statistics.</summary>
public enum AgeBand { From0To4, From5To11, From12To17, From18To59, From60 }

public static class AgeBands
{
    public static (int Youngest, int Oldest) Range(AgeBand band) => band switch
    {
        AgeBand.From0To4 => (0, 4),
        AgeBand.From5To11 => (5, 11),
        AgeBand.From12To17 => (12, 17),
        AgeBand.From18To59 => (18, 59),
        _ => (60, 150),
    };

    public static string Name(AgeBand band) => band switch
    {
        AgeBand.From0To4 => "0-4",
        AgeBand.From5To11 => "5-11",
        AgeBand.From12To17 => "12-17",
        AgeBand.From18To59 => "18-59",
        _ => "60+",
    };
}
