using Pana.Data.Reference;

namespace Pana.Features.ReferenceData;

/// <summary>The English name of an organisation type, which is also its localization key.</summary>
public static class OrganisationTypes
{
    public static string Name(OrganisationType type) => type switch
    {
        OrganisationType.UN => "UN agency",
        OrganisationType.NgoPartner => "NGO partner",
        OrganisationType.Government => "Government",
        OrganisationType.Donor => "Donor",
        _ => "Other",
    };
}
