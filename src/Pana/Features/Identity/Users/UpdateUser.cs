using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Infrastructure;

namespace Pana.Features.Identity.Users;

/// <summary>An administrator changes a user's name, organisation, roles or access; a concurrent edit is refused.</summary>
public sealed class UpdateUser(PanaDb db, UserManager<PanaUser> users, IStringLocalizer<UiText> t)
{
    /// <example>{"displayName":"Aigerim Nurlanova","email":null,"organisationId":"0193a0c2-0000-7000-8000-00000000a001","roles":["ProtectionOfficer"],"isActive":true,"unlock":false,"version":"6b1f3c0e-2a9d-4f55-b3c2-8d8e1f0a4b21"}</example>
    public sealed record Command(string DisplayName, string? Email, Guid OrganisationId, string[] Roles, bool IsActive, bool Unlock, string Version);

    public async Task<Outcome<string>> HandleAsync(string id, Command c, string actingUserId, CancellationToken ct = default)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return Outcome<string>.Missing();
        }
        if (user.ConcurrencyStamp != c.Version)
        {
            return Outcome<string>.Conflict(t["Someone else changed this user while you were editing. Reload to see their changes; nothing was saved."]);
        }
        var errors = new Errors();
        await UserRules.CheckAsync(db, t, errors, c.DisplayName, c.OrganisationId, c.Roles ?? [], ct);
        var current = await users.GetRolesAsync(user);
        if (id == actingUserId && (!c.IsActive || (current.Contains(Roles.Administrator) && !c.Roles!.Contains(Roles.Administrator))))
        {
            errors.Add("Roles", t["You cannot remove your own administrator role or deactivate yourself."]);
        }
        if (errors.Any)
        {
            return Outcome<string>.Invalid(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        user.DisplayName = c.DisplayName.Trim();
        user.Email = string.IsNullOrWhiteSpace(c.Email) ? null : c.Email.Trim();
        user.OrganisationId = c.OrganisationId;
        user.IsActive = c.IsActive;
        var steps = new List<IdentityResult> { await users.UpdateAsync(user) };
        if (c.Unlock)
        {
            steps.Add(await users.SetLockoutEndDateAsync(user, null));
            steps.Add(await users.ResetAccessFailedCountAsync(user));
        }
        steps.Add(await users.RemoveFromRolesAsync(user, current.Except(c.Roles!)));
        steps.Add(await users.AddToRolesAsync(user, c.Roles!.Except(current)));
        // Role or access changes end the user's sessions at the next security-stamp check.
        steps.Add(await users.UpdateSecurityStampAsync(user));
        var failed = steps.Where(s => !s.Succeeded).SelectMany(s => s.Errors).ToList();
        if (failed.Count > 0)
        {
            return failed.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
                ? Outcome<string>.Conflict(t["Someone else changed this user while you were editing. Reload to see their changes; nothing was saved."])
                : Outcome<string>.Invalid("", string.Join(" ", failed.Select(e => e.Description)));
        }
        await tx.CommitAsync(ct);
        return Outcome<string>.Ok(user.ConcurrencyStamp!);
    }
}
