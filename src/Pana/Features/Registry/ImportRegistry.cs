using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Features.Audit;
using Pana.Features.Matching;
using Pana.Features.Registry.Synthetic;
using Pana.Infrastructure;
using Pana.Infrastructure.Tables;
using static Pana.Features.Registry.ImportTemplate;

namespace Pana.Features.Registry;

/// <summary>
/// Imports people and households from a CSV or XLSX file in the import template (docs/import-template.md).
/// Every row is read and checked; each household is checked by RegisterHousehold's rules (codes against lists read
/// once per file) and against the registry and the rows before it for duplicates, so the rules, the duplicate check,
/// the user's organisation and the audit are those of a registration by hand; households are then written a few
/// hundred at a time (<see cref="RegisterHouseholds"/>) in transactions of a few thousand. A household is registered
/// whole or not at all. A row whose person_id the operation already holds is skipped, so importing the same file again
/// creates nobody twice.
/// </summary>
public sealed partial class ImportRegistry(PanaDb db, RegisterHousehold register, RegisterHouseholds bulk, PersonRules rules, DuplicateCheck check,
    AuditLog audit, IStringLocalizer<UiText> t, TimeProvider clock, IServiceScopeFactory scopes, BatchSlot batches)
{
    public const int MaxRows = 100_000;

    /// <summary>Households checked together: one query for their duplicate keys, one write.</summary>
    private const int BatchSize = 250;

    /// <summary>
    /// Households written in one transaction, a few batches: each commit writes every page its inserts touched and a
    /// checkpoint copies them back, so fewer commits write far fewer pages. On the 1M registry 1,000 households took 99 s
    /// for 100,000 rows, 2,500 took 82 and 86 s, 5,000 took 83 s.
    /// </summary>
    private const int GroupSize = 2_500;

    /// <summary>
    /// On SQLite, whose one writer is the import while a group is open: how long the import leaves the database free after
    /// a group, which holds it <see cref="HoldAtMost"/> at most. A registration by hand (or a view's audit line) retries its
    /// begin on a timer, and found the database taken again at once after each commit: a clerk waited up to 28 s during an
    /// import into the 1M registry, against 3.1 and 3.4 s at most with these bounds.
    /// </summary>
    private static readonly TimeSpan GiveWay = TimeSpan.FromMilliseconds(250);

    /// <summary>See <see cref="GiveWay"/>; a test of group semantics holds longer, so that a slow machine does not split its group.</summary>
    internal static TimeSpan HoldAtMost { get; set; } = TimeSpan.FromSeconds(2);

    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>Where RegisterHousehold's field errors are in the template.</summary>
    private static readonly Dictionary<string, string> FieldColumns = new()
    {
        ["Person.GivenName"] = GivenName,
        ["Person.FamilyName"] = FamilyName,
        ["Person.Patronymic"] = Patronymic,
        ["Person.BirthDate"] = BirthDate,
        ["Person.NationalityCode"] = Nationality,
        ["Person.OriginCode"] = Origin,
        ["Person.RegionCode"] = Region,
        ["Person.Phone"] = Phone,
        ["Person.ConsentDate"] = ConsentDate,
        ["Status.PopulationTypeCode"] = PopulationType,
        ["Status.PopulationSubTypeCode"] = PopulationSubType,
        ["Status.EffectiveFrom"] = StatusFrom,
        ["Needs.CategoryCode"] = Needs,
        ["Documents.DocumentTypeCode"] = DocumentType,
        ["Documents.Number"] = DocumentNumber,
        ["Documents.ExpiresOn"] = DocumentExpires,
        ["ExternalId"] = PersonId,
        ["ExistingPersonId"] = PersonId,
    };

    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    // What holds a row back: a match likely in a registry of this size (each doubling past the calibration asks one more bit),
    // so that in a registry of millions a stranger of the same names and sex does not stop the import; the check by hand shows every candidate.
    private MatchThresholds likely = MatchThresholds.Default;

    public async Task<ImportReport> HandleAsync(Stream file, string fileName, string operationCode, CancellationToken ct)
    {
        var report = await ImportAsync(file, fileName, operationCode, ct);
        var name = Shown(fileName);
        var summary = report.Problem is { } problem
            ? $"Import of file {name} into {operationCode} refused: {problem}"
            : $"Import of file {name} into {operationCode}: {report.Imported} people, {report.Households} households, {report.Rejected.Count} rejected, {report.Skipped} already imported";
        await audit.WriteAsync(AuditAction.Create, "Registry", "import", summary, ct);
        return report;
    }

    private async Task<ImportReport> ImportAsync(Stream file, string fileName, string operationCode, CancellationToken ct)
    {
        if (TableReader.FormatOf(fileName) is not { } format)
        {
            return ImportReport.Refused(t["Upload a .csv or .xlsx file."]);
        }
        if (!await db.Operations.AnyAsync(o => o.Code == operationCode && o.IsActive, ct))
        {
            return ImportReport.Refused(t["Choose the operation."]);
        }
        // Reading the rows and checking them against the registry is the heavy part: it waits for any other batch job.
        using (await batches.TakeAsync(ct))
        {
            return await ImportFileAsync(file, format, fileName, operationCode, ct);
        }
    }

    private async Task<ImportReport> ImportFileAsync(Stream file, TableFormat format, string fileName, string operationCode, CancellationToken ct)
    {
        Table table;
        try
        {
            table = await TableReader.ReadAsync(file, format, MaxRows, ct);
        }
        catch (TableException e)
        {
            return ImportReport.Refused(Problem(e.Problem));
        }
        var (columns, problem) = Columns(table.Headers);
        if (problem is not null)
        {
            return ImportReport.Refused(problem);
        }
        var reader = new ImportRowReader(t, Today);
        var rows = table.Rows.Select(r => reader.Read(r, columns, table.Headers.Count)).ToList();
        var (tableFormat, delimiter) = (table.Format, table.Delimiter);
        table = null!; // the cells live on in the rows; the table's copy can go
        MarkRepeatedPeople(rows);
        var known = await KnownAsync(operationCode, rows, ct);
        await rules.UseCodeListsAsync(ct);
        likely = MatchThresholds.ForRegistryOf(await db.Persons.LongCountAsync(ct));
        var prefix = await db.Operations.Where(o => o.Code == operationCode).Select(o => o.RegistrationPrefix).SingleAsync(ct);
        // A user who sees everyone is held back only by a likely match; one scoped to an organisation also by any match hidden from them.
        using var second = scopes.CreateScope();
        var duplicates = new ImportDuplicates(db, second.ServiceProvider.GetRequiredService<PanaDb>(), check, check.SeesEveryone ? likely.Probable : null);
        var households = 0;
        var imported = new Dictionary<Guid, int>();
        var source = $"import of file {Shown(fileName)}";
        // Each batch is written on a connection of its own while the next is checked on the other two: both cores work.
        using var writing = scopes.CreateScope();
        var writerDb = writing.ServiceProvider.GetRequiredService<PanaDb>();
        // On PostgreSQL numbers are reserved on a connection of their own and committed at once: a clerk does not wait for a group.
        using var numbering = db.IsPostgres ? scopes.CreateScope() : null;
        await using (var loader = await BulkLoader.OpenAsync(writerDb, ct, relaxed: false))
        {
            var writer = new Writer(writing.ServiceProvider.GetRequiredService<RegisterHouseholds>(), writerDb, loader, prefix, source,
                writing.ServiceProvider.GetRequiredService<AuditLog>(), numbering?.ServiceProvider.GetRequiredService<RegistrationNumbers>());
            Task<Written>? saving = null;
            var memory = new WorkingSet.Budget();
            try
            {
                foreach (var batch in rows.GroupBy(r => r.HouseholdId).Chunk(BatchSize))
                {
                    ct.ThrowIfCancellationRequested();
                    (var written, saving) = await ImportBatchAsync(operationCode, batch, known, (duplicates, imported), saving, writer, ct);
                    households += written;
                    memory.Keep();
                }
                households += saving is null ? 0 : (await WrittenAsync(saving, writer, duplicates)).Households;
                saving = null;
                households += (await WrittenAsync(Task.Run(() => writer.CommitAsync(ct), ct), writer, duplicates)).Households;
            }
            finally
            {
                // The writer's context goes with its scope: a batch still being written (the import cancelled or failed) ends first.
                if (saving is not null)
                {
                    await ((Task)saving).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                await writer.CloseAsync();
            }
        }
        var rejected = rows.Where(r => r.State == ImportRowState.Rejected).OrderBy(r => r.Line).Select(r => new RejectedRow(r.Line, r.Errors, r.Values)).ToList();
        return new ImportReport(rows.Count, rows.Count(r => r.State == ImportRowState.Imported), households, rows.Count(r => r.State == ImportRowState.Skipped), rejected)
        {
            Columns = columns.Select(c => c.Name).ToList(),
            Format = tableFormat,
            Delimiter = delimiter,
        };
    }

    private (List<(string Name, int Index)>, string?) Columns(IReadOnlyList<string> headers)
    {
        var columns = new List<(string Name, int Index)>();
        var unknown = new List<string>();
        for (var i = 0; i < headers.Count; i++)
        {
            var name = headers[i].Trim().TrimStart('\uFEFF').ToLowerInvariant();
            if (name.Length == 0 || name == Error)
            {
                continue;
            }
            if (!ImportTemplate.Columns.Contains(name))
            {
                unknown.Add(headers[i].Trim());
            }
            else if (columns.Any(c => c.Name == name))
            {
                return (columns, t["The column {0} appears twice.", name]);
            }
            else
            {
                columns.Add((name, i));
            }
        }
        if (unknown.Count > 0)
        {
            return (columns, t["Unknown columns: {0}. The columns are those of the template.", string.Join(", ", unknown)]);
        }
        var missing = new[] { HouseholdId, PersonId }.Where(c => !columns.Any(k => k.Name == c)).ToList();
        return missing.Count > 0 ? (columns, t["The column {0} is missing.", string.Join(", ", missing)]) : (columns, null);
    }

    private void MarkRepeatedPeople(List<ImportRow> rows)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.PersonId.Length > 0))
        {
            if (!first.TryAdd(row.PersonId, row.Line))
            {
                row.Fail(PersonId, t["The person_id {0} is already on row {1}.", row.PersonId, first[row.PersonId]]);
            }
        }
    }

    private sealed record Known(HashSet<string> People, HashSet<string> Households);

    /// <summary>The person and household ids of the file that the operation already holds, from an earlier import.</summary>
    private async Task<Known> KnownAsync(string operationCode, List<ImportRow> rows, CancellationToken ct)
    {
        var people = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ids in rows.Select(r => r.PersonId).Where(id => id.Length > 0).Distinct().Chunk(500))
        {
            people.UnionWith(await db.Persons.Where(p => p.OperationCode == operationCode && p.ExternalId != null && ids.Contains(p.ExternalId))
                .Select(p => p.ExternalId!).ToListAsync(ct));
        }
        var households = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ids in rows.Select(r => r.HouseholdId).Where(id => id.Length > 0).Distinct().Chunk(500))
        {
            households.UnionWith(await db.Households.Where(h => h.OperationCode == operationCode && h.ExternalId != null && ids.Contains(h.ExternalId))
                .Select(h => h.ExternalId!).ToListAsync(ct));
        }
        return new Known(people, households);
    }

    /// <summary>What became of a batch's write: in the open group, committed with its group, or refused with it.</summary>
    private enum Written
    {
        Open,
        Committed,
        Failed,
    }

    /// <summary>
    /// Where and how batches are written: a context, a loader and the use case of their own, and the group of batches
    /// written in the transaction it holds open. Used by one task at a time.
    /// </summary>
    private sealed class Writer(RegisterHouseholds households, PanaDb db, BulkLoader loader, string prefix, string source, AuditLog audit,
        RegistrationNumbers? numbering)
    {
        private IDbContextTransaction? open;
        private readonly Stopwatch held = new();

        /// <summary>The households written in the open group, with their rows: settled by the importer when it commits or fails.</summary>
        public List<(RegisterHouseholds.Prepared Records, List<ImportRow> Rows)> Group { get; } = [];

        /// <summary>Writes the households in the open group (begun if none is), and commits the group once it is large enough.</summary>
        public async Task<Written> WriteAsync(List<(RegisterHouseholds.Prepared Records, List<ImportRow> Rows)> accepted, DateOnly on, CancellationToken ct)
        {
            Group.AddRange(accepted);
            try
            {
                if (open is null)
                {
                    open = await db.Database.BeginTransactionAsync(ct);
                    held.Restart();
                }
                await households.WriteAsync(loader, prefix, on, accepted.Select(a => a.Records).ToList(), source, ct, numbering);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                await CloseAsync();
                return Written.Failed;
            }
            if (Group.Count < GroupSize && (db.IsPostgres || held.Elapsed < HoldAtMost))
            {
                return Written.Open;
            }
            var written = await CommitAsync(ct);
            if (!db.IsPostgres)
            {
                await Task.Delay(GiveWay, CancellationToken.None);
            }
            return written;
        }

        /// <summary>Commits the open group, with the population counts of its people.</summary>
        public async Task<Written> CommitAsync(CancellationToken ct)
        {
            if (open is null)
            {
                return Written.Committed;
            }
            try
            {
                await PopulationCounts.AdjustAsync(db, Group.SelectMany(h => h.Records.Members).Select(m => m.Person.Id), ct);
                await open.CommitAsync(ct);
            }
            catch (Exception e) when (e is DbUpdateException or System.Data.Common.DbException)
            {
                await CloseAsync();
                return Written.Failed;
            }
            await CloseAsync();
            // The group's audit lines went in with its records, past SaveChanges.
            audit.Loaded();
            return Written.Committed;
        }

        /// <summary>Lets go of the open transaction, if any: what it did not commit is not in the registry.</summary>
        public async Task CloseAsync()
        {
            if (open is not null)
            {
                await open.DisposeAsync();
                open = null;
            }
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Checks a batch of households while the batch before it is written, then starts writing those that pass in one
    /// transaction; returns how many households of the batch before were written, and the batch now being written.
    /// </summary>
    private async Task<(int Written, Task<Written>? Saving)> ImportBatchAsync(string operationCode, IGrouping<string, ImportRow>[] batch, Known known,
        (ImportDuplicates Index, Dictionary<Guid, int> Lines) found, Task<Written>? previous, Writer writer, CancellationToken ct)
    {
        var (duplicates, imported) = found;
        var ready = new List<(RegisterHousehold.Command Command, List<ImportRow> Rows)>();
        foreach (var household in batch)
        {
            if (await CheckHouseholdAsync(operationCode, household.Key, household.ToList(), known, ct) is { } checkedHousehold)
            {
                ready.Add(checkedHousehold);
            }
        }
        var members = ready.SelectMany(h => h.Command.Members).ToList();
        await duplicates.PrepareAsync(members, ct);
        var written = 0;
        if (previous is not null)
        {
            (written, var saved) = await WrittenAsync(previous, writer, duplicates);
            if (!saved)
            {
                // This batch was checked against people who are not in the registry after all: it is checked again.
                await duplicates.PrepareAsync(members, ct);
            }
        }
        var accepted = new List<(RegisterHouseholds.Prepared Records, List<ImportRow> Rows)>();
        foreach (var (command, rows) in ready)
        {
            // A possible match alone does not hold an import up; a probable or certain one (for a registry of this size) waits for confirm_new.
            var blocking = command.Members.Select((m, i) => (Member: i, Report: m.ConfirmedNew ? null : duplicates.Find(m)))
                .Where(x => x.Report is { } r && Blocks(r)).ToList();
            if (blocking.Count > 0)
            {
                var numbers = await duplicates.NumbersAsync(blocking.SelectMany(b => Shown(b.Report!)).Select(c => c.PersonId).Where(id => !imported.ContainsKey(id)).ToList(), ct);
                foreach (var (member, report) in blocking)
                {
                    rows[member].Fail(ConfirmNew, DuplicateReason(report!, imported, numbers));
                }
                RejectHousehold(rows);
                continue;
            }
            var records = bulk.Prepare(command, Today);
            // The household's members do not hold each other up (twins); the rows after them are checked against them.
            foreach (var (m, row) in records.Members.Zip(rows))
            {
                imported[m.Person.Id] = row.Line;
                duplicates.Add(m.Person, m.Documents.Select(d => d.NumberKey).ToList(),
                    records.Members.Where(o => !ReferenceEquals(o, m)).Select(o => o.Person.GivenName).ToList());
            }
            accepted.Add((records, rows));
        }
        if (accepted.Count == 0)
        {
            return (written, null);
        }
        // SQLite's async calls run synchronously: the write gets a thread of its own.
        return (written, Task.Run(() => writer.WriteAsync(accepted, Today, ct), ct));
    }

    /// <summary>
    /// Waits for a batch's write and, once its group is committed, marks the group's rows imported; when the database
    /// refused the group, none of its rows is, and the people it added are forgotten. Returns the households committed.
    /// </summary>
    private async Task<(int Households, bool Saved)> WrittenAsync(Task<Written> write, Writer writer, ImportDuplicates duplicates)
    {
        var written = await write;
        var group = writer.Group.ToList();
        switch (written)
        {
            case Written.Open:
                return (0, true);
            case Written.Committed:
                duplicates.Committed();
                group.ForEach(h => h.Rows.ForEach(r => r.Settle(ImportRowState.Imported)));
                writer.Group.Clear();
                return (group.Count, true);
            default:
                duplicates.Forget();
                group.ForEach(h => h.Rows.ForEach(r => r.Fail("", t["The household could not be saved; import the file again to retry it."])));
                writer.Group.Clear();
                return (0, false);
        }
    }

    /// <summary>The household as a registration, when its rows pass every check but the duplicate check; null when rejected or skipped.</summary>
    private async Task<(RegisterHousehold.Command, List<ImportRow>)?> CheckHouseholdAsync(string operationCode, string householdId, List<ImportRow> rows, Known known,
        CancellationToken ct)
    {
        foreach (var row in rows.Where(r => known.People.Contains(r.PersonId)))
        {
            // Imported before: the registry's record stands, whatever the row says now.
            row.Errors.Clear();
            row.Settle(ImportRowState.Skipped);
        }
        var rest = rows.Where(r => r.State != ImportRowState.Skipped).ToList();
        if (rest.Count == 0)
        {
            return null;
        }
        if (householdId.Length > 0 && known.Households.Contains(householdId))
        {
            foreach (var row in rest)
            {
                row.Fail(HouseholdId, t["The household {0} is already registered; add new members to it in Pana.", householdId]);
            }
            return null;
        }
        if (rows.Count > 1)
        {
            foreach (var row in rest.Where(r => r.Relationship is null && r.Member is not null))
            {
                row.Fail(Relationship, t["Enter the relationship to the household's focal point."]);
            }
        }
        if (rest.Any(r => r.Failed))
        {
            RejectHousehold(rest);
            return null;
        }
        var command = new RegisterHousehold.Command(operationCode, null, Today, householdId, rest.Select(r => r.Member!).ToList());
        var errors = await register.ValidateAsync(command, imported: true, ct);
        if (errors.Any)
        {
            Place(errors, rest);
            RejectHousehold(rest);
            return null;
        }
        return (command, rest);
    }

    /// <summary>Puts RegisterHousehold's field errors (Members[2].Person.BirthDate) on the row and column they came from.</summary>
    private static void Place(IDictionary<string, string[]> errors, List<ImportRow> rows)
    {
        foreach (var (key, messages) in errors)
        {
            var (member, column) = Locate(key);
            foreach (var message in messages)
            {
                if (member is { } i && i < rows.Count)
                {
                    rows[i].Fail(column, message);
                }
                else
                {
                    rows.ForEach(r => r.Fail(column, message));
                }
            }
        }
    }

    private static (int? Member, string Column) Locate(string key)
    {
        if (MemberKey().Match(key) is { Success: true } m)
        {
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), FieldColumns.GetValueOrDefault(ItemIndex().Replace(m.Groups[2].Value, ""), ""));
        }
        return (null, key switch { "ExternalId" => HouseholdId, "Members" => Relationship, _ => "" });
    }

    private void RejectHousehold(List<ImportRow> rows)
    {
        var failed = string.Join(", ", rows.Where(r => r.Failed).Select(r => r.Line.ToString(CultureInfo.InvariantCulture)));
        foreach (var row in rows.Where(r => !r.Failed))
        {
            row.Fail(HouseholdId, t["The household was rejected because row {0} failed.", failed]);
        }
    }

    /// <summary>Matches outside the user's organisation are not shown, so they cannot be judged possible only: they hold the row too.</summary>
    private bool Blocks(DuplicateReport report) => report.HiddenOutsideScope > 0 || report.Candidates.Any(Likely);

    private bool Likely(DuplicateCandidate c) => likely.LevelOf(c.Score) >= MatchLevel.Probable;

    // The likely candidates a reason names.
    private IEnumerable<DuplicateCandidate> Shown(DuplicateReport report) => report.Candidates.Where(Likely).Take(3);

    /// <param name="report">The member's candidates.</param>
    /// <param name="imported">The line of each person this import registered, who may have no number yet.</param>
    /// <param name="numbers">The registration numbers of the registry's people named.</param>
    private string DuplicateReason(DuplicateReport report, Dictionary<Guid, int> imported, Dictionary<Guid, string> numbers)
    {
        var shown = Shown(report)
            .Select(c => $"{(imported.TryGetValue(c.PersonId, out var line) ? t["row {0} of this file", line].Value : numbers.GetValueOrDefault(c.PersonId, ""))} ({string.Join(", ", c.Reasons.Select(r => t[r].Value))})").ToList();
        if (report.HiddenOutsideScope > 0)
        {
            shown.Add(t["{0} people registered by other organisations", report.HiddenOutsideScope]);
        }
        return t["Possible duplicate of {0}; set confirm_new to yes to import anyway.", string.Join("; ", shown)];
    }

    private string Problem(TableProblem problem) => problem switch
    {
        TableProblem.NotUtf8 => t["The file is not in UTF-8; in Excel save it as CSV UTF-8."],
        TableProblem.NoHeader => t["The file is empty: its first row must hold the column names."],
        TableProblem.TooManyRows => t["The file has more than {0} rows; split it into smaller files.", MaxRows.ToString("N0", CultureInfo.CurrentCulture)],
        _ => t["The file cannot be read; save it again as .xlsx or as CSV UTF-8."],
    };

    /// <summary>The file's name as the audit log shows it: no folders, no control characters, not too long.</summary>
    private static string Shown(string fileName)
    {
        var name = new string(Path.GetFileName(fileName).Where(c => !char.IsControl(c)).ToArray());
        return name.Length <= 100 ? name : name[..100];
    }

    [GeneratedRegex(@"^Members\[(\d+)\]\.(.+)$")]
    private static partial Regex MemberKey();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex ItemIndex();
}
