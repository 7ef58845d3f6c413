using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace Pana.Tests.Registry;

/// <summary>
/// An import file for one test run: three good households (one written in Cyrillic, two in Latin) and five
/// bad rows, with names and ids no other test uses, so that the shared app's registry does not get in the way.
/// </summary>
public sealed class ImportFiles
{
    // Consonants that read the same in both scripts keep the made-up family names apart from everyone else's.
    private const string Latin = "bdfgklmnprstvz";
    private const string Cyrillic = "бдфгклмнпрствз";

    public ImportFiles()
    {
        var letters = Enumerable.Range(0, 8).Select(_ => Random.Shared.Next(Latin.Length)).ToArray();
        Suffix = Guid.NewGuid().ToString("N")[..10];
        // The made-up part leads: names that share a long beginning look like one name misspelt to the matcher.
        LatinFamily = char.ToUpperInvariant(Latin[letters[0]]) + new string(letters.Skip(1).Select(i => Latin[i]).ToArray()) + "ahmadi";
        CyrillicFamily = char.ToUpperInvariant(Cyrillic[letters[0]]) + new string(letters.Skip(1).Select(i => Cyrillic[i]).ToArray()) + "рахими";
    }

    public string Suffix { get; }
    public string LatinFamily { get; }
    public string CyrillicFamily { get; }

    public string Person(int n) => $"P{n}-{Suffix}";
    public string Household(int n) => $"H{n}-{Suffix}";

    public static readonly string[] Header =
    [
        "person_id", "household_id", "relationship", "given_name", "family_name", "sex", "birth_date", "nationality", "origin", "region",
        "consent_given", "consent_date", "population_type", "status_from", "needs", "document_type", "document_number", "confirm_new",
    ];

    /// <summary>The same made-up people are imported by every test in the shared registry, so they confirm they are new.
    /// Lines 2–7 are three good households; 8 has an impossible date (and takes 9 down with it), 10 an unknown country, 11 no person_id, 12 an unknown sex.</summary>
    public List<string[]> Rows() =>
    [
        [Person(1), Household(1), "FocalPoint", "Мухаммад", CyrillicFamily, "M", "1986", "AFG", "AFG", "KZ-75", "yes", "2025-03-02", "ASY", "2025-03-02", "SM;LP", "PASSPORT", $"P{Suffix}", "yes"],
        [Person(2), Household(1), "Spouse", "Зарина", CyrillicFamily, "Ж", "12.05.1990", "AFG", "AFG", "KZ-75", "", "", "ASY", "", "", "", "", "yes"],
        [Person(3), Household(1), "son", "Али", CyrillicFamily, "M", "2015-06", "AFG", "AFG", "KZ-75", "", "", "", "", "", "", "", "yes"],
        [Person(4), Household(2), "FocalPoint", "Farid", LatinFamily, "male", "1979-02-11", "AFG", "AFG", "KZ-75", "yes", "01.03.2025", "REF", "", "", "", "", "yes"],
        [Person(5), Household(2), "Daughter", "Laila", LatinFamily, "F", "2010", "AFG", "AFG", "", "", "", "REF", "", "", "", "", "yes"],
        [Person(6), Household(3), "", "Nodira", LatinFamily + "ova", "F", "1995-04-30", "UZB", "UZB", "", "", "", "", "", "", "", "", "yes"],
        [Person(7), Household(4), "FocalPoint", "Bahrom", LatinFamily, "M", "31.02.1990", "TJK", "TJK", "", "", "", "", "", "", "", "", "yes"],
        [Person(8), Household(4), "Son", "Sino", LatinFamily, "M", "2012", "TJK", "TJK", "", "", "", "", "", "", "", "", "yes"],
        [Person(9), Household(5), "FocalPoint", "Omid", LatinFamily, "M", "1988", "AFG", "QQQ", "", "", "", "", "", "", "", "", "yes"],
        ["", Household(6), "FocalPoint", "Hamid", LatinFamily, "M", "1970", "AFG", "AFG", "", "", "", "", "", "", "", "", "yes"],
        [Person(11), Household(7), "FocalPoint", "Javid", LatinFamily, "X", "1975", "AFG", "AFG", "", "", "", "", "", "", "", "", "yes"],
    ];

    public byte[] Csv(char delimiter = ',', IEnumerable<string[]>? rows = null, string[]? header = null, bool bom = false)
    {
        static string Cell(string value, char delimiter) =>
            value.IndexOfAny([delimiter, '"', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
        var text = new StringBuilder();
        foreach (var row in (rows ?? Rows()).Prepend(header ?? Header))
        {
            text.Append(string.Join(delimiter, row.Select(v => Cell(v, delimiter)))).Append("\r\n");
        }
        return [.. (bom ? Encoding.UTF8.Preamble : []), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The same rows as a workbook the way Excel saves one: shared and inline strings, years as numbers, full dates as date cells.</summary>
    public byte[] Xlsx()
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = new Stylesheet(
                new Fonts(new Font()), new Fills(new Fill()), new Borders(new Border()),
                new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }));
            var strings = new List<string>();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            var line = 0u;
            foreach (var values in Rows().Prepend(Header))
            {
                var row = new Row { RowIndex = ++line };
                for (var i = 0; i < values.Length; i++)
                {
                    if (values[i].Length > 0)
                    {
                        row.Append(Cell(values[i], $"{(char)('A' + i)}{line}", strings));
                    }
                }
                data.Append(row);
            }
            sheet.Worksheet = new Worksheet(data);
            workbook.AddNewPart<SharedStringTablePart>().SharedStringTable = new SharedStringTable(strings.Select(s => new SharedStringItem(new Text(s))));
            workbook.Workbook = new Workbook(new Sheets(new Sheet { Name = "People", SheetId = 1, Id = workbook.GetIdOfPart(sheet) }));
        }
        return buffer.ToArray();
    }

    private static Cell Cell(string value, string reference, List<string> strings)
    {
        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new Cell { CellReference = reference, StyleIndex = 1, CellValue = new CellValue(date.ToOADate().ToString(CultureInfo.InvariantCulture)) };
        }
        if (value.All(char.IsAsciiDigit))
        {
            return new Cell { CellReference = reference, CellValue = new CellValue(value) };
        }
        if (reference[0] % 2 == 0)
        {
            return new Cell(new InlineString(new Text(value))) { CellReference = reference, DataType = CellValues.InlineString };
        }
        strings.Add(value);
        return new Cell { CellReference = reference, DataType = CellValues.SharedString, CellValue = new CellValue((strings.Count - 1).ToString(CultureInfo.InvariantCulture)) };
    }

    /// <summary>The text of every row of a workbook's first sheet, once the workbook is found valid by the Open XML schema.</summary>
    public static List<List<string>> ReadXlsx(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var problems = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = new List<List<string>>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                // Empty cells are left out of a sheet: the reference says where a cell goes.
                var column = cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).Aggregate(0, (n, c) => (n * 26) + c - 'A' + 1) - 1;
                cells.AddRange(Enumerable.Repeat("", Math.Max(0, column + 1 - cells.Count)));
                cells[column] = cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText
                    : cell.DataType?.Value == CellValues.SharedString ? shared[int.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture)]
                    : cell.CellValue?.Text ?? "";
            }
            rows.Add(cells);
        }
        return rows;
    }
}
