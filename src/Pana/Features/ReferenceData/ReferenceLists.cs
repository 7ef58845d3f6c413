using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Reference;

namespace Pana.Features.ReferenceData;

/// <summary>The reference lists administrators keep, each with its address slug, and how to read and change one.</summary>
public static class ReferenceLists
{
    public static readonly IReadOnlyList<ReferenceKind> All =
    [
        new ReferenceKind<Country>("countries", UiText.Key("Countries"), db => db.Countries, canAdd: true, c => c.Alpha2),
        new ReferenceKind<Operation>("operations", UiText.Key("Operations"), db => db.Operations, canAdd: false, o => o.CountryCode),
        new ReferenceKind<Region>("regions", UiText.Key("Regions"), db => db.Regions, canAdd: false, r => r.CountryCode),
        new ReferenceKind<PopulationType>("population-types", UiText.Key("Population types"), db => db.PopulationTypes, canAdd: true, _ => ""),
        new ReferenceKind<PopulationSubType>("population-sub-types", UiText.Key("Population sub-types"), db => db.PopulationSubTypes, canAdd: false, s => s.PopulationTypeCode),
        new ReferenceKind<SpecificNeedCategory>("specific-needs", UiText.Key("Specific needs"), db => db.SpecificNeedCategories, canAdd: true, _ => ""),
        new ReferenceKind<DocumentType>("document-types", UiText.Key("Document types"), db => db.DocumentTypes, canAdd: true, _ => ""),
    ];

    public static ReferenceKind? Find(string? slug) => All.FirstOrDefault(k => k.Slug == slug);
}

/// <summary>One entry as pages and the API show it; Parent is the country or type it belongs to, if any.</summary>
public sealed record ReferenceRow(string Code, string NameEn, string NameRu, string NameKk, bool IsActive, string Parent, int Version)
{
    public string Name => ReferenceNames.Pick(NameEn, NameRu, NameKk);
}

public abstract class ReferenceKind(string slug, string title, bool canAdd)
{
    public string Slug => slug;
    /// <summary>The English title, which is also its localization key.</summary>
    public string Title => title;
    /// <summary>Lists whose entries are fixed by a standard (regions, operations) can be renamed but not added to.</summary>
    public bool CanAdd => canAdd;

    public abstract Task<List<ReferenceRow>> ListAsync(PanaDb db, string? q, CancellationToken ct);
    public abstract Task<int> CountAsync(PanaDb db, CancellationToken ct);
    public abstract Task<IReferenceItem?> FindAsync(PanaDb db, string code, CancellationToken ct);
    public abstract IReferenceItem Add(PanaDb db, string code);
    public abstract ReferenceRow RowOf(IReferenceItem item);
}

public sealed class ReferenceKind<T>(string slug, string title, Func<PanaDb, DbSet<T>> set, bool canAdd, Func<T, string> parent)
    : ReferenceKind(slug, title, canAdd) where T : class, IReferenceItem, new()
{
    public override async Task<List<ReferenceRow>> ListAsync(PanaDb db, string? q, CancellationToken ct)
    {
        // Reference lists are small (a few hundred rows at most), so one page holds a whole list; filtering
        // in memory also folds case in Cyrillic, which SQLite's upper() does not.
        var items = await set(db).AsNoTracking().OrderBy(e => e.Code).Take(1000).ToListAsync(ct);
        return items.Where(e => Text.Matches(q, e.Code, e.NameEn, e.NameRu, e.NameKk)).Select(RowOf).ToList();
    }

    public override Task<int> CountAsync(PanaDb db, CancellationToken ct) => set(db).CountAsync(ct);

    public override async Task<IReferenceItem?> FindAsync(PanaDb db, string code, CancellationToken ct) =>
        await set(db).SingleOrDefaultAsync(e => e.Code == code, ct);

    public override IReferenceItem Add(PanaDb db, string code)
    {
        var item = new T { Code = code };
        set(db).Add(item);
        return item;
    }

    public override ReferenceRow RowOf(IReferenceItem item) =>
        new(item.Code, item.NameEn, item.NameRu, item.NameKk, item.IsActive, parent((T)item), item.Version);
}
