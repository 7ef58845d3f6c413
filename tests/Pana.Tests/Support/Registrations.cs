using System.Net;
using System.Text.Json;

namespace Pana.Tests.Support;

/// <summary>Test data builders for the registry: a person with readable defaults, a household to register through the API.</summary>
public sealed record APerson
{
    public string GivenName { get; init; } = "Test";
    public string FamilyName { get; init; } = "Person";
    public string? Patronymic { get; init; }
    public string Sex { get; init; } = "Male";
    public string? BirthDate { get; init; } = "1985-06-15";
    public string BirthDatePrecision { get; init; } = "Exact";
    public string? OriginCode { get; init; } = "AFG";
    public string? NationalityCode { get; init; } = "AFG";
    public string? Phone { get; init; }
    public string Relationship { get; init; } = "FocalPoint";
    public string? Status { get; init; } = "ASY";
    public string StatusFrom { get; init; } = "2024-03-01";
    public string? DocumentNumber { get; init; }
    public bool ConfirmedNew { get; init; }

    public static APerson Named(string given, string family) => new() { GivenName = given, FamilyName = family };

    public APerson BornIn(int year) => this with { BirthDate = $"{year}-01-01", BirthDatePrecision = "Year" };

    public APerson Born(string date) => this with { BirthDate = date, BirthDatePrecision = "Exact" };

    public APerson As(string relationship) => this with { Relationship = relationship };

    /// <summary>Names made unique for this test run, so that tests sharing one registry do not meet each other's people.</summary>
    public static string Unique(string name) => name + Suffix();

    private static string Suffix()
    {
        // Letters only (in both scripts' reach): a name word must stay a name word.
        const string letters = "bcdfghklmnprstvz";
        var g = Guid.NewGuid().ToByteArray();
        return new string(g.Take(6).Select(b => letters[b % letters.Length]).ToArray());
    }

    public object Member() => new
    {
        person = new
        {
            givenName = GivenName,
            familyName = FamilyName,
            patronymic = Patronymic,
            sex = Sex,
            birthDate = BirthDate,
            birthDatePrecision = BirthDatePrecision,
            originCode = OriginCode,
            nationalityCode = NationalityCode,
            phone = Phone,
            regionCode = "KZ-75",
            city = "Almaty",
            consentGiven = true,
            consentDate = "2024-03-01",
            consentPurpose = "Registration and referral",
        },
        relationship = Relationship,
        status = Status is null ? null : new { populationTypeCode = Status, effectiveFrom = StatusFrom, basis = "Application to the migration service" },
        documents = DocumentNumber is null ? null : new[] { new { documentTypeCode = "PASSPORT", number = DocumentNumber, issuer = "Ministry", expiresOn = "2030-01-01" } },
        confirmedNew = ConfirmedNew,
    };
}

public static class RegistryApi
{
    /// <summary>Registers a household and returns the response (201 saved, 409 duplicates to decide on).</summary>
    public static Task<HttpResponseMessage> Register(this HttpClient api, params APerson[] members) =>
        api.PostAsync("/api/v1/households", Json.Of(new { operationCode = "KAZ", office = "Almaty", members = members.Select(m => m.Member()) }));

    /// <summary>Registers a household that must be saved, and returns its person ids in order.</summary>
    public static async Task<List<Guid>> Registered(this HttpClient api, params APerson[] members)
    {
        var response = await api.Register(members.Select(m => m with { ConfirmedNew = true }).ToArray());
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await Json.Read(response);
        return body.GetProperty("personIds").EnumerateArray().Select(e => e.GetGuid()).ToList();
    }

    public static async Task<JsonElement> Search(this HttpClient api, string query) =>
        await Json.Read(await api.GetAsync($"/api/v1/persons?{query}"));
}
