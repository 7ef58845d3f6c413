using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Reference;
using Pana.Features.Audit;

namespace Pana.Features.ReferenceData;

/// <summary>
/// Loads the reference lists shipped in Data/Reference/Seed on start: adds what is missing and never
/// overwrites what is there, so an administrator's edits survive upgrades.
/// </summary>
public sealed class ReferenceSeed(PanaDb db, AuditLog audit)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly (string Code, string Country, string Prefix, string En, string Ru, string Kk)[] OperationList =
    [
        ("KAZ", "KAZ", "KAZ", "Kazakhstan", "Казахстан", "Қазақстан"),
        ("UZB", "UZB", "UZB", "Uzbekistan", "Узбекистан", "Өзбекстан"),
        ("TKM", "TKM", "TKM", "Turkmenistan", "Туркменистан", "Түрікменстан"),
    ];

    public async Task RunAsync(CancellationToken ct = default)
    {
        // Seeded rows are described by one summary line rather than one line per country.
        using var quiet = audit.Summarised();
        var added = new List<string>();
        added.Add(await AddMissingAsync(db.Countries, Load<CountryRow>("countries.json").Select(r => new Country
        { Code = r.Code, Alpha2 = r.Alpha2, Numeric = r.Numeric, NameEn = r.NameEn, NameRu = r.NameRu, NameKk = r.NameKk }), ct));
        await db.SaveChangesAsync(ct);
        added.Add(await AddMissingAsync(db.Operations, OperationList.Select(o => new Operation
        { Code = o.Code, CountryCode = o.Country, RegistrationPrefix = o.Prefix, NameEn = o.En, NameRu = o.Ru, NameKk = o.Kk }), ct));
        added.Add(await AddMissingAsync(db.Regions, Load<RegionRow>("regions.json").Select(r => new Region
        {
            Code = r.Code,
            CountryCode = r.Country,
            Kind = Enum.Parse<RegionKind>(r.Kind, ignoreCase: true),
            NameEn = r.NameEn,
            NameRu = r.NameRu,
            NameKk = r.NameKk,
            AdminCentre = r.AdminCentreEn ?? "",
        }), ct));
        var types = Load<PopulationTypeRow>("population-types.json");
        added.Add(await AddMissingAsync(db.PopulationTypes, types.Select(t => new PopulationType { Code = t.Code, NameEn = t.NameEn, NameRu = t.NameRu, NameKk = t.NameKk }), ct));
        added.Add(await AddMissingAsync(db.PopulationSubTypes, types.SelectMany(t => t.SubTypes.Select(s => new PopulationSubType
        { Code = s.Code, PopulationTypeCode = t.Code, NameEn = s.NameEn, NameRu = s.NameRu, NameKk = s.NameKk })), ct));
        added.Add(await AddMissingAsync(db.SpecificNeedCategories, Load<NamedRow>("specific-needs.json").Select(r => new SpecificNeedCategory
        { Code = r.Code, NameEn = r.NameEn, NameRu = r.NameRu, NameKk = r.NameKk }), ct));
        added.Add(await AddMissingAsync(db.DocumentTypes, Load<NamedRow>("document-types.json").Select(r => new DocumentType
        { Code = r.Code, NameEn = r.NameEn, NameRu = r.NameRu, NameKk = r.NameKk }), ct));
        added.Add(await AddMissingAsync(db.Organisations, Load<OrganisationRow>("organisations.json").Select(r => new Organisation
        {
            Code = r.Code,
            Type = Enum.Parse<OrganisationType>(r.Type, ignoreCase: true),
            Acronym = r.Acronym ?? "",
            NameEn = r.NameEn,
            NameRu = r.NameRu,
            NameKk = r.NameKk,
            CountryCode = r.Country,
            City = r.City ?? "",
        }), ct));
        var summary = string.Join(", ", added.Where(a => a.Length > 0));
        if (summary.Length > 0)
        {
            audit.Add(AuditAction.System, "ReferenceData", "seed", $"Reference data seeded: {summary}");
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<string> AddMissingAsync<T>(DbSet<T> set, IEnumerable<T> rows, CancellationToken ct) where T : class, IReferenceItem
    {
        var existing = (await set.Select(e => e.Code).ToListAsync(ct)).ToHashSet();
        var missing = rows.Where(r => !existing.Contains(r.Code)).ToList();
        set.AddRange(missing);
        return missing.Count == 0 ? "" : $"{missing.Count} {typeof(T).Name}";
    }

    private static List<T> Load<T>(string file)
    {
        using var stream = typeof(ReferenceSeed).Assembly.GetManifestResourceStream($"Pana.Data.Reference.Seed.{file}")
            ?? throw new InvalidOperationException($"Missing embedded seed {file}");
        return JsonSerializer.Deserialize<List<T>>(stream, Json)!;
    }

    private sealed record NamedRow(string Code, string NameEn, string NameRu, string NameKk);
    private sealed record CountryRow(string Code, string Alpha2, string Numeric, string NameEn, string NameRu, string NameKk);
    private sealed record RegionRow(string Code, string Country, string Kind, string NameEn, string NameRu, string NameKk, string? AdminCentreEn);
    private sealed record PopulationTypeRow(string Code, string NameEn, string NameRu, string NameKk, List<NamedRow> SubTypes);
    private sealed record OrganisationRow(string Code, string Type, string? Acronym, string NameEn, string NameRu, string NameKk, string? Country, string? City);
}
