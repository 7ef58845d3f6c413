using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Features.Matching;

namespace Pana.Features.Registry;

/// <summary>
/// The duplicate check of an import, a batch of rows at a time: the keys of all rows of a batch are read in one query,
/// the candidates' compared fields in another, and both are kept for the next rows, which share names; people the
/// import registers join them, so a row is checked against the rows before it as well as against the registry.
/// A batch is checked while the one before it is written: the people of the batches written since the last commit are
/// kept, with all their keys, until <see cref="Committed"/> says the registry holds them. Candidates and scoring are those of <see cref="DuplicateCheck"/>.
/// </summary>
/// <param name="db">The registry.</param>
/// <param name="reader">A second context on the registry: reads are split between the two connections, one core each.</param>
/// <param name="check">The registration check whose reads and scores the import shares.</param>
/// <param name="reaching">The score that holds a row back, when only that matters (a user who sees everyone): see <see cref="DuplicateKeys.Rank"/>.</param>
/// <param name="maxKept">
/// Past this many people kept, they are forgotten and later batches read again those they need. Kept lean (what the
/// matcher compares, shared spellings once), a million fit: a 100,000-row import on a registry of a million reads 650,000
/// people once each, where a bound of 100,000 read 3.2 million.
/// </param>
/// <param name="maxKeyRows">
/// Key rows are small (a person, a word's number, a year: 24 bytes) and most of what a check reads: they are kept longer
/// than the people they lead to, up to about the whole key table of a registry of a million (3.6 million rows).
/// </param>
internal sealed class ImportDuplicates(PanaDb db, PanaDb reader, DuplicateCheck check, double? reaching, int maxKept = 1_000_000, int maxKeyRows = 4_000_000)
{
    // Each key's people, with the other name word of a name-and-year key (empty for documents and phones).
    private readonly Dictionary<string, List<KeyRow>> byKey = new(StringComparer.Ordinal);
    // Candidates as their own row gives them, and those read whole because some row may match them.
    private readonly Dictionary<Guid, Candidate> rows = [];
    private readonly Dictionary<Guid, Candidate> people = [];
    private readonly HashSet<Guid> visible = [];
    // The other-name words of the key rows, each once: millions of rows share a few thousand.
    private readonly List<string> words = [""];
    private readonly Dictionary<string, int> wordNumbers = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly Dictionary<string, string> spellings = new(StringComparer.Ordinal);
    private bool everyone = true;
    // The people added since the last commit, with every key of theirs: a key read from the registry before their batch is
    // committed does not find them there, and forgetting what is kept must not forget them.
    private readonly Dictionary<string, List<KeyRow>> pendingKeys = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Candidate> pendingPeople = [];

    /// <summary>How many key rows are kept, read or added.</summary>
    internal int KeyRows { get; private set; }

    /// <summary>How many key rows were read from the registry, kept or since forgotten.</summary>
    internal long KeyRowsRead { get; private set; }

    /// <summary>How many people are kept, as their own row gives them or read whole.</summary>
    internal int PeopleKept => rows.Count + people.Count;

    // The batch's members as they are looked up, and their candidates ranked once the keys are read; a member whose keys
    // gained people the import registered since (an earlier household of the batch) is ranked again.
    private readonly Dictionary<RegisterHousehold.Member, (Lookup Lookup, List<Guid> Ranked)> batch = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<string> grown = new(StringComparer.Ordinal);

    // A key row as kept: the person, the other name's word by its number, the year of birth (0 when unknown). It holds no
    // references, so the garbage collector never walks the millions kept.
    private readonly record struct KeyRow(Guid PersonId, int Other, short Year);

    private sealed record Lookup(MatchRecord Record, List<(string Key, string Other)> Entries, int? Year, List<string> Keys);

