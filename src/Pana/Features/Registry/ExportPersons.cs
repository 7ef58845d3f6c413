using System.Globalization;
using Microsoft.Extensions.Localization;
using Pana.Data.Audit;
using Pana.Data.Registry;
using Pana.Features.Audit;
using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>
/// Writes the people a registry search finds to CSV or XLSX, only those the user may see (the search starts
/// from PersonScope), at most 100,000 rows. The export is audited before the first row leaves, and again with
/// the count once the file is complete.
/// </summary>
public sealed class ExportPersons(SearchPersons search, AuditLog audit, IStringLocalizer<UiText> t)
{
    public const string XlsxType = TableWriter.XlsxType;
    public const int MaxRows = 100_000;

    private static readonly string[] Headers =
    [
        UiText.Key("Id"), UiText.Key("Registration number"), UiText.Key("Given name"), UiText.Key("Family name"), UiText.Key("Patronymic"),
        UiText.Key("Name in Latin script"), UiText.Key("Name in Cyrillic script"), UiText.Key("Sex"), UiText.Key("Date of birth"),
        UiText.Key("Date of birth precision"), UiText.Key("Country of origin"), UiText.Key("Operation"), UiText.Key("Region"),
        UiText.Key("Population type"), UiText.Key("Household"),
    ];

    public async Task WriteAsync(SearchPersons.Filter filter, bool xlsx, Stream output, CancellationToken ct)
    {
        var format = xlsx ? "XLSX" : "CSV";
        await audit.WriteAsync(AuditAction.Export, "Registry", "", $"Registry exported as {format}: {Describe(filter)}", ct);
        var count = 0;
        await using (var table = TableWriter.Create(output, xlsx ? TableFormat.Xlsx : TableFormat.Csv))
        {
            await table.WriteRowAsync(Headers.Select(h => t[h].Value));
            await foreach (var row in search.StreamAsync(filter).WithCancellation(ct))
            {
                await table.WriteRowAsync(Cells(row).Select(c => xlsx ? c : Inert(c)));
                if (++count >= MaxRows)
                {
                    break;
                }
            }
            await table.CompleteAsync(ct);
        }
        var limit = count >= MaxRows ? $" (the limit of {MaxRows} reached)" : "";
        await audit.WriteAsync(AuditAction.Export, "Registry", "", $"Registry export as {format} complete: {count} people{limit}", ct);
    }

    private static IEnumerable<string?> Cells(SearchPersons.Row r) =>
    [
        r.Id.ToString(), r.RegistrationNumber, r.GivenName, r.FamilyName, r.Patronymic, r.LatinName, r.CyrillicName, r.Sex.ToString(),
        BirthDate(r.BirthDate, r.BirthDatePrecision), r.BirthDatePrecision.ToString(), r.OriginCode, r.OperationCode, r.RegionCode,
        r.PopulationTypeCode, r.HouseholdNumber,
    ];

    /// <summary>A date of birth written only as far as it is known (1986, 1986-03, 1986-03-02), as the import template reads it.</summary>
    private static string BirthDate(DateOnly? date, DatePrecision precision) => (date, precision) switch
    {
        (null, _) or (_, DatePrecision.Unknown) => "",
        ({ } d, DatePrecision.Year) => d.ToString("yyyy", CultureInfo.InvariantCulture),
        ({ } d, DatePrecision.Month) => d.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ({ } d, _) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    // A CSV cell that starts like a formula is run by spreadsheet programs; a leading apostrophe keeps it text.
    private static string? Inert(string? cell) => cell is ['=' or '+' or '-' or '@', ..] ? "'" + cell : cell;

    private static string Describe(SearchPersons.Filter f)
    {
        var parts = new[]
        {
            ("text", f.Q), ("operation", f.Operation), ("region", f.Region), ("population type", f.PopulationType), ("origin", f.Origin),
            ("need", f.Need), ("age", f.AgeBand is { } band ? AgeBands.Name(band) : null),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={p.Item2}").ToList();
        return parts.Count == 0 ? "everyone the user may see" : string.Join(", ", parts);
    }
}
