using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>Compares two records side by side and merges the duplicate into the one kept.</summary>
[Authorize(Policy = Policies.Merge)]
public sealed class MergeModel(PersonScope scope, PersonRecord record, MergePersons merge, ReferenceDirectory reference, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Keep { get; set; }
    [BindProperty(SupportsGet = true)] public string? Duplicate { get; set; }
    [BindProperty] public int KeptVersion { get; set; }
    [BindProperty] public int DuplicateVersion { get; set; }

    public PersonView? Kept { get; private set; }
    public PersonView? Other { get; private set; }
    public RegistryChoices Choices { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var other = await FindAsync(Duplicate, ct);
        if (other is null)
        {
            return NotFound();
        }
        var outcome = await merge.HandleAsync(Keep, new MergePersons.Command(other.Value, KeptVersion, DuplicateVersion), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }
        TempData["Message"] = t["The records are merged."].Value;
        return Redirect($"/Registry/Person/{Keep}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Kept = await record.ReadAsync(Keep, ct);
        if (Kept is null)
        {
            return false;
        }
        Choices = await RegistryChoices.LoadAsync(reference, ct);
        if (await FindAsync(Duplicate, ct) is { } id)
        {
            Other = await record.ReadAsync(id, ct);
        }
        else if (!string.IsNullOrWhiteSpace(Duplicate))
        {
            ModelState.AddModelError("Duplicate", t["No person with that registration number."]);
        }
        return true;
    }

    /// <summary>The duplicate, by registration number or id.</summary>
    private async Task<Guid?> FindAsync(string? duplicate, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(duplicate))
        {
            return null;
        }
        if (Guid.TryParse(duplicate, out var id))
        {
            return id;
        }
        var number = duplicate.Trim().ToUpperInvariant();
        return await scope.Persons.Where(p => p.RegistrationNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
    }
}
