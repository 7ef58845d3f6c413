using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>
/// Hands out readable registration numbers per operation and year: KAZ-25-004711 for people,
/// KAZ-25-H00123 for households. The counter row is a concurrency token, so two registrations at
/// once cannot take the same number: the second save fails and is retried.
/// </summary>
public sealed class RegistrationNumbers(PanaDb db)
{
    public async Task<string> NextPersonAsync(string prefix, DateOnly on, CancellationToken ct) =>
        $"{prefix}-{on:yy}-{await NextAsync($"{prefix}-{on:yy}", ct):000000}";

    public async Task<string> NextHouseholdAsync(string prefix, DateOnly on, CancellationToken ct) =>
        $"{prefix}-{on:yy}-H{await NextAsync($"{prefix}-{on:yy}-H", ct):00000}";

    /// <summary>Reserves numbers for this many people at once, in one counter update (an import); in order.</summary>
    public async Task<List<string>> ReservePeopleAsync(string prefix, DateOnly on, int count, CancellationToken ct) =>
        (await ReserveAsync($"{prefix}-{on:yy}", count, ct)).Select(n => $"{prefix}-{on:yy}-{n:000000}").ToList();

    /// <summary>Reserves numbers for this many households at once, in one counter update; in order.</summary>
    public async Task<List<string>> ReserveHouseholdsAsync(string prefix, DateOnly on, int count, CancellationToken ct) =>
        (await ReserveAsync($"{prefix}-{on:yy}-H", count, ct)).Select(n => $"{prefix}-{on:yy}-H{n:00000}").ToList();

    // The version moves too, so a registration by hand that read the counter before saves a conflict and takes the next number.
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

    private async Task<int> NextAsync(string key, CancellationToken ct)
    {
        var counter = db.RegistrationCounters.Local.FirstOrDefault(c => c.Prefix == key)
            ?? await db.RegistrationCounters.SingleOrDefaultAsync(c => c.Prefix == key, ct);
        if (counter is null)
        {
            counter = new RegistrationCounter { Prefix = key };
            db.RegistrationCounters.Add(counter);
        }
        return counter.Next++;
    }
}
