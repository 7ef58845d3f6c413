using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Data.Reference;
using Pana.Infrastructure;

namespace Pana.Features.Identity.Users;

/// <summary>Rules every user account keeps, checked when one is created or changed.</summary>
internal static class UserRules
{
    public static async Task CheckAsync(PanaDb db, IStringLocalizer<UiText> t, Errors errors, string displayName, Guid organisationId, string[] roles, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(displayName))
        {
            errors.Add("DisplayName", t["Enter the person's name."]);
        }
        if (roles.Length == 0)
        {
            errors.Add("Roles", t["Choose at least one role."]);
        }
        foreach (var role in roles.Where(r => !Roles.All.Contains(r)))
        {
            errors.Add("Roles", t["Unknown role {0}.", role]);
        }
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organisationId, ct);
        if (org is null)
        {
            errors.Add("OrganisationId", t["Choose the user's organisation."]);
            return;
        }
        // A partner's caseworker sees what is shared with their NGO; a government viewer belongs to a government body.
        if (roles.Contains(Roles.PartnerCaseworker) && org.Type != OrganisationType.NgoPartner)
        {
            errors.Add("OrganisationId", t["A partner caseworker must belong to an NGO partner."]);
        }
        if (roles.Contains(Roles.GovernmentViewer) && org.Type != OrganisationType.Government)
        {
            errors.Add("OrganisationId", t["A government viewer must belong to a government body."]);
        }
        if (roles.Contains(Roles.GovernmentViewer) && roles.Length > 1)
        {
            errors.Add("Roles", t["A government viewer sees aggregates only and cannot hold another role."]);
        }
    }
}