    /// <summary>Reads what the members need that is not kept yet: their keys' people, and those people's compared fields.</summary>
    public async Task PrepareAsync(IReadOnlyList<RegisterHousehold.Member> members, CancellationToken ct)
    {
        if (KeyRows > maxKeyRows)
        {
            ForgetKept();
        }
        else if (rows.Count + people.Count > maxKept)
        {
            ForgetPeople();
        }
        batch.Clear();
        grown.Clear();
        // Folding names and ranking candidates take the processor, not the database: the batch's members share both cores.
        var looked = new Lookup?[members.Count];
        Parallel.For(0, members.Count, i => looked[i] = members[i].ConfirmedNew ? null : LookupOf(members[i]));
        var wanted = looked.OfType<Lookup>().SelectMany(l => l.Keys).Distinct().Where(k => !byKey.ContainsKey(k)).ToList();
        foreach (var k in wanted)
        {
            byKey[k] = [];
        }
        var names = wanted.Where(k => !k.StartsWith("d:", StringComparison.Ordinal) && !k.StartsWith("p:", StringComparison.Ordinal)).ToList();
        foreach (var row in await ReadBothAsync(names, 500, (on, chunk) =>
            on.PersonMatchKeys.Where(k => chunk.Contains(k.Key)).Select(k => new { k.Key, k.PersonId, k.Other, k.Year }).ToListAsync(ct)))
        {
            byKey[row.Key].Add(new KeyRow(row.PersonId, Word(row.Other), (short)(row.Year ?? 0)));
            KeyRows++;
            KeyRowsRead++;
        }
        foreach (var chunk in wanted.Where(k => k.StartsWith("d:", StringComparison.Ordinal)).Select(k => k[2..]).Chunk(500))
        {
            foreach (var row in await db.PersonDocuments.Where(d => chunk.Contains(d.NumberKey)).Select(d => new { d.NumberKey, d.PersonId }).ToListAsync(ct))
            {
                byKey["d:" + row.NumberKey].Add(new KeyRow(row.PersonId, 0, 0));
            }
        }
        foreach (var chunk in wanted.Where(k => k.StartsWith("p:", StringComparison.Ordinal)).Select(k => k[2..]).Chunk(500))
        {
            foreach (var row in await db.Persons.Where(p => chunk.Contains(p.PhoneDigits)).Select(p => new { p.PhoneDigits, p.Id }).ToListAsync(ct))
            {
                byKey["p:" + row.PhoneDigits].Add(new KeyRow(row.Id, 0, 0));
            }
        }
        foreach (var k in wanted)
        {
            if (pendingKeys.TryGetValue(k, out var added))
            {
                // Read before or after the commit of the batch being written: each person once.
                var list = byKey[k];
                var (read, before) = (list.Select(x => x.PersonId).ToHashSet(), list.Count);
                list.AddRange(added.Where(x => !read.Contains(x.PersonId)));
                KeyRows += list.Count - before;
            }
        }
        var candidates = new List<Guid>[members.Count];
        Parallel.For(0, members.Count, i => candidates[i] = looked[i] is { } l ? Candidates(l) : []);
        for (var i = 0; i < members.Count; i++)
        {
            if (looked[i] is { } l)
            {
                batch[members[i]] = (l, candidates[i]);
            }
        }
        var wantedBy = members.Select((m, i) => (Member: m, Ids: candidates[i].Where(id => !people.ContainsKey(id)).ToList())).ToList();
        var toLoad = wantedBy.SelectMany(w => w.Ids).Distinct().Where(id => !rows.ContainsKey(id)).ToList();
        // In id order, which is about the order of registration and of the table: each read lands near the one before.
        toLoad.Sort();
        foreach (var c in await ReadBothAsync(toLoad, 1000,
            (on, chunk) => DuplicateCheck.LoadPeopleAsync(on, chunk, ct)))
        {
            rows[c.Record.Id] = Lean(c);
        }
        // Documents and households are read only for candidates some member may match once they are known: to the level that
        // holds a row back when only that matters (a user who sees everyone), else to the possible level.
        var readTo = reaching ?? MatchThresholds.Default.Possible;
        var reach = new List<Guid>[wantedBy.Count];
        Parallel.For(0, wantedBy.Count, i =>
        {
            var (member, ids) = wantedBy[i];
            var bare = MatchRecords.Of(member.Person, member.Documents) with { HouseholdGivenNames = [] };
            var sharing = DuplicateCheck.DocumentKeys(bare).SelectMany(k => byKey.GetValueOrDefault("d:" + k) ?? []).Select(x => x.PersonId).ToHashSet();
            reach[i] = ids.Where(id => rows.TryGetValue(id, out var c) && PersonMatcher.MayReach(bare, c.Record, sharing.Contains(id), readTo)).ToList();
        });
        var missing = reach.SelectMany(r => r).ToHashSet();
        foreach (var c in await ReadBothAsync(missing.Select(id => rows[id]).ToList(), 1000, (on, chunk) => DuplicateCheck.CompleteAsync(on, chunk, ct)))
        {
            people[c.Record.Id] = Lean(c);
        }
        var seen = await check.VisibleAsync([.. missing], ct);
        everyone = seen is null;
        if (seen is not null)
        {
            visible.UnionWith(seen);
        }
    }

