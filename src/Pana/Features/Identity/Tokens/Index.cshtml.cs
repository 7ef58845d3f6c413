using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data.Identity;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Tokens;

[Authorize(Policy = Policies.Aggregates)]
public sealed class IndexModel(UserManager<PanaUser> users, IssueToken issue, RevokeToken revoke, IStringLocalizer<UiText> t) : PageModel
{
    public List<TokenInfo> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    [BindProperty, StringLength(100)]
    public string? Name { get; set; }

    [BindProperty, Range(1, IssueToken.MaxLifetimeDays, ErrorMessage = "Choose between {1} and {2} days.")]
    public int LifetimeDays { get; set; } = 30;

    public async Task OnGetAsync(CancellationToken ct) => Tokens = await revoke.ListAsync(users.GetUserId(User)!, ct);

    public async Task<IActionResult> OnPostIssueAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var user = await users.GetUserAsync(User);
            NewToken = (await issue.HandleAsync(user!, Name, LifetimeDays * 24, ct)).Token;
        }
        await OnGetAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (!await revoke.HandleAsync(id, ct))
        {
            return NotFound();
        }
        TempData["Message"] = t["The token is revoked."].Value;
        return RedirectToPage();
    }
}
