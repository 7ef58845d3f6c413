using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Identity;
using Pana.Infrastructure;

namespace Pana.Features.Identity.Users;

/// <summary>An administrator creates a user account in an organisation with one or more roles.</summary>
public sealed class CreateUser(PanaDb db, UserManager<PanaUser> users, TimeProvider clock, IStringLocalizer<UiText> t)
{
    /// <example>{"userName":"a.nurlanova","displayName":"Aigerim Nurlanova","email":"a.nurlanova@example.org","organisationId":"0193a0c2-0000-7000-8000-00000000a001","roles":["ProtectionOfficer"],"password":"Choose-a-long-one-2026"}</example>
    public sealed record Command(string UserName, string DisplayName, string? Email, Guid OrganisationId, string[] Roles, string Password);

    public async Task<Outcome<string>> HandleAsync(Command c, CancellationToken ct = default)
    {
        var errors = new Errors();
        if (string.IsNullOrWhiteSpace(c.UserName))
        {
            errors.Add("UserName", t["Enter a user name."]);
        }
        else if (await users.FindByNameAsync(c.UserName.Trim()) is not null)
        {
            errors.Add("UserName", t["The user name {0} is taken.", c.UserName.Trim()]);
        }
        await UserRules.CheckAsync(db, t, errors, c.DisplayName, c.OrganisationId, c.Roles ?? [], ct);
        if (errors.Any)
        {
            return Outcome<string>.Invalid(errors);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var user = new PanaUser
        {
            UserName = c.UserName.Trim(),
            DisplayName = c.DisplayName.Trim(),
            Email = string.IsNullOrWhiteSpace(c.Email) ? null : c.Email.Trim(),
            OrganisationId = c.OrganisationId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, c.Password ?? "");
        if (!created.Succeeded)
        {
            return Outcome<string>.Invalid(new Dictionary<string, string[]> { ["Password"] = [.. created.Errors.Select(e => e.Description)] });
        }
        var roles = await users.AddToRolesAsync(user, c.Roles!);
        if (!roles.Succeeded)
        {
            return Outcome<string>.Invalid("Roles", string.Join(" ", roles.Errors.Select(e => e.Description)));
        }
        await tx.CommitAsync(ct);
        return Outcome<string>.Ok(user.Id);
    }
}
