using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>
/// The population of concern on a given day by population type, sub-type, country of origin, sex and age band.
/// Today's figures are read from the counts the registry's writes keep (PopulationCounts); a past or future day is
/// computed from each person's status in force that day. Aggregates only: government viewers may read it.
/// </summary>
public sealed class PopulationFigures(PanaDb db, TimeProvider clock)
{
    /// <summary>AgeBand is "0-4", "5-11", "12-17", "18-59" or "60+", or null when the date of birth is not known.</summary>
    public sealed record Cell(string PopulationTypeCode, string? PopulationSubTypeCode, string? OriginCode, Sex Sex, string? AgeBand, int Persons);

    /// <summary>
    /// The figures of an operation on a day. Source "counts": kept with every registry write, exact as of the moment
    /// they were read (CountedAt); "history": computed from the status histories for that day.
    /// </summary>
    public sealed record Figures(string Operation, DateOnly On, string Source, DateTime CountedAt, int Total, List<Cell> Cells);

    public async Task<List<Cell>> OnAsync(string operation, DateOnly day, CancellationToken ct = default) =>
        (await ReadAsync(operation, day, ct)).Cells;

    public async Task<Figures> ReadAsync(string operation, DateOnly day, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var fromCounts = day == today && await PopulationCounts.RefreshAsync(db, today, ct) == today;
        var cells = fromCounts ? await CountsAsync(operation, ct) : await FromHistoryAsync(operation, day, ct);
        return new Figures(operation, day, fromCounts ? "counts" : "history", now, cells.Sum(c => c.Persons), cells);
    }

    private Task<List<Cell>> CountsAsync(string operation, CancellationToken ct) =>
        db.PopulationCounts.AsNoTracking().Where(c => c.OperationCode == operation && c.Persons > 0)
            .Select(c => new Cell(c.PopulationTypeCode, c.PopulationSubTypeCode, c.OriginCode, c.Sex, c.AgeBand, c.Persons))
            .ToListAsync(ct);

    /// <summary>The figures computed from every person's status in force on the day: exact for any day, linear in the registry.</summary>
    public async Task<List<Cell>> FromHistoryAsync(string operation, DateOnly day, CancellationToken ct = default)
    {
        // The same rule as PopulationCounts.AgeBand: n years old from the day the birth date is n years back.
        var (c5, c12, c18, c60) = (day.AddYears(-5), day.AddYears(-12), day.AddYears(-18), day.AddYears(-60));
        var inForce = db.Persons.Where(p => p.OperationCode == operation && p.MergedIntoId == null)
            .Select(p => new
            {
                Status = db.LegalStatuses.Where(s => s.PersonId == p.Id && s.EffectiveFrom <= day)
                    .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id).FirstOrDefault(),
                p.OriginCode,
                p.Sex,
                Band = p.BirthDate == null ? null : p.BirthDate > c5 ? "0-4" : p.BirthDate > c12 ? "5-11" : p.BirthDate > c18 ? "12-17" : p.BirthDate > c60 ? "18-59" : "60+",
            })
            .Where(x => x.Status != null && x.Status.PopulationTypeCode != null)
            .Select(x => new { Type = x.Status!.PopulationTypeCode!, x.Status.PopulationSubTypeCode, x.OriginCode, x.Sex, x.Band });
        return await inForce.GroupBy(x => new { x.Type, x.PopulationSubTypeCode, x.OriginCode, x.Sex, x.Band })
            .Select(g => new Cell(g.Key.Type, g.Key.PopulationSubTypeCode, g.Key.OriginCode, g.Key.Sex, g.Key.Band, g.Count()))
            .ToListAsync(ct);
    }
}
