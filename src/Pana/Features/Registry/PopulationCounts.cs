using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>
/// Keeps today's population counts (PopulationCount) in step with the registry. Every write that can move a person
/// into, out of or between cells (a registration, a status step, a change of sex, birth date, origin or operation, a
/// merge, an import) calls Adjust with the people it touched, inside or right after its transaction: each person's
/// cell is recomputed from the records and, if it changed, the person is moved (CountedPerson says where they were).
/// The date moves people too: a new day re-bands those who crossed 5, 12, 18 or 60 and applies status steps that took
/// effect, and Rebuild recomputes everything in one set-based pass (first start, bulk loads, the command
/// "population-counts"). Writers of the counts queue on the one PopulationCountState row.
/// </summary>
public static class PopulationCounts
{
    public static readonly IReadOnlyList<string> Bands = ["0-4", "5-11", "12-17", "18-59", "60+"];
    private static readonly int[] Thresholds = [5, 12, 18, 60];
    private const int Chunk = 500;

    /// <summary>A cell of the statistics; a person is counted in one cell or in none.</summary>
    public sealed record Cell(string Operation, string Type, string? SubType, string? Origin, Sex Sex, string? AgeBand);

    /// <summary>The age band on a day; a person is n years old from the day their birth date is n years back (as search's age filter).</summary>
    public static string? AgeBand(DateOnly? born, DateOnly day)
    {
        if (born is not { } b)
        {
            return null;
        }
        for (var i = 0; i < Thresholds.Length; i++)
        {
            if (b > day.AddYears(-Thresholds[i]))
            {
                return Bands[i];
            }
        }
        return Bands[^1];
    }

    /// <summary>Moves the given people to the cells their records put them in today. Call it after every registry write that touches them.</summary>
    public static async Task AdjustAsync(PanaDb db, IEnumerable<Guid> personIds, CancellationToken ct = default)
    {
        var ids = personIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        await InTransactionAsync(db, async () =>
        {
            if (await LockAsync(db, ct) is { } day)
            {
                await MoveAsync(db, ids, day, ct);
            }
        }, ct);
    }

    /// <summary>The day the counts hold, or null when they were never computed.</summary>
    public static Task<DateOnly?> AsOfAsync(PanaDb db, CancellationToken ct = default) =>
        db.PopulationCountStates.AsNoTracking().Where(s => s.Id == PopulationCountState.Only).Select(s => s.AsOf).FirstOrDefaultAsync(ct);

    /// <summary>Before the app serves: computes the counts if they never were, else brings them to today.</summary>
    public static async Task PrepareAsync(PanaDb db, DateOnly today, CancellationToken ct = default)
    {
        if (await AsOfAsync(db, ct) is null)
        {
            await RebuildAsync(db, today, ct);
        }
        else
        {
            await RefreshAsync(db, today, ct);
        }
    }

    /// <summary>
    /// Brings the counts to a later day: only the people whose age band changed since (birth dates in four ranges) and
    /// those with a status step that took effect since are moved. Returns the day the counts then hold.
    /// </summary>
    public static async Task<DateOnly?> RefreshAsync(PanaDb db, DateOnly today, CancellationToken ct = default)
    {
        var asOf = await AsOfAsync(db, ct);
        if (asOf is null || asOf >= today)
        {
            return asOf;
        }
        if (today.DayNumber - asOf.Value.DayNumber > 366)
        {
            await RebuildAsync(db, today, ct);
            return today;
        }
        await InTransactionAsync(db, async () =>
        {
            if (await LockAsync(db, ct) is not { } from || from >= today)
            {
                return;
            }
            var (a5, a12, a18, a60) = (from.AddYears(-5), from.AddYears(-12), from.AddYears(-18), from.AddYears(-60));
            var (t5, t12, t18, t60) = (today.AddYears(-5), today.AddYears(-12), today.AddYears(-18), today.AddYears(-60));
            var ids = await db.Persons.Where(p => p.MergedIntoId == null && ((p.BirthDate > a5 && p.BirthDate <= t5) || (p.BirthDate > a12 && p.BirthDate <= t12)
                    || (p.BirthDate > a18 && p.BirthDate <= t18) || (p.BirthDate > a60 && p.BirthDate <= t60)))
                .Select(p => p.Id).ToListAsync(ct);
            ids.AddRange(await db.LegalStatuses.Where(s => s.EffectiveFrom > from && s.EffectiveFrom <= today).Select(s => s.PersonId).ToListAsync(ct));
            await db.PopulationCountStates.Where(s => s.Id == PopulationCountState.Only).ExecuteUpdateAsync(s => s.SetProperty(x => x.AsOf, today), ct);
            await MoveAsync(db, ids.Distinct().ToList(), today, ct);
        }, ct);
        return today;
    }

