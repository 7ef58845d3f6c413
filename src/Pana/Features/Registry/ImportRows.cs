using System.Globalization;
using Microsoft.Extensions.Localization;
using Pana.Data.Registry;
using Pana.Infrastructure.Tables;
using static Pana.Features.Registry.ImportTemplate;

namespace Pana.Features.Registry;

/// <summary>One data row of an import file: what it says, the household member it describes once read, and what became of it.</summary>
internal sealed class ImportRow(int line, IReadOnlyDictionary<string, string> values)
{
    public int Line { get; } = line;
    /// <summary>The cells as the file holds them, by template column.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = values;
    public string HouseholdId => Values.GetValueOrDefault(ImportTemplate.HouseholdId, "").Trim();
    public string PersonId => Values.GetValueOrDefault(ImportTemplate.PersonId, "").Trim();
    /// <summary>Empty when the file leaves it out: then a household of one row has it as its focal point.</summary>
    public Relationship? Relationship { get; set; }
    /// <summary>The member to register, when the row could be read.</summary>
    public RegisterHousehold.Member? Member { get; set; }
    public List<RowError> Errors { get; } = [];
    public ImportRowState State { get; set; }

    public bool Failed => Errors.Count > 0;

    /// <summary>
    /// The row is in the registry, or was before: only its line and state are reported, so its cells and member go. A
    /// file's rows are read whole before the first is checked, and those cells were most of an import's live memory.
    /// </summary>
    public void Settle(ImportRowState state)
    {
        State = state;
        Values = Settled;
        Member = null;
    }

    private static readonly IReadOnlyDictionary<string, string> Settled = new Dictionary<string, string>();

    public void Fail(string column, string message)
    {
        Errors.Add(new RowError(column, message));
        State = ImportRowState.Rejected;
    }
}

internal enum ImportRowState { Pending, Imported, Skipped, Rejected }

/// <summary>Reads the cells of one row into a household member; what cannot be read is reported by column, in the user's language.</summary>
internal sealed class ImportRowReader(IStringLocalizer<UiText> t, DateOnly today)
{
    private static readonly string[] ExactDates = ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"];
    private static readonly string[] MonthDates = ["yyyy-MM", "MM.yyyy", "M.yyyy"];

