using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Reference;

namespace Pana.Features.ReferenceData;

/// <summary>The door through which other capabilities read reference lists: organisations, operations, regions.</summary>
public sealed class ReferenceDirectory(PanaDb db)
{
    public async Task<List<OrganisationRow>> OrganisationsAsync(OrganisationType? type = null, string? q = null, CancellationToken ct = default)
    {
        var query = db.Organisations.AsNoTracking();
        if (type is { } t)
        {
            query = query.Where(o => o.Type == t);
        }
        var rows = await query.OrderBy(o => o.Type).ThenBy(o => o.Code).Take(1000).ToListAsync(ct);
        return rows.Where(o => Text.Matches(q, o.Code, o.Acronym, o.NameEn, o.NameRu, o.NameKk)).Select(OrganisationRow.Of).ToList();
    }

    public async Task<List<OperationSummary>> OperationsAsync(CancellationToken ct = default)
    {
        var operations = await db.Operations.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().GroupBy(r => r.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return operations.Select(o => new OperationSummary(o.Code, o.Name(), o.CountryCode, regions.GetValueOrDefault(o.CountryCode))).ToList();
    }
}

public sealed record OperationSummary(string Code, string Name, string CountryCode, int Regions);
