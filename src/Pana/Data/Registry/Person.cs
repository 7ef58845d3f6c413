using Microsoft.AspNetCore.Identity;

namespace Pana.Data.Registry;

/// <summary>A person of concern: who they are, where they live, and the history of their legal status.</summary>
public class Person : IVersioned, ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => Id;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Readable and unique, per operation and year of registration: KAZ-25-004711.</summary>
    public string RegistrationNumber { get; set; } = "";
    public string OperationCode { get; set; } = "";
    /// <summary>The id the person has in the system an import came from; makes re-imports idempotent.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Names as written in the source document, in its script.</summary>
    [PersonalData] public string GivenName { get; set; } = "";
    [PersonalData] public string FamilyName { get; set; } = "";
    [PersonalData] public string Patronymic { get; set; } = "";
    /// <summary>The full name rendered in Latin and in Cyrillic script, made on every save.</summary>
    [PersonalData] public string LatinName { get; set; } = "";
    [PersonalData] public string CyrillicName { get; set; } = "";

    public Sex Sex { get; set; }
    [PersonalData] public DateOnly? BirthDate { get; set; }
    public DatePrecision BirthDatePrecision { get; set; }
    public string? NationalityCode { get; set; }
    public string? OriginCode { get; set; }
    public string Ethnicity { get; set; } = "";
    /// <summary>Languages spoken, comma-separated as people name them.</summary>
    public string Languages { get; set; } = "";
    public MaritalStatus MaritalStatus { get; set; }

    [PersonalData] public string Phone { get; set; } = "";
    /// <summary>Digits of the phone only, for search.</summary>
    public string PhoneDigits { get; set; } = "";
    public string? RegionCode { get; set; }
    public string City { get; set; } = "";
    [PersonalData] public string Address { get; set; } = "";

    public Guid RegisteringOrganisationId { get; set; }
    public string Office { get; set; } = "";
    public DateOnly RegisteredOn { get; set; }

    public bool ConsentGiven { get; set; }
    public DateOnly? ConsentDate { get; set; }
    public string ConsentPurpose { get; set; } = "";

    public Guid? HouseholdId { get; set; }
    public Household? Household { get; set; }
    public Relationship Relationship { get; set; }

    /// <summary>Set when this record was merged into another; it stays for the audit trail and old references.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }

    public List<LegalStatus> Statuses { get; set; } = [];
    public List<SpecificNeed> Needs { get; set; } = [];
    public List<PersonDocument> Documents { get; set; } = [];
}

public enum Sex { Unknown, Female, Male }

/// <summary>How much of a date is known; an unknown day or month is stored as the 1st, and flagged here.</summary>
public enum DatePrecision { Exact, Month, Year, Unknown }

public enum MaritalStatus { Unknown, Single, Married, Divorced, Widowed, Separated }

/// <summary>Relationship to the household's focal point.</summary>
public enum Relationship
{
    FocalPoint, Spouse, Son, Daughter, Father, Mother, Brother, Sister, Grandchild, Grandparent,
    SonInLaw, DaughterInLaw, Nephew, Niece, OtherRelative, NotRelated,
}

/// <summary>A household (case / family group): cash goes to households, statuses and needs belong to people.</summary>
public class Household : IVersioned, ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => Id;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string RegistrationNumber { get; set; } = "";
    public string OperationCode { get; set; } = "";
    public string? ExternalId { get; set; }
    public Guid? FocalPointId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
    public List<Person> Members { get; set; } = [];
}

/// <summary>
/// One step of a person's legal status: in force from EffectiveFrom until the next step. The current
/// status is derived from the history, never stored on the person. A step without a population type
/// records that the person ceased to be of concern (naturalised, resettled, repatriated, deceased).
/// </summary>
public class LegalStatus : ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => PersonId;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public string? PopulationTypeCode { get; set; }
    public string? PopulationSubTypeCode { get; set; }
    public CessationReason? Ceased { get; set; }
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>The document or decision behind the step, e.g. "Refugee certificate 000123" or "MIA decision 45/2016".</summary>
    public string Basis { get; set; } = "";
    public DateTime RecordedAt { get; set; }
    public string RecordedBy { get; set; } = "";
}

public enum CessationReason { Naturalised, NationalityConfirmed, Resettled, Repatriated, Deceased, Other }

/// <summary>A specific need of a person, from when it was identified until it was resolved.</summary>
public class SpecificNeed : ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => PersonId;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public string CategoryCode { get; set; } = "";
    public DateOnly IdentifiedOn { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string Notes { get; set; } = "";
}

/// <summary>A document a person holds.</summary>
public class PersonDocument : ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => PersonId;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public string DocumentTypeCode { get; set; } = "";
    [PersonalData] public string Number { get; set; } = "";
    /// <summary>The number without spaces, dashes or case, for search.</summary>
    public string NumberKey { get; set; } = "";
    public string Issuer { get; set; } = "";
    public DateOnly? IssuedOn { get; set; }
    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>A script-independent key of one name word, so that Мухаммад, Mukhammad and Mohammad find each other.</summary>
public class PersonNameKey
{
    public Guid PersonId { get; set; }
    public string Key { get; set; } = "";
    /// <summary>The person's LatinName, so that a search pages through a word's people in name order from the index alone.</summary>
    public string SortName { get; set; } = "";
}

/// <summary>Shares a person with an organisation beyond the one that registered them (cases and referrals add these).</summary>
public class PersonShare : ISubjectOfRecord
{
    Guid ISubjectOfRecord.SubjectId => PersonId;
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public Guid OrganisationId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime SharedAt { get; set; }
}

/// <summary>The next free sequence number of registration numbers with one prefix (KAZ-25).</summary>
public class RegistrationCounter : IVersioned
{
    public string Prefix { get; set; } = "";
    public int Next { get; set; } = 1;
    public int Version { get; set; }
}
