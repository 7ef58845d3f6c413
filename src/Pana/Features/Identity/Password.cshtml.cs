using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data.Identity;
using Pana.Features.Identity.Users;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity;

[Authorize(Policy = Policies.Aggregates)]
public sealed class PasswordModel(ResetPassword reset, SignInManager<PanaUser> signIn, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your current password."), DataType(DataType.Password)]
    public string CurrentPassword { get; set; } = "";

    [BindProperty, Required(ErrorMessage = "Enter a new password."), DataType(DataType.Password)]
    public string NewPassword { get; set; } = "";

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var outcome = await reset.ByOwnerAsync(signIn.UserManager.GetUserId(User)!, CurrentPassword, NewPassword);
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            return Page();
        }
        await signIn.RefreshSignInAsync((await signIn.UserManager.GetUserAsync(User))!);
        TempData["Message"] = t["Your password is changed."].Value;
        return Redirect("/");
    }
}
