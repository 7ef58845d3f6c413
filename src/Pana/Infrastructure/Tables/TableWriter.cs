using System.Globalization;
using System.Text;
using System.Xml;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Pana.Infrastructure.Tables;

/// <summary>
/// Writes rows of text as CSV (UTF-8 with a BOM, so that Excel shows Cyrillic) or as a one-sheet XLSX, to any
/// stream, a response body included. The first row is the header. XLSX is written a row at a time (SAX) to a
/// scratch file and copied out when complete, since a package cannot be built on a stream that does not seek.
/// </summary>
public sealed class TableWriter : IAsyncDisposable
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string CsvType = "text/csv; charset=utf-8";

    private readonly Stream output;
    private readonly CsvWriter? csv;
    private readonly FileStream? scratch;
    private readonly SheetWriter? sheet;

    private TableWriter(Stream output, TableFormat format, char delimiter)
    {
        this.output = output;
        if (format == TableFormat.Csv)
        {
            var text = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
            csv = new CsvWriter(text, new CsvConfiguration(CultureInfo.InvariantCulture) { Delimiter = delimiter.ToString() });
        }
        else
        {
            scratch = TempFile.Create();
            sheet = new SheetWriter(scratch);
        }
    }

    public static TableWriter Create(Stream output, TableFormat format, char delimiter = ',') => new(output, format, delimiter);

    public static string ContentType(TableFormat format) => format == TableFormat.Xlsx ? XlsxType : CsvType;

    public static string Extension(TableFormat format) => format == TableFormat.Xlsx ? "xlsx" : "csv";

    public async Task WriteRowAsync(IEnumerable<string?> cells)
    {
        if (csv is not null)
        {
            foreach (var cell in cells)
            {
                csv.WriteField(cell ?? "");
            }
            await csv.NextRecordAsync();
        }
        else
        {
            sheet!.WriteRow(cells);
        }
    }

    /// <summary>Finishes the file and sends what is still buffered to the output.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (csv is not null)
        {
            await csv.FlushAsync();
            return;
        }
        sheet!.Dispose();
        scratch!.Position = 0;
        await scratch.CopyToAsync(output, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (csv is not null)
        {
            await csv.DisposeAsync();
        }
        sheet?.Dispose();
        if (scratch is not null)
        {
            await scratch.DisposeAsync();
        }
    }

    /// <summary>One worksheet written with OpenXmlWriter: inline strings, a bold frozen header row.</summary>
    private sealed class SheetWriter : IDisposable
    {
        private readonly SpreadsheetDocument document;
        private readonly OpenXmlWriter writer;
        private int row;
        private bool done;

        public SheetWriter(Stream stream)
        {
            document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
            var part = workbook.AddNewPart<WorksheetPart>();
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "Pana", SheetId = 1, Id = workbook.GetIdOfPart(part) }));
            writer = OpenXmlWriter.Create(part);
            writer.WriteStartElement(new Worksheet());
            writer.WriteElement(new SheetViews(new SheetView(
                new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen })
            { WorkbookViewId = 0 }));
            writer.WriteStartElement(new SheetData());
        }

        public void WriteRow(IEnumerable<string?> cells)
        {
            row++;
            var r = row.ToString(CultureInfo.InvariantCulture);
            writer.WriteStartElement(new Row(), [new OpenXmlAttribute("r", "", r)]);
            var column = 0;
            foreach (var value in cells)
            {
                column++;
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                var cell = new Cell(new InlineString(new Text(XmlSafe(value)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = ColumnName(column) + r,
                    DataType = CellValues.InlineString,
                };
                if (row == 1)
                {
                    cell.StyleIndex = 1;
                }
                writer.WriteElement(cell);
            }
            writer.WriteEndElement();
        }

        public void Dispose()
        {
            if (done)
            {
                return;
            }
            done = true;
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.Close();
            document.Dispose();
        }

        private static string ColumnName(int column)
        {
            var name = "";
            for (; column > 0; column = (column - 1) / 26)
            {
                name = (char)('A' + ((column - 1) % 26)) + name;
            }
            return name;
        }

        // Control characters pasted into a name would make the sheet's XML invalid.
        private static string XmlSafe(string value)
        {
            if (value.All(XmlConvert.IsXmlChar))
            {
                return value;
            }
            var safe = new StringBuilder(value.Length);
            for (var i = 0; i < value.Length; i++)
            {
                if (XmlConvert.IsXmlChar(value[i]))
                {
                    safe.Append(value[i]);
                }
                else if (i + 1 < value.Length && XmlConvert.IsXmlSurrogatePair(value[i + 1], value[i]))
                {
                    safe.Append(value, i++, 2);
                }
            }
            return safe.ToString();
        }
    }
}
