using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Features.Audit;

namespace Pana.Features.Identity;

[AllowAnonymous]
public sealed class SignOutModel(SignInManager<PanaUser> signIn, AuditLog audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            await audit.WriteAsync(AuditAction.SignOut, "User", signIn.UserManager.GetUserId(User) ?? "", "Web: signed out", ct);
            await signIn.SignOutAsync();
        }
        return Redirect("/Identity/SignIn");
    }
}
