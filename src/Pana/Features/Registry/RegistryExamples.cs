using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>Examples of the registry's request bodies, shown in the OpenAPI document.</summary>
internal static class RegistryExamples
{
    public static readonly PersonDetails Person = new()
    {
        GivenName = "Мухаммад",
        FamilyName = "Рахими",
        Sex = Sex.Male,
        BirthDate = new DateOnly(1986, 1, 1),
        BirthDatePrecision = DatePrecision.Year,
        NationalityCode = "AFG",
        OriginCode = "AFG",
        Ethnicity = "Tajik",
        Languages = "Dari, Russian",
        MaritalStatus = MaritalStatus.Married,
        Phone = "+7 701 555 1234",
        RegionCode = "KZ-75",
        City = "Almaty",
        Address = "Abai avenue 10, apt 5",
        ConsentGiven = true,
        ConsentDate = new DateOnly(2025, 3, 2),
        ConsentPurpose = "Registration, assistance and referral to partners",
    };

    public static readonly StatusStep Status = new("ASY", "ASY-PEND", new DateOnly(2025, 3, 2), "Application to the migration service No. 118");

    public static readonly RegisterHousehold.Command Household = new("KAZ", "Almaty", null, null,
    [
        new(Person, Relationship.FocalPoint, Status, [new NeedEntry("SM", null, "Diabetes, needs insulin")],
            [new DocumentEntry("PASSPORT", "P01234567", "Ministry of Interior, Afghanistan", new DateOnly(2019, 5, 1), new DateOnly(2029, 4, 30))]),
        new(Person with { GivenName = "Захра", Sex = Sex.Female, BirthDate = new DateOnly(1990, 7, 14), BirthDatePrecision = DatePrecision.Exact, Ethnicity = "Tajik" },
            Relationship.Spouse, Status),
    ]);
}
