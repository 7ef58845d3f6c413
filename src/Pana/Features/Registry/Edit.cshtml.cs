using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.Register)]
public sealed class EditModel(PersonScope scope, UpdatePerson update, ReferenceDirectory reference, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public PersonDetails Details { get; set; } = new();
    [BindProperty] public int Version { get; set; }

    public string RegistrationNumber { get; private set; } = "";
    public RegistryChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await scope.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct);
        if (person is null)
        {
            return NotFound();
        }
        (Details, Version, RegistrationNumber) = (PersonDetails.Of(person), person.Version, person.RegistrationNumber);
        Choices = await RegistryChoices.LoadAsync(reference, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await update.HandleAsync(Id, Details, Version, ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            // What the user typed stays on the form beside the reason; nothing was saved.
            outcome.CopyTo(ModelState, f => f.Length == 0 ? "" : "Details." + f);
            RegistrationNumber = await scope.Persons.Where(p => p.Id == Id).Select(p => p.RegistrationNumber).SingleAsync(ct);
            Choices = await RegistryChoices.LoadAsync(reference, ct);
            return Page();
        }
        TempData["Message"] = t["Changes are saved."].Value;
        return Redirect($"/Registry/Person/{Id}");
    }
}
