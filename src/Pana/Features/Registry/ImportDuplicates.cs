using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Features.Matching;

namespace Pana.Features.Registry;

/// <summary>
/// The duplicate check of an import, a batch of rows at a time: the keys of all rows of a batch are read in one query,
/// the candidates' compared fields in another, and both are kept for the next rows, which share names; people the
/// import registers join them, so a row is checked against the rows before it as well as against the registry.
/// Candidates and scoring are those of <see cref="DuplicateCheck"/>.
/// </summary>
/// <param name="db">The registry.</param>
/// <param name="check">The registration check whose reads and scores the import shares.</param>
/// <param name="reaching">The score that holds a row back, when only that matters (a user who sees everyone): see <see cref="DuplicateKeys.Rank"/>.</param>
internal sealed class ImportDuplicates(PanaDb db, DuplicateCheck check, double? reaching)
{
    // Past this many people kept, the memory is given back and later batches read again what they need.
    private const int MaxKept = 100_000;

    // Each key's people, with the other name word of a name-and-year key (empty for documents and phones).
    private readonly Dictionary<string, List<(Guid PersonId, string Other, int? Year)>> byKey = new(StringComparer.Ordinal);
    // Candidates as their own row gives them, and those read whole because some row may match them.
    private readonly Dictionary<Guid, Candidate> rows = [];
    private readonly Dictionary<Guid, Candidate> people = [];
    private readonly HashSet<Guid> visible = [];
    private bool everyone = true;

    /// <summary>Reads what the members need that is not kept yet: their keys' people, and those people's compared fields.</summary>
    public async Task PrepareAsync(IReadOnlyList<RegisterHousehold.Member> members, CancellationToken ct)
    {
        if (rows.Count + people.Count > MaxKept)
        {
            Forget();
        }
        var wanted = members.SelectMany(Keys).Distinct().Where(k => !byKey.ContainsKey(k)).ToList();
        foreach (var k in wanted)
        {
            byKey[k] = [];
        }
        foreach (var chunk in wanted.Where(k => !k.StartsWith("d:", StringComparison.Ordinal) && !k.StartsWith("p:", StringComparison.Ordinal)).Chunk(500))
        {
            foreach (var row in await db.PersonMatchKeys.Where(k => chunk.Contains(k.Key)).Select(k => new { k.Key, k.PersonId, k.Other, k.Year }).ToListAsync(ct))
            {
                byKey[row.Key].Add((row.PersonId, row.Other, row.Year));
            }
        }
        foreach (var chunk in wanted.Where(k => k.StartsWith("d:", StringComparison.Ordinal)).Select(k => k[2..]).Chunk(500))
        {
            foreach (var row in await db.PersonDocuments.Where(d => chunk.Contains(d.NumberKey)).Select(d => new { d.NumberKey, d.PersonId }).ToListAsync(ct))
            {
                byKey["d:" + row.NumberKey].Add((row.PersonId, "", null));
            }
        }
        foreach (var chunk in wanted.Where(k => k.StartsWith("p:", StringComparison.Ordinal)).Select(k => k[2..]).Chunk(500))
        {
            foreach (var row in await db.Persons.Where(p => chunk.Contains(p.PhoneDigits)).Select(p => new { p.PhoneDigits, p.Id }).ToListAsync(ct))
            {
                byKey["p:" + row.PhoneDigits].Add((row.Id, "", null));
            }
        }
        var wantedBy = members.Select(m => (Member: m, Ids: Candidates(m).Where(id => !people.ContainsKey(id)).ToList())).ToList();
        foreach (var chunk in wantedBy.SelectMany(w => w.Ids).Distinct().Where(id => !rows.ContainsKey(id)).Chunk(1000))
        {
            foreach (var c in await check.LoadPeopleAsync(chunk, ct))
            {
                rows[c.Record.Id] = c;
            }
        }
        // Documents and households are read only for candidates some member may match once they are known: to the level that
        // holds a row back when only that matters (a user who sees everyone), else to the possible level.
        var missing = new HashSet<Guid>();
        var readTo = reaching ?? MatchThresholds.Default.Possible;
        foreach (var (member, ids) in wantedBy)
        {
            var bare = MatchRecords.Of(member.Person, member.Documents) with { HouseholdGivenNames = [] };
            var sharing = DuplicateCheck.DocumentKeys(bare).SelectMany(k => byKey.GetValueOrDefault("d:" + k) ?? []).Select(x => x.PersonId).ToHashSet();
            missing.UnionWith(ids.Where(id => rows.TryGetValue(id, out var c) && PersonMatcher.MayReach(bare, c.Record, sharing.Contains(id), readTo)));
        }
        foreach (var chunk in missing.Chunk(1000))
        {
            foreach (var c in await check.CompleteAsync(chunk.Select(id => rows[id]).ToList(), ct))
            {
                people[c.Record.Id] = c;
            }
        }
        var seen = await check.VisibleAsync([.. missing], ct);
        everyone = seen is null;
        if (seen is not null)
        {
            visible.UnionWith(seen);
        }
    }