    /// <param name="source">The row as read from the file.</param>
    /// <param name="columns">Each template column the file has, with its position.</param>
    /// <param name="width">How many columns the header row names.</param>
    public ImportRow Read(TableRow source, IReadOnlyList<(string Name, int Index)> columns, int width)
    {
        var values = columns.ToDictionary(c => c.Name, c => c.Index < source.Values.Length ? source.Values[c.Index] : "");
        var row = new ImportRow(source.Line, values);
        if (source.Values.Skip(width).Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            row.Fail("", t["The row has more cells than the header; is a comma or semicolon in a cell not quoted?"]);
        }
        string Text(string column) => values.TryGetValue(column, out var v) ? v.Trim() : "";
        foreach (var (column, max) in MaxLengths)
        {
            if (Text(column).Length > max)
            {
                row.Fail(column, t["At most {0} characters.", max]);
            }
        }
        if (row.HouseholdId.Length == 0)
        {
            row.Fail(HouseholdId, t["Enter the household's id in the source system."]);
        }
        if (row.PersonId.Length == 0)
        {
            row.Fail(PersonId, t["Enter the person's id in the source system."]);
        }
        row.Relationship = Choice<Relationship>(row, ImportTemplate.Relationship, Text(ImportTemplate.Relationship));
        var sex = SexOf(row, Text(ImportTemplate.Sex));
        var (born, precision) = BirthDateOf(row, Text(BirthDate));
        var marital = Choice<MaritalStatus>(row, ImportTemplate.MaritalStatus, Text(ImportTemplate.MaritalStatus)) ?? Data.Registry.MaritalStatus.Unknown;
        var consent = YesNo(row, ConsentGiven, Text(ConsentGiven));
        var confirm = YesNo(row, ConfirmNew, Text(ConfirmNew));
        var details = new PersonDetails
        {
            GivenName = Text(GivenName),
            FamilyName = Text(FamilyName),
            Patronymic = Text(Patronymic),
            Sex = sex,
            BirthDate = born,
            BirthDatePrecision = precision,
            NationalityCode = Code(Text(Nationality)),
            OriginCode = Code(Text(Origin)),
            Ethnicity = Text(Ethnicity),
            Languages = Text(Languages),
            MaritalStatus = marital,
            Phone = Text(Phone),
            RegionCode = Code(Text(Region)),
            City = Text(City),
            Address = Text(Address),
            ConsentGiven = consent,
            ConsentDate = Date(row, ConsentDate, Text(ConsentDate)),
            ConsentPurpose = Text(ConsentPurpose),
        };
        var status = Status(row, Text);
        var needs = Text(Needs).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant()).Distinct().Select(c => new NeedEntry(c, null, null)).ToList();
        var document = Document(row, Text);
        if (!row.Failed)
        {
            row.Member = new RegisterHousehold.Member(details, row.Relationship ?? Data.Registry.Relationship.FocalPoint, status, needs,
                document is null ? [] : [document], row.PersonId, confirm);
        }
        return row;
    }

    private StatusStep? Status(ImportRow row, Func<string, string> text)
    {
        var type = Code(text(PopulationType));
        var from = Date(row, StatusFrom, text(StatusFrom));
        if (type is null)
        {
            if (text(PopulationSubType).Length > 0 || text(StatusFrom).Length > 0 || text(StatusBasis).Length > 0)
            {
                row.Fail(PopulationType, t["Enter the population type, or leave the status columns empty."]);
            }
            return null;
        }
        return new StatusStep(type, Code(text(PopulationSubType)), from ?? today, text(StatusBasis));
    }

    private DocumentEntry? Document(ImportRow row, Func<string, string> text)
    {
        var type = Code(text(DocumentType));
        var issued = Date(row, DocumentIssued, text(DocumentIssued));
        var expires = Date(row, DocumentExpires, text(DocumentExpires));
        if (type is null)
        {
            if (new[] { DocumentNumber, DocumentIssuer, DocumentIssued, DocumentExpires }.Any(c => text(c).Length > 0))
            {
                row.Fail(DocumentType, t["Enter the document type, or leave the document columns empty."]);
            }
            return null;
        }
        return new DocumentEntry(type, text(DocumentNumber), text(DocumentIssuer), issued, expires);
    }

    private Sex SexOf(ImportRow row, string value)
    {
        switch (value.ToLowerInvariant())
        {
            case "" or "u" or "unknown":
                return Data.Registry.Sex.Unknown;
            case "f" or "female" or "ж" or "жен" or "женский":
                return Data.Registry.Sex.Female;
            case "m" or "male" or "м" or "муж" or "мужской":
                return Data.Registry.Sex.Male;
            default:
                row.Fail(ImportTemplate.Sex, t["Unknown sex {0}; write F, M or U.", value]);
                return Data.Registry.Sex.Unknown;
        }
    }

    private (DateOnly?, DatePrecision) BirthDateOf(ImportRow row, string value)
    {
        if (value.Length == 0)
        {
            return (null, DatePrecision.Unknown);
        }
        if (DateOnly.TryParseExact(value, ExactDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var exact))
        {
            return (exact, DatePrecision.Exact);
        }
        if (DateOnly.TryParseExact(value, MonthDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return (month, DatePrecision.Month);
        }
        if (value.Length == 4 && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            return (new DateOnly(year, 1, 1), DatePrecision.Year);
        }
        row.Fail(BirthDate, t["Not a date of birth: {0}; write yyyy-MM-dd, dd.MM.yyyy, yyyy-MM or yyyy.", value]);
        return (null, DatePrecision.Unknown);
    }

    private DateOnly? Date(ImportRow row, string column, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }
        if (DateOnly.TryParseExact(value, ExactDates, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        row.Fail(column, t["Not a date: {0}; write yyyy-MM-dd or dd.MM.yyyy.", value]);
        return null;
    }

    private bool YesNo(ImportRow row, string column, string value)
    {
        switch (value.ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "1" or "да" or "иә":
                return true;
            case "" or "no" or "n" or "false" or "0" or "нет" or "жоқ":
                return false;
            default:
                row.Fail(column, t["Write yes or no, not {0}.", value]);
                return false;
        }
    }

    /// <summary>An enum value by its name, ignoring case, spaces, dashes and underscores (focal_point, Focal point); never by number.</summary>
    private TEnum? Choice<TEnum>(ImportRow row, string column, string value) where TEnum : struct, Enum
    {
        if (value.Length == 0)
        {
            return null;
        }
        var wanted = new string(value.Where(char.IsLetter).ToArray());
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TEnum>(name);
            }
        }
        row.Fail(column, t["Unknown value {0}; write one of {1}.", value, string.Join(", ", Enum.GetNames<TEnum>())]);
        return null;
    }

    private static string? Code(string value) => value.Length == 0 ? null : value.ToUpperInvariant();
}
