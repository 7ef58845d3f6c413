using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Pana.Data.Identity;
using Pana.Features.Identity.Tokens;

namespace Pana.Features.Identity;

[AllowAnonymous]
[EnableRateLimiting(TokenEndpoints.RateLimit)]
public sealed class SignInModel(CredentialCheck check, SignInManager<PanaUser> signIn, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your user name.")]
    public string UserName { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter your password."), DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await check.CheckAsync(UserName, Password, "Web", ct);
        switch (result.Outcome)
        {
            case CredentialOutcome.Ok:
                await signIn.SignInAsync(result.User!, isPersistent: false);
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
            case CredentialOutcome.LockedOut:
                ModelState.AddModelError("", t["Your account is locked after repeated failed sign-ins. Try again later or ask an administrator."]);
                return Page();
            default:
                ModelState.AddModelError("", t["Wrong user name or password."]);
                return Page();
        }
    }
}