    // Reading and materialising rows is most of the check, on the import's one thread: the items are read in two halves at
    // once, a chunk at a time, one half on each connection. Each context is used by one task only.
    private async Task<List<T>> ReadBothAsync<TItem, T>(IReadOnlyList<TItem> items, int chunk, Func<PanaDb, TItem[], Task<List<T>>> read)
    {
        async Task<List<T>> On(PanaDb context, IEnumerable<TItem> part)
        {
            var found = new List<T>();
            foreach (var c in part.Chunk(chunk))
            {
                found.AddRange(await read(context, c));
            }
            return found;
        }
        if (items.Count < 100)
        {
            return await On(db, items);
        }
        var half = (items.Count + 1) / 2;
        var both = await Task.WhenAll(Task.Run(() => On(db, items.Take(half))), Task.Run(() => On(reader, items.Skip(half))));
        return [.. both[0], .. both[1]];
    }

    /// <summary>The member's likely duplicates among the registry and the rows imported before it; PrepareAsync read what it needs.</summary>
    public DuplicateReport Find(RegisterHousehold.Member m)
    {
        if (m.ConfirmedNew)
        {
            return new DuplicateReport([], 0);
        }
        var (lookup, ranked) = batch.TryGetValue(m, out var mine) ? mine : (LookupOf(m), null);
        var ids = ranked is not null && !lookup.Keys.Any(grown.Contains) ? ranked : Candidates(lookup);
        var found = DuplicateCheck.Score(lookup.Record, ids.Select(id => people.GetValueOrDefault(id)).OfType<Candidate>());
        return DuplicateCheck.Shown(found, everyone ? null : visible);
    }

    /// <summary>Drops everything, the people added since the last commit too: after their batch failed to save, they are not in the registry after all.</summary>
    public void Forget()
    {
        pendingKeys.Clear();
        pendingPeople.Clear();
        ForgetKept();
    }

    /// <summary>The people added so far are in the registry now: a key read from it finds them.</summary>
    public void Committed()
    {
        pendingKeys.Clear();
        pendingPeople.Clear();
    }

    // Past the bound of key rows: what was read goes, the people not yet committed stay.
    private void ForgetKept()
    {
        byKey.Clear();
        KeyRows = 0;
        ForgetPeople();
    }

    // The candidates' records go; the keys that lead to them stay, and the people are read again when a row needs them.
    private void ForgetPeople()
    {
        rows.Clear();
        people.Clear();
        visible.Clear();
        batch.Clear();
        grown.Clear();
        foreach (var (id, c) in pendingPeople)
        {
            people[id] = c;
            visible.Add(id);
        }
    }

