using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class CreateModel(CreateUser create, ReferenceDirectory reference, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty] public string UserName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public UserFields Fields { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Fields.Choices = await reference.OrganisationsAsync(ct: ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await create.HandleAsync(new CreateUser.Command(UserName, Fields.DisplayName, Fields.Email, Fields.OrganisationId, Fields.Roles, Password), ct);
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState, field => field is "UserName" or "Password" or "" ? field : $"Fields.{field}");
            Fields.Choices = await reference.OrganisationsAsync(ct: ct);
            return Page();
        }
        TempData["Message"] = t["User {0} is created.", UserName].Value;
        return Redirect($"/Identity/Users/Edit/{outcome.Value}");
    }
}
