using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Identity;

namespace Pana.Features.Identity;

/// <summary>
/// Creates the roles, the first administrator of an unattended install (Pana:Bootstrap:AdminUser and
/// AdminPassword), and, when Pana:DemoData is on, one demo user per role with the passwords in README.md.
/// </summary>
public sealed class Bootstrap(PanaDb db, UserManager<PanaUser> users, RoleManager<IdentityRole> roles, IConfiguration config, TimeProvider clock, ILogger<Bootstrap> log)
{
    public const string DemoPassword = "Pana-demo-2026";

    /// <summary>The demo users: user name, display name, organisation code, role.</summary>
    public static readonly (string User, string Name, string Org, string Role)[] DemoUsers =
    [
        ("admin", "Aliya Bekova", "UNHCR-KAZ-MCO", Roles.Administrator),
        ("protection", "Daniyar Seitkali", "UNHCR-KAZ-MCO", Roles.ProtectionOfficer),
        ("registration", "Madina Omarova", "UNHCR-KAZ-AST", Roles.RegistrationAssistant),
        ("caseworker", "Yerlan Abenov", "BHR", Roles.PartnerCaseworker),
        ("programme", "Saule Tulegenova", "UNHCR-KAZ-MCO", Roles.ProgrammeOfficer),
        ("government", "Marat Iskakov", "KAZ-MIA-MPD", Roles.GovernmentViewer),
    ];

    public async Task RunAsync(CancellationToken ct = default)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var adminUser = config["Pana:Bootstrap:AdminUser"];
        var adminPassword = config["Pana:Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminUser) && !string.IsNullOrWhiteSpace(adminPassword)
            && (await users.GetUsersInRoleAsync(Roles.Administrator)).Count == 0)
        {
            var org = await db.Organisations.OrderBy(o => o.Code).FirstAsync(o => o.Code == (config["Pana:Bootstrap:AdminOrganisation"] ?? "UNHCR-KAZ-MCO"), ct);
            await EnsureUserAsync(adminUser, "Administrator", org.Id, Roles.Administrator, adminPassword);
            log.LogInformation("Created the first administrator {User} from configuration", adminUser);
        }
        if (config.GetValue("Pana:DemoData", false))
        {
            foreach (var (user, name, orgCode, role) in DemoUsers)
            {
                var org = await db.Organisations.SingleAsync(o => o.Code == orgCode, ct);
                await EnsureUserAsync(user, name, org.Id, role, DemoPassword);
            }
        }
    }

    private async Task EnsureUserAsync(string userName, string displayName, Guid organisationId, string role, string password)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }
        var user = new PanaUser { UserName = userName, DisplayName = displayName, OrganisationId = organisationId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Cannot create user {userName}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        await users.AddToRoleAsync(user, role);
    }
}
