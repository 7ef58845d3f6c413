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
