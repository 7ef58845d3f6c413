using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Reference;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.ReferenceData;

[Authorize(Policy = Policies.Administer)]
public sealed class OrganisationModel(PanaDb db, SaveOrganisation save, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Id { get; set; }
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public OrganisationType Type { get; set; } = OrganisationType.NgoPartner;
    [BindProperty] public string? Acronym { get; set; }
    [BindProperty] public string NameEn { get; set; } = "";
    [BindProperty] public string NameRu { get; set; } = "";
    [BindProperty] public string NameKk { get; set; } = "";
    [BindProperty] public string? CountryCode { get; set; }
    [BindProperty] public string? City { get; set; }
    [BindProperty] public bool IsActive { get; set; } = true;
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var o = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (o is null)
            {
                return NotFound();
            }
            (Code, Type, Acronym, NameEn, NameRu, NameKk, CountryCode, City, IsActive, Version) =
                (o.Code, o.Type, o.Acronym, o.NameEn, o.NameRu, o.NameKk, o.CountryCode, o.City, o.IsActive, o.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await save.HandleAsync(Id, new SaveOrganisation.Command(Code, Type, Acronym, NameEn, NameRu, NameKk, CountryCode, City, IsActive, Version), ct);
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            return Page();
        }
        TempData["Message"] = t["{0} is saved.", outcome.Value!.Code].Value;
        return Redirect("/ReferenceData/Organisations");
    }
}
