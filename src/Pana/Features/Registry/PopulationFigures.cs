using Microsoft.EntityFrameworkCore;
using Pana.Data;

namespace Pana.Features.Registry;

/// <summary>
/// The population of concern on a given day by population type, sub-type and country of origin,
/// from each person's status in force that day. Aggregates only: government viewers may read it.
/// </summary>
public sealed class PopulationFigures(PanaDb db)
{
    public sealed record Cell(string PopulationTypeCode, string? PopulationSubTypeCode, string? OriginCode, int Persons);

    public async Task<List<Cell>> OnAsync(string operation, DateOnly day, CancellationToken ct = default)
    {
        var inForce = db.Persons.Where(p => p.OperationCode == operation && p.MergedIntoId == null)
            .Select(p => new
            {
                Status = db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= day)
                    .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.RecordedAt).FirstOrDefault(),
                p.OriginCode,
            })
            .Where(x => x.Status != null && x.Status.PopulationTypeCode != null)
            .Select(x => new { Type = x.Status!.PopulationTypeCode!, x.Status.PopulationSubTypeCode, x.OriginCode });
        return await inForce.GroupBy(x => new { x.Type, x.PopulationSubTypeCode, x.OriginCode })
            .Select(g => new Cell(g.Key.Type, g.Key.PopulationSubTypeCode, g.Key.OriginCode, g.Count()))
            .ToListAsync(ct);
    }
}
