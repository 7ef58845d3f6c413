using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pana.Infrastructure.Tables;

public enum TableFormat { Csv, Xlsx }

/// <summary>A table read from a CSV or XLSX file: the header row, and the data rows with the line each came from.</summary>
public sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows, TableFormat Format, char Delimiter);

/// <summary>One data row as text, with its 1-based line (CSV record, or spreadsheet row number).</summary>
public sealed record TableRow(int Line, string[] Values);

public enum TableProblem { Unreadable, NotUtf8, NoHeader, TooManyRows }

/// <summary>The file cannot be read as a table at all; no row of it is used.</summary>
public sealed class TableException(TableProblem problem, Exception? inner = null) : Exception($"The table cannot be read: {problem}", inner)
{
    public TableProblem Problem { get; } = problem;
}

/// <summary>
/// Reads a CSV (UTF-8 with or without BOM; comma, semicolon or tab, as the header row shows) or the first
/// sheet of an XLSX workbook into rows of text. Spreadsheet dates stored as numbers come back as yyyy-MM-dd.
/// Empty rows are left out.
/// </summary>
public static class TableReader
{
    public static TableFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => TableFormat.Csv,
        ".xlsx" => TableFormat.Xlsx,
        _ => null,
    };

    public static async Task<Table> ReadAsync(Stream stream, TableFormat format, int maxRows, CancellationToken ct)
    {
        if (format == TableFormat.Csv)
        {
            return await ReadCsvAsync(stream, maxRows, ct);
        }
        if (stream.CanSeek)
        {
            return ReadXlsx(stream, maxRows, ct);
        }
        // A package is read by seeking in it; an upload that cannot seek is spooled to disk first.
        await using var copy = TempFile.Create();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return ReadXlsx(copy, maxRows, ct);
    }

    private static async Task<Table> ReadCsvAsync(Stream stream, int maxRows, CancellationToken ct)
    {
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            GetDelimiter = args => HeaderDelimiter(args.Text).ToString(),
            MissingFieldFound = null,
            BadDataFound = null,
        };
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        using var csv = new CsvParser(reader, config);
        try
        {
            if (!await csv.ReadAsync())
            {
                throw new TableException(TableProblem.NoHeader);
            }
            var headers = csv.Record!.ToArray();
            var rows = new List<TableRow>();
            while (await csv.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                var values = csv.Record!;
                if (values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (rows.Count == maxRows)
                {
                    throw new TableException(TableProblem.TooManyRows);
                }
                rows.Add(new TableRow(csv.Row, values));
            }
            return new Table(headers, rows, TableFormat.Csv, csv.Delimiter.FirstOrDefault(','));
        }
        catch (DecoderFallbackException e)
        {
            throw new TableException(TableProblem.NotUtf8, e);
        }
        catch (CsvHelperException e) when (e.InnerException is DecoderFallbackException)
        {
            throw new TableException(TableProblem.NotUtf8, e);
        }
    }

    /// <summary>The separator the header row uses: template headers hold none of the three, so the most frequent one wins.</summary>
    private static char HeaderDelimiter(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return new[] { ',', ';', '\t' }.OrderByDescending(d => header.Count(c => c == d)).First();
    }

    private static Table ReadXlsx(Stream stream, int maxRows, CancellationToken ct)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false);
            var workbook = document.WorkbookPart ?? throw new TableException(TableProblem.Unreadable);
            var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new TableException(TableProblem.NoHeader);
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id?.Value ?? throw new TableException(TableProblem.Unreadable));
            var cells = new CellText(workbook);
            string[]? headers = null;
            var rows = new List<TableRow>();
            using var reader = OpenXmlReader.Create(part);
            var line = 0;
            while (reader.Read())
            {
                if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
                {
                    continue;
                }
                ct.ThrowIfCancellationRequested();
                var row = (Row)reader.LoadCurrentElement()!;
                line = (int?)row.RowIndex?.Value ?? line + 1;
                var values = cells.Of(row);
                if (values.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (headers is null)
                {
                    headers = values;
                    continue;
                }
                if (rows.Count == maxRows)
                {
                    throw new TableException(TableProblem.TooManyRows);
                }
                rows.Add(new TableRow(line, values));
            }
            return new Table(headers ?? throw new TableException(TableProblem.NoHeader), rows, TableFormat.Xlsx, ',');
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or KeyNotFoundException or ArgumentOutOfRangeException)
        {
            throw new TableException(TableProblem.Unreadable, e);
        }
    }

    /// <summary>The text of a worksheet's cells: shared and inline strings, numbers, booleans, and numbers formatted as dates.</summary>
    private sealed class CellText
    {
        private readonly List<string> shared;
        private readonly HashSet<uint> dateStyles = [];

        public CellText(WorkbookPart workbook)
        {
            shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(Text).ToList() ?? [];
            var styles = workbook.WorkbookStylesPart?.Stylesheet;
            var custom = styles?.NumberingFormats?.Elements<NumberingFormat>()
                .Where(f => f.NumberFormatId is not null)
                .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
            var index = 0u;
            foreach (var format in styles?.CellFormats?.Elements<CellFormat>() ?? [])
            {
                var id = format.NumberFormatId?.Value ?? 0;
                if (IsBuiltInDate(id) || (custom.TryGetValue(id, out var code) && IsDateCode(code)))
                {
                    dateStyles.Add(index);
                }
                index++;
            }
        }

        public string[] Of(Row row)
        {
            var values = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : values.Count;
                while (values.Count <= column)
                {
                    values.Add("");
                }
                values[column] = Value(cell);
            }
            return [.. values];
        }

        private string Value(Cell cell)
        {
            var raw = cell.CellValue?.Text ?? "";
            var type = cell.DataType?.Value;
            if (type == CellValues.SharedString)
            {
                return int.TryParse(raw, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < shared.Count ? shared[i] : "";
            }
            if (type == CellValues.InlineString)
            {
                return cell.InlineString is { } inline ? Text(inline) : raw;
            }
            if (type == CellValues.Boolean)
            {
                return raw == "1" ? "true" : "false";
            }
            if (type == CellValues.Date)
            {
                return raw.Length >= 10 ? raw[..10] : raw;
            }
            if ((type is null || type == CellValues.Number)
                && double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) && number is >= 1 and < 2958466)
                {
                    return DateTime.FromOADate(number).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                }
                // A phone or a year typed into a cell is a whole number; show it without exponent or decimals.
                return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? number.ToString("0", CultureInfo.InvariantCulture) : raw;
            }
            return raw;
        }

        private static string Text(OpenXmlElement item) =>
            item.GetFirstChild<DocumentFormat.OpenXml.Spreadsheet.Text>()?.Text
            ?? string.Concat(item.Elements<Run>().Select(r => r.Text?.Text));

        private static int ColumnIndex(string reference)
        {
            var index = 0;
            foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
            {
                index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            }
            return index - 1;
        }

        private static bool IsBuiltInDate(uint id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

        private static bool IsDateCode(string code)
        {
            var plain = new StringBuilder();
            var quoted = false;
            var bracketed = false;
            foreach (var c in code)
            {
                quoted ^= c == '"';
                bracketed = c == '[' || (bracketed && c != ']');
                if (!quoted && !bracketed)
                {
                    plain.Append(char.ToLowerInvariant(c));
                }
            }
            return plain.ToString().IndexOfAny(['y', 'd']) >= 0;
        }
    }
}

/// <summary>A scratch file that is gone when closed, for work that needs a seekable stream (building or reading a package).</summary>
public static class TempFile
{
    public static FileStream Create() => new(Path.Combine(Path.GetTempPath(), $"pana-{Guid.NewGuid():N}.tmp"), FileMode.CreateNew, FileAccess.ReadWrite,
        FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
