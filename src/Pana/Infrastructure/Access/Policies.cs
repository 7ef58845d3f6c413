using Microsoft.AspNetCore.Authorization;
using Pana.Data.Identity;

namespace Pana.Infrastructure.Access;

/// <summary>Named authorization policies: pages and endpoints ask for what they need, never for a role by name.</summary>
public static class Policies
{
    public const string Administer = "Administer";
    public const string PersonalData = "PersonalData";
    public const string Aggregates = "Aggregates";
    public const string Register = "Register";
    public const string Merge = "Merge";

    public static void Add(AuthorizationOptions options)
    {
        // Denied by default: a page or endpoint that says nothing needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(Administer, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator));
        options.AddPolicy(PersonalData, p => p.RequireAuthenticatedUser().RequireRole(
            Roles.Administrator, Roles.ProtectionOfficer, Roles.RegistrationAssistant, Roles.PartnerCaseworker, Roles.ProgrammeOfficer));
        // Programme officers read the registry; registering and changing people is field work.
        options.AddPolicy(Register, p => p.RequireAuthenticatedUser().RequireRole(
            Roles.Administrator, Roles.ProtectionOfficer, Roles.RegistrationAssistant, Roles.PartnerCaseworker));
        // Merging changes two people's records at once: the office's protection staff decide it.
        options.AddPolicy(Merge, p => p.RequireAuthenticatedUser().RequireRole(Roles.Administrator, Roles.ProtectionOfficer));
        options.AddPolicy(Aggregates, p => p.RequireAuthenticatedUser().RequireRole(Roles.All.ToArray()));
    }
}
