using Microsoft.EntityFrameworkCore;
using Pana.Data;

namespace Pana.Features.Registry;

/// <summary>
/// Hands out readable registration numbers per operation and year: KAZ-25-004711 for people,
/// KAZ-25-H00123 for households. Each number is taken by one update of its counter row inside the caller's
/// transaction, which holds the row until it commits: a registration that comes meanwhile waits for it and takes
/// the next number, never one already taken (read and written back, a number by hand was taken from what was committed,
/// one an import's open group held: it failed on it, or deadlocked with the import on PostgreSQL).
/// </summary>
public sealed class RegistrationNumbers(PanaDb db)
{
    public async Task<string> NextPersonAsync(string prefix, DateOnly on, CancellationToken ct) => (await ReservePeopleAsync(prefix, on, 1, ct))[0];

    public async Task<string> NextHouseholdAsync(string prefix, DateOnly on, CancellationToken ct) => (await ReserveHouseholdsAsync(prefix, on, 1, ct))[0];

    /// <summary>Reserves numbers for this many people at once, in one counter update (an import); in order.</summary>
    public async Task<List<string>> ReservePeopleAsync(string prefix, DateOnly on, int count, CancellationToken ct) =>
        (await ReserveAsync($"{prefix}-{on:yy}", count, ct)).Select(n => $"{prefix}-{on:yy}-{n:000000}").ToList();

    /// <summary>Reserves numbers for this many households at once, in one counter update; in order.</summary>
    public async Task<List<string>> ReserveHouseholdsAsync(string prefix, DateOnly on, int count, CancellationToken ct) =>
        (await ReserveAsync($"{prefix}-{on:yy}-H", count, ct)).Select(n => $"{prefix}-{on:yy}-H{n:00000}").ToList();

    // The version moves too: the counter stays a concurrency token for anything that edits it as an entity.
    private async Task<IEnumerable<int>> ReserveAsync(string key, int count, CancellationToken ct)
    {
        if (count == 0)
        {
            return [];
        }
        await db.Database.ExecuteSqlAsync($"INSERT INTO \"RegistrationCounters\" (\"Prefix\", \"Next\", \"Version\") VALUES ({key}, 1, 0) ON CONFLICT (\"Prefix\") DO NOTHING", ct);
        var next = (await db.Database.SqlQuery<int>(
            $"UPDATE \"RegistrationCounters\" SET \"Next\" = \"Next\" + {count}, \"Version\" = \"Version\" + 1 WHERE \"Prefix\" = {key} RETURNING \"Next\" AS \"Value\"")
            .ToListAsync(ct)).Single();
        return Enumerable.Range(next - count, count);
    }
}
