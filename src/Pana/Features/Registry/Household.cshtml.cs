using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data.Registry;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.PersonalData)]
[PostRequires(Policies.Register)]
public sealed class HouseholdModel(HouseholdRecord record, UpdateHousehold update, PersonScope scope, IAuthorizationService authorization, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public List<UpdateHousehold.MemberLink> Members { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Add { get; set; }
    [BindProperty] public Guid? Remove { get; set; }

    public HouseholdView Household { get; private set; } = null!;
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var members = Members.Where(m => m.PersonId != Remove).ToList();
        if (!string.IsNullOrWhiteSpace(Add))
        {
            var number = Add.Trim().ToUpperInvariant();
            var id = await scope.Persons.Where(p => p.RegistrationNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
            if (id is null)
            {
                ModelState.AddModelError("Add", t["No person with that registration number."]);
                return await LoadAsync(ct) ? Page() : NotFound();
            }
            members.Add(new UpdateHousehold.MemberLink(id.Value, Relationship.OtherRelative));
        }
        var outcome = await update.HandleAsync(Id, new UpdateHousehold.Command(members, Version), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        TempData["Message"] = t["Changes are saved."].Value;
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await record.ReadAsync(Id, ct) is not { } household)
        {
            return false;
        }
        Household = household;
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Register)).Succeeded;
        return true;
    }
}
