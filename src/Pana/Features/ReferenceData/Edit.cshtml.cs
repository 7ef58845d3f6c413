using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.ReferenceData;

[Authorize(Policy = Policies.Administer)]
public sealed class EditModel(PanaDb db, SaveReferenceItem save, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")] public string KindSlug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty] public string? NewCode { get; set; }
    [BindProperty] public string NameEn { get; set; } = "";
    [BindProperty] public string NameRu { get; set; } = "";
    [BindProperty] public string NameKk { get; set; } = "";
    [BindProperty] public bool IsActive { get; set; } = true;
    [BindProperty] public int Version { get; set; }

    public ReferenceKind Kind { get; private set; } = null!;
    public bool IsNew => Code is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (ReferenceLists.Find(KindSlug) is not { } kind || (IsNew && !kind.CanAdd))
        {
            return NotFound();
        }
        Kind = kind;
        if (!IsNew)
        {
            if (await kind.FindAsync(db, Code!, ct) is not { } item)
            {
                return NotFound();
            }
            (NameEn, NameRu, NameKk, IsActive, Version) = (item.NameEn, item.NameRu, item.NameKk, item.IsActive, item.Version);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReferenceLists.Find(KindSlug) is not { } kind)
        {
            return NotFound();
        }
        Kind = kind;
        var command = new SaveReferenceItem.Command(NameEn, NameRu, NameKk, IsActive, Version);
        var outcome = IsNew ? await save.AddAsync(kind, NewCode ?? "", command, ct) : await save.UpdateAsync(kind, Code!, command, ct);
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
        return Redirect($"/ReferenceData?kind={kind.Slug}");
    }
}