    /// <summary>A person the import registered: later rows are checked against them too.</summary>
    public void Add(Data.Registry.Person p, IReadOnlyList<string> documentKeys, IReadOnlyList<string> householdGivenNames)
    {
        var record = new MatchRecord(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.OriginCode, documentKeys,
            p.PhoneDigits.Length == 0 ? null : p.PhoneDigits, householdGivenNames);
        var candidate = new Candidate(record, p.RegistrationNumber, DuplicateCheck.FullName(p.GivenName, p.Patronymic, p.FamilyName), p.LatinName, p.CyrillicName);
        people[p.Id] = pendingPeople[p.Id] = candidate;
        visible.Add(p.Id);
        var year = DuplicateKeys.YearOf(p.BirthDate, p.BirthDatePrecision);
        var keys = DuplicateKeys.Entries(p.GivenName, p.FamilyName, p.BirthDate, p.BirthDatePrecision)
            .Concat(documentKeys.Where(k => k.Length >= 4).Select(k => ("d:" + k, "")));
        if (p.PhoneDigits.Length >= 6)
        {
            keys = keys.Append(("p:" + p.PhoneDigits, ""));
        }
        foreach (var (k, other) in keys)
        {
            var row = new KeyRow(p.Id, Word(other), (short)(year ?? 0));
            if (byKey.TryGetValue(k, out var ids))
            {
                ids.Add(row);
                grown.Add(k);
                KeyRows++;
            }
            // A key no row has asked for yet is read from the registry, which may not hold this person yet.
            if (!pendingKeys.TryGetValue(k, out var added))
            {
                pendingKeys[k] = added = [];
            }
            added.Add(row);
        }
    }

    /// <summary>The registration numbers of registry people a report names, which the candidates kept leave out.</summary>
    public async Task<Dictionary<Guid, string>> NumbersAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct) =>
        ids.Count == 0 ? [] : await db.Persons.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.RegistrationNumber })
            .ToDictionaryAsync(p => p.Id, p => p.RegistrationNumber, ct);

    // A candidate as kept: what the matcher compares, the spellings that hundreds of thousands of candidates share each
    // once, and not the names shown (the few reported are read by NumbersAsync), so that most of the registry fits.
    private Candidate Lean(Candidate c) => new(c.Record with
    {
        GivenName = Spelling(c.Record.GivenName),
        FamilyName = Spelling(c.Record.FamilyName),
        Patronymic = c.Record.Patronymic is { } p ? Spelling(p) : null,
        OriginCode = c.Record.OriginCode is { } o ? Spelling(o) : null,
        HouseholdGivenNames = c.Record.HouseholdGivenNames.Count == 0 ? [] : c.Record.HouseholdGivenNames.Select(Spelling).ToArray(),
    }, "", "", "", "", c.HouseholdId);

    private string Spelling(string text)
    {
        if (text.Length == 0)
        {
            return "";
        }
        if (!spellings.TryGetValue(text, out var kept))
        {
            spellings[text] = kept = text;
        }
        return kept;
    }

    private int Word(string word)
    {
        if (!wordNumbers.TryGetValue(word, out var number))
        {
            number = wordNumbers[word] = words.Count;
            words.Add(word);
        }
        return number;
    }

    private static Lookup LookupOf(RegisterHousehold.Member m)
    {
        var record = MatchRecords.Of(m.Person, m.Documents);
        var entries = DuplicateKeys.Entries(m.Person.GivenName, m.Person.FamilyName, m.Person.BirthDate, m.Person.BirthDatePrecision);
        var keys = entries.Select(e => e.Key).Concat(DuplicateCheck.DocumentKeys(record).Select(k => "d:" + k)).ToList();
        if (DuplicateCheck.Phone(record) is { } phone)
        {
            keys.Add("p:" + phone);
        }
        return new Lookup(record, entries, DuplicateKeys.YearOf(m.Person.BirthDate, m.Person.BirthDatePrecision), keys);
    }

    // As DuplicateCheck reads them (DuplicateKeys.Rank), and everyone with the document or phone.
    private List<Guid> Candidates(Lookup m)
    {
        var byName = DuplicateKeys.Rank(m.Entries, m.Year, m.Entries.SelectMany(k => (byKey.GetValueOrDefault(k.Key) ?? []).Select(x => (k.Key, x.PersonId, words[x.Other], x.Year == 0 ? null : (int?)x.Year))), reaching);
        var other = m.Keys.Where(k => k[0] is 'd' or 'p').SelectMany(k => (byKey.GetValueOrDefault(k) ?? []).Take(DuplicateCheck.MaxCandidates).Select(x => x.PersonId));
        return byName.Concat(other).Distinct().ToList();
    }
}
