using Pana.Data.Identity;

namespace Pana.Features.Identity;

/// <summary>The English name of a role, which is also its localization key.</summary>
public static class RoleNames
{
    public static string Of(string role) => role switch
    {
        Roles.Administrator => "Administrator",
        Roles.ProtectionOfficer => "Protection officer",
        Roles.RegistrationAssistant => "Registration assistant",
        Roles.PartnerCaseworker => "Partner caseworker",
        Roles.ProgrammeOfficer => "Programme officer",
        Roles.GovernmentViewer => "Government viewer",
        _ => role,
    };
}
