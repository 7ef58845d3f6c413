using Pana.Features.Registry;

namespace Pana.Features.Statistics;

/// <summary>
/// The population tables of a fact sheet on a day: refugees and asylum-seekers by country of origin,
/// stateless people by recognised / undetermined nationality. Origins with fewer people than the
/// threshold are counted under "Others", which also keeps small groups from being singled out.
/// </summary>
public sealed class PopulationTables(PopulationFigures figures)
{
    public const int DefaultThreshold = 5;

    public sealed record Row(string? Code, int Persons);

    public sealed record Table(string PopulationTypeCode, List<Row> Rows, int Total);

    public sealed record Result(string Operation, DateOnly On, int Total, List<Table> ByOrigin, List<Row> StatelessBySubType, int Threshold);

    public async Task<Result> HandleAsync(string operation, DateOnly on, int threshold = DefaultThreshold, CancellationToken ct = default)
    {
        threshold = Math.Clamp(threshold, 1, 1000);
        var cells = await figures.OnAsync(operation, on, ct);
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
        return new Result(operation, on, cells.Sum(c => c.Persons), tables, stateless, threshold);
    }

    private static int Order(string type) => type switch { "REF" => 0, "ASY" => 1, "RET" => 2, _ => 3 };
}
