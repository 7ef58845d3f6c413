namespace Pana.Data.Reference;

/// <summary>A country of ISO 3166-1 (alpha-3 code), also used for nationality and origin.</summary>
public class Country : IReferenceItem
{
    public string Code { get; set; } = "";
    public string Alpha2 { get; set; } = "";
    public string Numeric { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A country operation of the multi-country office: the unit people are registered in.</summary>
public class Operation : IReferenceItem
{
    public string Code { get; set; } = "";
    public string CountryCode { get; set; } = "";
    /// <summary>Prefix of registration numbers, e.g. KAZ in KAZ-25-004711.</summary>
    public string RegistrationPrefix { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A first-level administrative region (ISO 3166-2) of an operation's country.</summary>
public class Region : IReferenceItem
{
    public string Code { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public RegionKind Kind { get; set; }
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public string AdminCentre { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public enum RegionKind { Region, City, Republic }

/// <summary>A population type of UNHCR's population statistics (REF, ASY, STA, ...).</summary>
public class PopulationType : IReferenceItem
{
    public string Code { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
    public List<PopulationSubType> SubTypes { get; set; } = [];
}

/// <summary>A sub-type of a population type: Convention or mandate refugee, recognised stateless or undetermined nationality.</summary>
public class PopulationSubType : IReferenceItem
{
    public string Code { get; set; } = "";
    public string PopulationTypeCode { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A category of specific needs (serious medical condition, child at risk, ...).</summary>
public class SpecificNeedCategory : IReferenceItem
{
    public string Code { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>A type of identity or status document (passport, refugee certificate, ...).</summary>
public class DocumentType : IReferenceItem
{
    public string Code { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

/// <summary>An organisation: a UN office, an NGO partner, a government body or a donor. Every user belongs to one.</summary>
public class Organisation : IReferenceItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string Code { get; set; } = "";
    public OrganisationType Type { get; set; }
    public string Acronym { get; set; } = "";
    public string NameEn { get; set; } = "";
    public string NameRu { get; set; } = "";
    public string NameKk { get; set; } = "";
    public string? CountryCode { get; set; }
    public string City { get; set; } = "";
    public bool IsActive { get; set; } = true;
    public int Version { get; set; }
}

public enum OrganisationType { UN, NgoPartner, Government, Donor, Other }
