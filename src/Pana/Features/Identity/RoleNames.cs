using Pana.Data.Identity;

namespace Pana.Features.Identity;

/// <summary>The English name of a role, which is also its localization key.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        Roles.Administrator => UiText.Key("Administrator"),
        Roles.ProtectionOfficer => UiText.Key("Protection officer"),
        Roles.RegistrationAssistant => UiText.Key("Registration assistant"),
        Roles.PartnerCaseworker => UiText.Key("Partner caseworker"),
        Roles.ProgrammeOfficer => UiText.Key("Programme officer"),
        Roles.GovernmentViewer => UiText.Key("Government viewer"),
        _ => role,
    };
}
