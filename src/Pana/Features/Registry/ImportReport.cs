using System.Text.Json.Serialization;
using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>
/// What an import did: people and households registered, rows skipped because their person was imported
/// before, and the rows rejected with the reason for each. Problem is set when the file as a whole was
/// refused (unreadable, unknown columns, too many rows); then nothing was imported.
/// </summary>
public sealed record ImportReport(int Rows, int Imported, int Households, int Skipped, IReadOnlyList<RejectedRow> Rejected, string? Problem = null)
{
    /// <summary>The template columns the file had, in its order: the columns of the error file.</summary>
    [JsonIgnore] public IReadOnlyList<string> Columns { get; init; } = [];
    [JsonIgnore] public TableFormat Format { get; init; }
    [JsonIgnore] public char Delimiter { get; init; } = ',';

    public static ImportReport Refused(string problem) => new(0, 0, 0, 0, [], problem);

    [JsonIgnore] public string ErrorFileName => $"pana-import-errors.{TableWriter.Extension(Format)}";
    [JsonIgnore] public string ErrorFileType => TableWriter.ContentType(Format);

    /// <summary>
    /// Writes the rejected rows in the format of the imported file (CSV with its separator, or XLSX): the original
    /// cells and an "error" column. Corrected, the file can be imported again as it is.
    /// </summary>
    public async Task WriteErrorFileAsync(Stream output, CancellationToken ct)
    {
        await using var table = TableWriter.Create(output, Format, Delimiter);
        await table.WriteRowAsync(Columns.Append(ImportTemplate.Error));
        foreach (var row in Rejected)
        {
            await table.WriteRowAsync(Columns.Select(c => row.Values.GetValueOrDefault(c, "")).Append(row.Reason));
        }
        await table.CompleteAsync(ct);
    }
}

/// <summary>A row that was not imported: its line in the file, why (by column), and its cells as the file held them.</summary>
public sealed record RejectedRow(int Line, IReadOnlyList<RowError> Errors, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The first column at fault; empty when the fault is the row as a whole.</summary>
    public string Column => Errors.Count == 0 ? "" : Errors[0].Column;

    public string Reason => string.Join("; ", Errors.Select(e => e.Column.Length == 0 ? e.Message : $"{e.Column}: {e.Message}"));
}

public sealed record RowError(string Column, string Message);