    /// <summary>Recomputes every count from the records in one set-based pass: after bulk loads, on first start, on demand.</summary>
    public static async Task RebuildAsync(PanaDb db, DateOnly day, CancellationToken ct = default)
    {
        var (c5, c12, c18, c60) = (day.AddYears(-5), day.AddYears(-12), day.AddYears(-18), day.AddYears(-60));
        var database = db.Database;
        database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await InTransactionAsync(db, async () =>
        {
            await database.ExecuteSqlAsync($"""INSERT INTO "PopulationCountStates" ("Id", "Writes") VALUES ({PopulationCountState.Only}, 0) ON CONFLICT ("Id") DO NOTHING""", ct);
            await LockAsync(db, ct);
            await database.ExecuteSqlRawAsync("""DELETE FROM "CountedPersons" """, ct);
            await database.ExecuteSqlRawAsync("""DELETE FROM "PopulationCounts" """, ct);
            await database.ExecuteSqlAsync($"""
                INSERT INTO "CountedPersons" ("PersonId", "OperationCode", "PopulationTypeCode", "PopulationSubTypeCode", "OriginCode", "Sex", "AgeBand")
                SELECT p."Id", p."OperationCode", s."PopulationTypeCode", s."PopulationSubTypeCode", p."OriginCode", p."Sex",
                    CASE WHEN p."BirthDate" IS NULL THEN NULL WHEN p."BirthDate" > {c5} THEN '0-4' WHEN p."BirthDate" > {c12} THEN '5-11'
                         WHEN p."BirthDate" > {c18} THEN '12-17' WHEN p."BirthDate" > {c60} THEN '18-59' ELSE '60+' END
                FROM "Persons" p
                JOIN "LegalStatuses" s ON s."Id" = (SELECT x."Id" FROM "LegalStatuses" x WHERE x."PersonId" = p."Id" AND x."EffectiveFrom" <= {day}
                                                    ORDER BY x."EffectiveFrom" DESC, x."RecordedAt" DESC, x."Id" DESC LIMIT 1)
                WHERE p."MergedIntoId" IS NULL AND s."PopulationTypeCode" IS NOT NULL
                """, ct);
            // A few thousand cells at most: grouped by the database, given their keys here.
            var cells = await db.CountedPersons.GroupBy(m => new { m.OperationCode, m.PopulationTypeCode, m.PopulationSubTypeCode, m.OriginCode, m.Sex, m.AgeBand })
                .Select(g => new { g.Key, Persons = g.Count() }).ToListAsync(ct);
            foreach (var part in cells.Chunk(100))
            {
                await InsertAsync(db, "PopulationCounts", ["Id", "OperationCode", "PopulationTypeCode", "PopulationSubTypeCode", "OriginCode", "Sex", "AgeBand", "Persons"],
                    part.Select(c => new object?[] { Guid.CreateVersion7(), c.Key.OperationCode, c.Key.PopulationTypeCode, c.Key.PopulationSubTypeCode, c.Key.OriginCode, c.Key.Sex.ToString(), c.Key.AgeBand, c.Persons }), ct);
            }
            var now = DateTime.UtcNow;
            await db.PopulationCountStates.Where(s => s.Id == PopulationCountState.Only)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.AsOf, day).SetProperty(x => x.RebuiltAt, now), ct);
        }, ct);
        database.SetCommandTimeout(null);
    }

    /// <summary>Takes the counts' lock (the state row) and returns the day they hold; null if they were never computed.</summary>
    private static async Task<DateOnly?> LockAsync(PanaDb db, CancellationToken ct)
    {
        var locked = await db.PopulationCountStates.Where(s => s.Id == PopulationCountState.Only).ExecuteUpdateAsync(s => s.SetProperty(x => x.Writes, x => x.Writes + 1), ct);
        return locked == 0 ? null : await AsOfAsync(db, ct);
    }

    private static async Task MoveAsync(PanaDb db, List<Guid> ids, DateOnly day, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(Chunk))
        {
            // The status in force is picked here, not in SQL: EF turns a per-person FirstOrDefault into a window over every status of the registry.
            var inForce = (await db.LegalStatuses.AsNoTracking().Where(s => chunk.Contains(s.PersonId) && s.EffectiveFrom <= day)
                    .Select(s => new { s.PersonId, s.EffectiveFrom, s.RecordedAt, s.Id, s.PopulationTypeCode, s.PopulationSubTypeCode })
                    .ToListAsync(ct))
                .GroupBy(s => s.PersonId)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id).First());
            var now = (await db.Persons.AsNoTracking().Where(p => chunk.Contains(p.Id) && p.MergedIntoId == null)
                    .Select(p => new { p.Id, p.OperationCode, p.OriginCode, p.Sex, p.BirthDate })
                    .ToListAsync(ct))
                .Where(x => inForce.GetValueOrDefault(x.Id)?.PopulationTypeCode is not null)
                .ToDictionary(x => x.Id, x => new Cell(x.OperationCode, inForce[x.Id].PopulationTypeCode!, inForce[x.Id].PopulationSubTypeCode, x.OriginCode, x.Sex,
                    AgeBand(x.BirthDate, day)));
            var was = await db.CountedPersons.AsNoTracking().Where(m => chunk.Contains(m.PersonId))
                .ToDictionaryAsync(m => m.PersonId, m => new Cell(m.OperationCode, m.PopulationTypeCode, m.PopulationSubTypeCode, m.OriginCode, m.Sex, m.AgeBand), ct);
            var moved = chunk.Where(id => was.GetValueOrDefault(id) != now.GetValueOrDefault(id)).ToList();
            if (moved.Count == 0)
            {
                continue;
            }
            var delta = new Dictionary<Cell, int>();
            foreach (var id in moved)
            {
                if (was.TryGetValue(id, out var from))
                {
                    delta[from] = delta.GetValueOrDefault(from) - 1;
                }
                if (now.TryGetValue(id, out var to))
                {
                    delta[to] = delta.GetValueOrDefault(to) + 1;
                }
            }
            await db.CountedPersons.Where(m => moved.Contains(m.PersonId)).ExecuteDeleteAsync(ct);
            await InsertCountedAsync(db, moved.Where(now.ContainsKey).Select(id => (id, now[id])).ToList(), ct);
            // In one order for every writer: an import's group and a registration by hand lock the cells they share alike, never crosswise.
            foreach (var (cell, d) in delta.Where(x => x.Value != 0).OrderBy(x => x.Key.Operation, StringComparer.Ordinal).ThenBy(x => x.Key.Type, StringComparer.Ordinal)
                .ThenBy(x => x.Key.SubType, StringComparer.Ordinal).ThenBy(x => x.Key.Origin, StringComparer.Ordinal).ThenBy(x => x.Key.Sex)
                .ThenBy(x => x.Key.AgeBand, StringComparer.Ordinal))
            {
                await AddAsync(db, cell, d, ct);
            }
        }
        await db.PopulationCounts.Where(c => c.Persons <= 0).ExecuteDeleteAsync(ct);
    }

    private static async Task AddAsync(PanaDb db, Cell cell, int d, CancellationToken ct)
    {
        var (op, type, sub, origin, sex, band) = (cell.Operation, cell.Type, cell.SubType, cell.Origin, cell.Sex, cell.AgeBand);
        var updated = await db.PopulationCounts
            .Where(c => c.OperationCode == op && c.PopulationTypeCode == type && c.PopulationSubTypeCode == sub && c.OriginCode == origin && c.Sex == sex && c.AgeBand == band)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Persons, c => c.Persons + d), ct);
        if (updated == 0 && d > 0)
        {
            await InsertAsync(db, "PopulationCounts", ["Id", "OperationCode", "PopulationTypeCode", "PopulationSubTypeCode", "OriginCode", "Sex", "AgeBand", "Persons"],
                [[Guid.CreateVersion7(), op, type, sub, origin, sex.ToString(), band, d]], ct);
        }
    }

    private static async Task InsertCountedAsync(PanaDb db, List<(Guid Id, Cell Cell)> rows, CancellationToken ct)
    {
        foreach (var part in rows.Chunk(100))
        {
            await InsertAsync(db, "CountedPersons", ["PersonId", "OperationCode", "PopulationTypeCode", "PopulationSubTypeCode", "OriginCode", "Sex", "AgeBand"],
                part.Select(r => new object?[] { r.Id, r.Cell.Operation, r.Cell.Type, r.Cell.SubType, r.Cell.Origin, r.Cell.Sex.ToString(), r.Cell.AgeBand }), ct);
        }
    }

    /// <summary>One multi-row INSERT with parameters, past the change tracker: the counts are derived data, not records to audit.</summary>
    private static async Task InsertAsync(PanaDb db, string table, string[] columns, IEnumerable<object?[]> rows, CancellationToken ct)
    {
        var values = new List<string>();
        var args = new List<object?>();
        foreach (var row in rows)
        {
            values.Add("(" + string.Join(", ", row.Select((_, k) => $"{{{args.Count + k}}}")) + ")");
            args.AddRange(row);
        }
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES {string.Join(", ", values)}";
        await db.Database.ExecuteSqlAsync(FormattableStringFactory.Create(sql, [.. args]), ct);
    }

    /// <summary>Joins the caller's transaction (so the counts commit with the write), or runs in one of its own.</summary>
    private static async Task InTransactionAsync(PanaDb db, Func<Task> work, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work();
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await work();
        await tx.CommitAsync(ct);
    }
}