    /// <summary>The member's likely duplicates among the registry and the rows imported before it; PrepareAsync read what it needs.</summary>
    public DuplicateReport Find(RegisterHousehold.Member m)
    {
        var record = MatchRecords.Of(m.Person, m.Documents);
        var found = DuplicateCheck.Score(record, Candidates(m).Select(id => people.GetValueOrDefault(id)).OfType<Candidate>());
        return DuplicateCheck.Shown(found, everyone ? null : visible);
    }

    /// <summary>Drops everything kept: after a batch failed to save, its people are not in the registry after all.</summary>
    public void Forget()
    {
        byKey.Clear();
        rows.Clear();
        people.Clear();
        visible.Clear();
    }

    /// <summary>A person the import registered: later rows are checked against them too.</summary>
    public void Add(Data.Registry.Person p, IReadOnlyList<string> documentKeys, IReadOnlyList<string> householdGivenNames)
    {
        var record = new MatchRecord(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.OriginCode, documentKeys,
            p.PhoneDigits.Length == 0 ? null : p.PhoneDigits, householdGivenNames);
        people[p.Id] = new Candidate(record, p.RegistrationNumber, DuplicateCheck.FullName(p.GivenName, p.Patronymic, p.FamilyName), p.LatinName, p.CyrillicName);
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
            // A key no row has asked for yet is read from the registry, where this person will be by then.
            if (byKey.TryGetValue(k, out var ids))
            {
                ids.Add((p.Id, other, year));
            }
        }
    }

    private static IEnumerable<string> Keys(RegisterHousehold.Member m)
    {
        if (m.ConfirmedNew)
        {
            return [];
        }
        var record = MatchRecords.Of(m.Person, m.Documents);
        var keys = DuplicateKeys.Of(m.Person).Concat(DuplicateCheck.DocumentKeys(record).Select(k => "d:" + k));
        return DuplicateCheck.Phone(record) is { } phone ? keys.Append("p:" + phone) : keys;
    }

    // As DuplicateCheck reads them (DuplicateKeys.Rank), and everyone with the document or phone.
    private IEnumerable<Guid> Candidates(RegisterHousehold.Member m)
    {
        if (m.ConfirmedNew)
        {
            return [];
        }
        var mine = DuplicateKeys.Entries(m.Person.GivenName, m.Person.FamilyName, m.Person.BirthDate, m.Person.BirthDatePrecision);
        var byName = DuplicateKeys.Rank(mine, DuplicateKeys.YearOf(m.Person.BirthDate, m.Person.BirthDatePrecision),
            mine.SelectMany(k => (byKey.GetValueOrDefault(k.Key) ?? []).Select(x => (k.Key, x.PersonId, x.Other, x.Year))), reaching);
        var other = Keys(m).Where(k => k[0] is 'd' or 'p').SelectMany(k => (byKey.GetValueOrDefault(k) ?? []).Take(DuplicateCheck.MaxCandidates).Select(x => x.PersonId));
        return byName.Concat(other).Distinct();
    }
}
