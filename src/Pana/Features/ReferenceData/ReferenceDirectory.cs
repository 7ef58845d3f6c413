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

    /// <summary>The active entries of a list (countries, operations, regions, population-types, population-sub-types, specific-needs, document-types).</summary>
    public async Task<List<Choice>> ChoicesAsync(string list, CancellationToken ct = default)
    {
        var kind = ReferenceLists.Find(list) ?? throw new ArgumentException($"No reference list {list}", nameof(list));
        return (await kind.ListAsync(db, null, ct)).Where(r => r.IsActive).Select(r => new Choice(r.Code, r.Name, r.Parent))
            .OrderBy(c => list == "countries" ? c.Name : c.Code, StringComparer.CurrentCulture).ToList();
    }

    public async Task<List<OperationSummary>> OperationsAsync(CancellationToken ct = default)
    {
        var operations = await db.Operations.AsNoTracking().OrderBy(o => o.Code).ToListAsync(ct);
        var regions = await db.Regions.AsNoTracking().GroupBy(r => r.CountryCode).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return operations.Select(o => new OperationSummary(o.Code, o.Name(), o.CountryCode, regions.GetValueOrDefault(o.CountryCode))).ToList();
    }
}

/// <summary>A choice of a reference list for a form: code, name in the UI language, and the country or type it belongs to.</summary>
public sealed record Choice(string Code, string Name, string Parent);

public sealed record OperationSummary(string Code, string Name, string CountryCode, int Regions);
