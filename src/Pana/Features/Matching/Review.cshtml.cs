using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data.Matching;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Matching;

[Authorize(Policy = Policies.Merge)]
public sealed class ReviewModel(ReviewPairs review, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public ReviewPairs.Page Result { get; private set; } = new([], 0, 1, 20);

    public async Task OnGetAsync(CancellationToken ct) => Result = await review.ListAsync(PairDecision.Pending, null, PageNumber, 20, ct);

    public async Task<IActionResult> OnPostRejectAsync(Guid pairId, int version, CancellationToken ct) =>
        await After(await review.RejectAsync(pairId, version, ct), t["Marked as different people."], ct);

    public async Task<IActionResult> OnPostMergeAsync(Guid pairId, Guid keepId, int keptVersion, int otherVersion, int version, CancellationToken ct) =>
        await After(await review.MergeAsync(pairId, keepId, keptVersion, otherVersion, version, ct), t["The records are merged."], ct);

    private async Task<IActionResult> After(Outcome<bool> outcome, string done, CancellationToken ct)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            await OnGetAsync(ct);
            return Page();
        }
        TempData["Message"] = done;
        return Redirect($"/Matching/Review?page={PageNumber}");
    }
}
