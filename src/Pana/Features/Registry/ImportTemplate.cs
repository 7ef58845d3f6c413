using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>The columns of the registry's import template, as docs/import-template.md describes them, and a filled-in example.</summary>
public static class ImportTemplate
{
    public const string HouseholdId = "household_id";
    public const string PersonId = "person_id";
    public const string Relationship = "relationship";
    public const string GivenName = "given_name";
    public const string FamilyName = "family_name";
    public const string Patronymic = "patronymic";
    public const string Sex = "sex";
    public const string BirthDate = "birth_date";
    public const string Nationality = "nationality";
    public const string Origin = "origin";
    public const string Ethnicity = "ethnicity";
    public const string Languages = "languages";
    public const string MaritalStatus = "marital_status";
    public const string Phone = "phone";
    public const string Region = "region";
    public const string City = "city";
    public const string Address = "address";
    public const string ConsentGiven = "consent_given";
    public const string ConsentDate = "consent_date";
    public const string ConsentPurpose = "consent_purpose";
    public const string PopulationType = "population_type";
    public const string PopulationSubType = "population_sub_type";
    public const string StatusFrom = "status_from";
    public const string StatusBasis = "status_basis";
    public const string Needs = "needs";
    public const string DocumentType = "document_type";
    public const string DocumentNumber = "document_number";
    public const string DocumentIssuer = "document_issuer";
    public const string DocumentIssued = "document_issued";
    public const string DocumentExpires = "document_expires";
    public const string ConfirmNew = "confirm_new";
    /// <summary>The column an error file adds; a corrected error file can be imported as it is, this column is ignored.</summary>
    public const string Error = "error";

    public static readonly IReadOnlyList<string> Columns =
    [
        HouseholdId, PersonId, Relationship, GivenName, FamilyName, Patronymic, Sex, BirthDate, Nationality, Origin, Ethnicity, Languages,
        MaritalStatus, Phone, Region, City, Address, ConsentGiven, ConsentDate, ConsentPurpose, PopulationType, PopulationSubType, StatusFrom,
        StatusBasis, Needs, DocumentType, DocumentNumber, DocumentIssuer, DocumentIssued, DocumentExpires, ConfirmNew,
    ];

    /// <summary>The longest text a column may hold, as the registry keeps it (names are checked by the registration itself).</summary>
    public static readonly IReadOnlyDictionary<string, int> MaxLengths = new Dictionary<string, int>
    {
        [HouseholdId] = 100,
        [PersonId] = 100,
        [Ethnicity] = 100,
        [Languages] = 200,
        [Phone] = 40,
        [City] = 100,
        [Address] = 300,
        [ConsentPurpose] = 300,
        [StatusBasis] = 300,
        [DocumentNumber] = 60,
        [DocumentIssuer] = 200,
    };

    /// <summary>Two households of one person each: one written in Cyrillic, one in Latin script.</summary>
    public static readonly IReadOnlyList<string[]> Examples =
    [
        [
            "SRC-H-0001", "SRC-P-0001", "FocalPoint", "Мухаммад", "Рахими", "", "M", "1986", "AFG", "AFG", "таджик", "дари, русский",
            "Married", "+7 701 555 1234", "KZ-75", "Алматы", "ул. Абая 10, кв. 5", "yes", "2025-03-02", "Регистрация и направление к партнёрам",
            "ASY", "ASY-PEND", "2025-03-02", "Заявление в миграционную службу", "SM;LP", "PASSPORT", "P01234567", "МИД Афганистана",
            "2019-05-10", "2029-05-09", "no",
        ],
        [
            "SRC-H-0002", "SRC-P-0002", "FocalPoint", "Farida", "Ahmadi", "", "F", "14.07.1992", "AFG", "AFG", "Hazara", "Dari, English",
            "Widowed", "+7 702 555 9876", "KZ-75", "Almaty", "Dostyk Ave 12, apt 3", "yes", "02.03.2025", "Registration and referral to partners",
            "REF", "REF-CONV", "2024-11-20", "Refugee certificate 000123", "WR;SP", "REFUGEE-CERT", "000123", "Migration Service of Almaty",
            "2024-11-20", "", "no",
        ],
    ];

    /// <summary>Writes the template as CSV: the header row and the two examples.</summary>
    public static async Task WriteAsync(Stream output, CancellationToken ct)
    {
        await using var table = TableWriter.Create(output, TableFormat.Csv);
        await table.WriteRowAsync(Columns);
        foreach (var example in Examples)
        {
            await table.WriteRowAsync(example);
        }
        await table.CompleteAsync(ct);
    }
}
