using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry;

namespace Pana.Features.Matching;

/// <summary>People of the registry, folded once and compared by index: the batch run's working set.</summary>
public sealed class FoldedPeople
{
    internal FoldedPeople(Guid[] ids, MatchForm[] forms) => (Ids, Forms) = (ids, forms);

    public Guid[] Ids { get; }
    internal MatchForm[] Forms { get; }
    public int Count => Ids.Length;
}

/// <summary>Reads people from the registry as the matcher compares them.</summary>
public static class MatchRecords
{
    /// <summary>
    /// Every live person of the registry (or one operation), folded for the batch run: one streaming scan of the compared
    /// fields, one of the document numbers, and household members grouped in memory. Names are folded through the
    /// matcher's caches, so a million people hold each distinct spelling once.
    /// </summary>
    public static async Task<FoldedPeople> ReadAllAsync(PanaDb db, string? operation, Action<int> progress, CancellationToken ct)
    {
        var live = db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(operation))
        {
            live = live.Where(p => p.OperationCode == operation);
        }
        // Arrays sized by a count first: lists of a million would double past their need and be copied again at the end.
        var capacity = await live.CountAsync(ct);
        var ids = new Guid[capacity];
        var households = new Guid[capacity];
        var forms = new MatchForm[capacity];
        var count = 0;
        var patronymics = new Dictionary<string, string?>(StringComparer.Ordinal);
        var origins = new Dictionary<string, string?>(StringComparer.Ordinal);
        await foreach (var r in live.Select(p => new { p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.OriginCode, p.PhoneDigits, p.HouseholdId })
            .AsAsyncEnumerable().WithCancellation(ct))
        {
            if (count == ids.Length)
            {
                // People registered since the count.
                var grown = count + Math.Max(1024, count / 8);
                Array.Resize(ref ids, grown);
                Array.Resize(ref households, grown);
                Array.Resize(ref forms, grown);
            }
            var patronymic = patronymics.TryGetValue(r.Patronymic, out var root) ? root : patronymics[r.Patronymic] = NameForms.PatronymicRoot(r.Patronymic);
            var origin = r.OriginCode is null ? null : origins.TryGetValue(r.OriginCode, out var o) ? o : origins[r.OriginCode] = MatchForm.OriginKey(r.OriginCode);
            ids[count] = r.Id;
            households[count] = r.HouseholdId ?? Guid.Empty;
            forms[count] = new MatchForm(r.GivenName, r.FamilyName, patronymic, r.Sex, BirthDay.Of(r.BirthDate, r.BirthDatePrecision), origin, MatchForm.PhoneKey(r.PhoneDigits));
            if (++count % 50_000 == 0)
            {
                progress(count);
            }
        }
        progress(count);
        if (count != ids.Length)
        {
            Array.Resize(ref ids, count);
            Array.Resize(ref households, count);
            Array.Resize(ref forms, count);
        }
        var index = new Dictionary<Guid, int>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            index[ids[i]] = i;
        }
        await AddDocumentsAsync(db, live, index, forms, ct);
        AddHouseholds(households, forms);
        return new FoldedPeople(ids, forms);
    }

    private static async Task AddDocumentsAsync(PanaDb db, IQueryable<Person> live, Dictionary<Guid, int> index, MatchForm[] forms, CancellationToken ct)
    {
        var documents = from d in db.PersonDocuments.AsNoTracking() join p in live on d.PersonId equals p.Id select new { d.PersonId, d.NumberKey };
        await foreach (var d in documents.AsAsyncEnumerable().WithCancellation(ct))
        {
            if (index.TryGetValue(d.PersonId, out var i) && MatchForm.DocumentKeys([d.NumberKey]) is [var key] && Array.IndexOf(forms[i].Documents, key) < 0)
            {
                forms[i].Documents = [.. forms[i].Documents, key];
            }
        }
    }

    // Each person learns the principal given names of the other members of their household.
    private static void AddHouseholds(Guid[] households, MatchForm[] forms)
    {
        var order = Enumerable.Range(0, households.Length).ToArray();
        Array.Sort(households, order);
        for (var s = 0; s < households.Length;)
        {
            var e = s + 1;
            while (e < households.Length && households[e] == households[s])
            {
                e++;
            }
            if (households[s] != Guid.Empty && e - s > 1)
            {
                var members = order[s..e];
                foreach (var m in members)
                {
                    forms[m].Household = [.. members.Where(x => x != m).Select(x => forms[x].Given).Where(f => f.HasLead)];
                }
            }
            s = e;
        }
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
