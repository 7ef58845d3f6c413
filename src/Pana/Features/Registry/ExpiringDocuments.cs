using Microsoft.EntityFrameworkCore;
using Pana.Data;

namespace Pana.Features.Registry;

/// <summary>Documents that expire within the coming days (30 by default), soonest first, of people the user may see.</summary>
public sealed class ExpiringDocuments(PanaDb db, PersonScope scope, TimeProvider clock)
{
    public sealed record Row(Guid PersonId, string RegistrationNumber, string Name, string LatinName, string DocumentTypeCode, string Number, DateOnly ExpiresOn, int DaysLeft);

    public async Task<List<Row>> HandleAsync(string? operation, int days = 30, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(Math.Clamp(days, 1, 366));
        var people = scope.Persons;
        if (!string.IsNullOrWhiteSpace(operation))
        {
            people = people.Where(p => p.OperationCode == operation);
        }
        var rows = await (from d in db.PersonDocuments
                          join p in people on d.PersonId equals p.Id
                          where d.ExpiresOn >= today && d.ExpiresOn <= until
                          orderby d.ExpiresOn, p.RegistrationNumber
                          select new { p.Id, p.RegistrationNumber, p.GivenName, p.FamilyName, p.LatinName, d.DocumentTypeCode, d.Number, d.ExpiresOn })
            .Take(1000).ToListAsync(ct);
        return rows.Select(r => new Row(r.Id, r.RegistrationNumber, $"{r.GivenName} {r.FamilyName}".Trim(), r.LatinName, r.DocumentTypeCode, r.Number,
            r.ExpiresOn!.Value, r.ExpiresOn.Value.DayNumber - today.DayNumber)).ToList();
    }
}
