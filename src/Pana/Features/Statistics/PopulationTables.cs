using Pana.Data.Registry;
using Pana.Features.Registry;

namespace Pana.Features.Statistics;

/// <summary>
/// The population tables of a fact sheet on a day: refugees and asylum-seekers by country of origin,
/// stateless people by recognised / undetermined nationality, and everyone of concern by sex and age band.
/// Origins with fewer people than the threshold are counted under "Others", which also keeps small groups
/// from being singled out.
/// </summary>
public sealed class PopulationTables(PopulationFigures figures)
{
    public const int DefaultThreshold = 5;

    public sealed record Row(string? Code, int Persons);

    public sealed record Table(string PopulationTypeCode, List<Row> Rows, int Total);

    /// <summary>One age band ("0-4" ... "60+", null: date of birth not known) by sex.</summary>
    public sealed record AgeRow(string? AgeBand, int Female, int Male, int Unknown, int Total);

    /// <summary>Source "counts": today's figures as kept by every registry write, as of CountedAt; "history": computed for the day from the status histories.</summary>
    public sealed record Result(string Operation, DateOnly On, string Source, DateTime CountedAt, int Total, List<Table> ByOrigin, List<Row> StatelessBySubType,
        List<AgeRow> BySexAndAge, int Threshold);

    public async Task<Result> HandleAsync(string operation, DateOnly on, int threshold = DefaultThreshold, CancellationToken ct = default)
    {
        threshold = Math.Clamp(threshold, 1, 1000);
        var read = await figures.ReadAsync(operation, on, ct);
        var cells = read.Cells;
        var tables = cells.Where(c => c.PopulationTypeCode != "STA").GroupBy(c => c.PopulationTypeCode).OrderBy(g => Order(g.Key)).Select(g =>
        {
            var byOrigin = g.GroupBy(c => c.OriginCode).Select(o => new Row(o.Key, o.Sum(c => c.Persons))).ToList();
            var named = byOrigin.Where(r => r.Code is not null && r.Persons >= threshold).OrderByDescending(r => r.Persons).ToList();
            var others = byOrigin.Except(named).Sum(r => r.Persons);
            if (others > 0)
            {
                named.Add(new Row(null, others));
            }
            return new Table(g.Key, named, g.Sum(c => c.Persons));
        }).ToList();
        var stateless = cells.Where(c => c.PopulationTypeCode == "STA").GroupBy(c => c.PopulationSubTypeCode)
            .Select(g => new Row(g.Key, g.Sum(c => c.Persons))).OrderBy(r => r.Code).ToList();
        return new Result(operation, on, read.Source, read.CountedAt, read.Total, tables, stateless, BySexAndAge(cells), threshold);
    }

    /// <summary>Every band in order, empty ones too, so that tables of two days line up; people without a date of birth last, if any.</summary>
    private static List<AgeRow> BySexAndAge(List<PopulationFigures.Cell> cells)
    {
        AgeRow Row(string? band)
        {
            var inBand = cells.Where(c => c.AgeBand == band).ToList();
            int Of(Sex sex) => inBand.Where(c => c.Sex == sex).Sum(c => c.Persons);
            return new AgeRow(band, Of(Sex.Female), Of(Sex.Male), Of(Sex.Unknown), inBand.Sum(c => c.Persons));
        }
        var rows = PopulationCounts.Bands.Select(Row).ToList();
        if (Row(null) is { Total: > 0 } unknown)
        {
            rows.Add(unknown);
        }
        return rows;
    }

    private static int Order(string type) => type switch { "REF" => 0, "ASY" => 1, "RET" => 2, _ => 3 };
}
