using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>What is known of a person, as a registration or an edit gives it; shared by the page, the API and the import.</summary>
public sealed record PersonDetails
{
    public string GivenName { get; init; } = "";
    public string FamilyName { get; init; } = "";
    public string? Patronymic { get; init; }
    public Sex Sex { get; init; }
    public DateOnly? BirthDate { get; init; }
    public DatePrecision BirthDatePrecision { get; init; }
    public string? NationalityCode { get; init; }
    public string? OriginCode { get; init; }
    public string? Ethnicity { get; init; }
    public string? Languages { get; init; }
    public MaritalStatus MaritalStatus { get; init; }
    public string? Phone { get; init; }
    public string? RegionCode { get; init; }
    public string? City { get; init; }
    public string? Address { get; init; }
    public bool ConsentGiven { get; init; }
    public DateOnly? ConsentDate { get; init; }
    public string? ConsentPurpose { get; init; }

    public static PersonDetails Of(Person p) => new()
    {
        GivenName = p.GivenName,
        FamilyName = p.FamilyName,
        Patronymic = p.Patronymic,
        Sex = p.Sex,
        BirthDate = p.BirthDate,
        BirthDatePrecision = p.BirthDatePrecision,
        NationalityCode = p.NationalityCode,
        OriginCode = p.OriginCode,
        Ethnicity = p.Ethnicity,
        Languages = p.Languages,
        MaritalStatus = p.MaritalStatus,
        Phone = p.Phone,
        RegionCode = p.RegionCode,
        City = p.City,
        Address = p.Address,
        ConsentGiven = p.ConsentGiven,
        ConsentDate = p.ConsentDate,
        ConsentPurpose = p.ConsentPurpose,
    };
}

/// <summary>A step of legal status as a registration or a status change gives it.</summary>
public sealed record StatusStep(string? PopulationTypeCode, string? PopulationSubTypeCode, DateOnly EffectiveFrom, string? Basis, CessationReason? Ceased = null);

/// <summary>A specific need as a registration gives it.</summary>
public sealed record NeedEntry(string CategoryCode, DateOnly? IdentifiedOn, string? Notes);

/// <summary>A document as a registration gives it.</summary>
public sealed record DocumentEntry(string DocumentTypeCode, string Number, string? Issuer, DateOnly? IssuedOn, DateOnly? ExpiresOn);
