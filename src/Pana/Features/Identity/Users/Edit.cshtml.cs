using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Features.Audit;
using Pana.Features.Identity.Tokens;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(UserDirectory directory, UpdateUser update, ResetPassword reset, RevokeToken tokens,
    ReferenceDirectory reference, UserManager<PanaUser> users, AuditLog audit, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public UserFields Fields { get; set; } = new();
    [BindProperty] public bool IsActive { get; set; }
    [BindProperty] public bool Unlock { get; set; }
    [BindProperty] public string Version { get; set; } = "";
    [BindProperty] public string? NewPassword { get; set; }

    public UserSummary Shown { get; private set; } = null!;
    public List<TokenInfo> Tokens { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(fill: true, ct))
        {
            return NotFound();
        }
        await audit.RecordAsync(AuditAction.View, "User", Id, $"Viewed user {Shown.UserName}", ct: ct);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var command = new UpdateUser.Command(Fields.DisplayName, Fields.Email, Fields.OrganisationId, Fields.Roles, IsActive, Unlock, Version);
        var outcome = await update.HandleAsync(Id, command, users.GetUserId(User)!, ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState, field => field.Length == 0 ? "" : $"Fields.{field}");
            // A conflict keeps what this user typed on screen, beside the message, so nothing typed is lost.
            await LoadAsync(fill: false, ct);
            return Page();
        }
        TempData["Message"] = t["Changes to {0} are saved.", Shown?.UserName ?? Fields.DisplayName].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken ct)
    {
        var outcome = await reset.ByAdministratorAsync(Id, NewPassword ?? "");
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            await LoadAsync(fill: true, ct);
            return Page();
        }
        TempData["Message"] = t["The new password is set."].Value;
        return RedirectToPage(new { id = Id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid tokenId, CancellationToken ct)
    {
        await tokens.HandleAsync(tokenId, ct);
        TempData["Message"] = t["The token is revoked."].Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(bool fill, CancellationToken ct)
    {
        var user = await directory.FindAsync(Id, ct);
        if (user is null)
        {
            return false;
        }
        Shown = user;
        if (fill)
        {
            Fields = new UserFields { DisplayName = user.DisplayName, Email = user.Email, OrganisationId = user.OrganisationId, Roles = user.Roles };
            IsActive = user.IsActive;
            Version = user.Version;
        }
        Fields.Choices = await reference.OrganisationsAsync(ct: ct);
        Tokens = await tokens.ListAsync(Id, ct);
        return true;
    }
}
