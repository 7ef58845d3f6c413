using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;

namespace Pana.Features.Registry.Synthetic;

/// <summary>
/// Bulk-loads a synthetic registry of any size for load and matching benchmarks: households of the region's
/// peoples with names in the scripts their papers use, status histories, specific needs, documents, name
/// search keys, registration numbers that continue the operation's counters, and a few per cent of people
/// registered twice (another script, a guessed or swapped date of birth, a dropped patronymic) whose pairs are
/// returned for the deduplication benchmark. Rows go past EF Core's change tracking and past the audit trail:
/// the caller writes one audit line for the whole load. Cases, assistance and referrals are generated here
/// once their tables exist.
/// </summary>
public static class SyntheticRegistry
{
    /// <summary>People per batch: one transaction, and one COPY per table on PostgreSQL.</summary>
    private const int BatchSize = 20_000;

    public static async Task<SyntheticReport> GenerateAsync(PanaDb db, int people, int seed, IProgress<int>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(people);
        var watch = Stopwatch.StartNew();
        var setting = await SettingAsync(db, ct);
        var population = new SyntheticPopulation(seed, DateOnly.FromDateTime(DateTime.UtcNow), setting);

        // Generating (names in two scripts, search keys) and writing overlap on two threads.
        var batches = Channel.CreateBounded<SyntheticBatch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var batch in population.Batches(people, BatchSize))
                {
                    await batches.Writer.WriteAsync(batch, ct);
                }
                batches.Writer.Complete();
            }
            catch (Exception e)
            {
                batches.Writer.Complete(e);
            }
        }, ct);

        var totals = new SyntheticBatch.Counts();
        await using (var loader = await BulkLoader.OpenAsync(db, ct))
        {
            await foreach (var batch in batches.Reader.ReadAllAsync(ct))
            {
                await loader.WriteAsync(batch, ct);
                totals.Add(batch);
                progress?.Report(totals.People);
            }
            await producer;
            await SaveCountersAsync(db, population.Counters, ct);
            await loader.FinishAsync(ct);
        }
        await PopulationCounts.RebuildAsync(db, DateOnly.FromDateTime(DateTime.UtcNow), ct);
        return new SyntheticReport(totals.People, totals.Households, totals.Statuses, totals.Documents, totals.Needs, totals.NameKeys,
            population.Planted, watch.Elapsed);
    }

    /// <summary>What the registry already holds that the synthetic people must fit: organisations, prefixes, counters.</summary>
    private static async Task<SyntheticSetting> SettingAsync(PanaDb db, CancellationToken ct)
    {
        var codes = SyntheticPopulation.OrganisationCodes;
        var organisations = await db.Organisations.AsNoTracking().Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var missing = codes.Except(organisations.Keys).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException($"The reference data is not seeded (missing organisations {string.Join(", ", missing)}): run \"migrate\" first.");
        }
        var prefixes = await db.Operations.AsNoTracking().ToDictionaryAsync(o => o.Code, o => o.RegistrationPrefix, ct);
        var counters = await db.RegistrationCounters.AsNoTracking().ToDictionaryAsync(c => c.Prefix, c => c.Next - 1, ct);
        return new SyntheticSetting(organisations, prefixes, counters);
    }

    /// <summary>Later registrations continue where the synthetic numbers stop; a counter is never moved back.</summary>
    private static async Task SaveCountersAsync(PanaDb db, IReadOnlyDictionary<string, int> last, CancellationToken ct)
    {
        foreach (var (prefix, n) in last)
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"RegistrationCounters\" (\"Prefix\", \"Next\", \"Version\") VALUES ({prefix}, {n + 1}, 0) ON CONFLICT (\"Prefix\") DO NOTHING", ct);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE \"RegistrationCounters\" SET \"Next\" = {n + 1}, \"Version\" = \"Version\" + 1 WHERE \"Prefix\" = {prefix} AND \"Next\" < {n + 1}", ct);
        }
    }
}

/// <summary>How much a synthetic load wrote, the pairs of people planted as duplicates, and how long it took.</summary>
public sealed record SyntheticReport(int People, int Households, int Statuses, int Documents, int Needs, int NameKeys,
    IReadOnlyList<PlantedDuplicate> Duplicates, TimeSpan Elapsed);

/// <summary>A person registered a second time: Original was registered first, Duplicate is the later record of the same person.</summary>
public sealed record PlantedDuplicate(Guid Original, Guid Duplicate, string Variation);

/// <summary>The organisations (by code), registration prefixes (by operation) and last numbers (by counter prefix) in the database.</summary>
internal sealed record SyntheticSetting(IReadOnlyDictionary<string, Guid> Organisations, IReadOnlyDictionary<string, string> Prefixes,
    Dictionary<string, int> LastNumbers);

/// <summary>Rows of a few thousand households, ready to load in foreign-key order.</summary>
internal sealed class SyntheticBatch
{
    public List<Household> Households { get; } = [];
    public List<Person> Persons { get; } = [];
    public List<LegalStatus> Statuses { get; } = [];
    public List<SpecificNeed> Needs { get; } = [];
    public List<PersonDocument> Documents { get; } = [];
    public List<PersonNameKey> NameKeys { get; } = [];
    public List<PersonMatchKey> MatchKeys { get; } = [];

    /// <summary>Audit lines written with the records (an import's), unsealed: the sealing job chains them after the commit.</summary>
    public List<AuditEntry> Audit { get; } = [];

    public sealed class Counts
    {
        public int People, Households, Statuses, Documents, Needs, NameKeys;

        public void Add(SyntheticBatch b)
        {
            People += b.Persons.Count;
            Households += b.Households.Count;
            Statuses += b.Statuses.Count;
            Documents += b.Documents.Count;
            Needs += b.Needs.Count;
            NameKeys += b.NameKeys.Count;
        }
    }
}
