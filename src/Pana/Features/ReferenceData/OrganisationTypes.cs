using Pana.Data.Reference;

namespace Pana.Features.ReferenceData;

/// <summary>The English name of an organisation type, which is also its localization key.</summary>
public static class OrganisationTypes
{
    public static string Name(OrganisationType type) => type switch
    {
        OrganisationType.UN => UiText.Key("UN agency"),
        OrganisationType.NgoPartner => UiText.Key("NGO partner"),
        OrganisationType.Government => UiText.Key("Government"),
        OrganisationType.Donor => UiText.Key("Donor"),
        _ => UiText.Key("Other"),
    };
}
