namespace Pana.Data.Identity;

/// <summary>The roles of Pana's users; what each may do is set by the policies in Infrastructure.Access.</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string ProtectionOfficer = "ProtectionOfficer";
    public const string RegistrationAssistant = "RegistrationAssistant";
    public const string PartnerCaseworker = "PartnerCaseworker";
    public const string ProgrammeOfficer = "ProgrammeOfficer";
    public const string GovernmentViewer = "GovernmentViewer";

    public static readonly IReadOnlyList<string> All =
        [Administrator, ProtectionOfficer, RegistrationAssistant, PartnerCaseworker, ProgrammeOfficer, GovernmentViewer];
}
