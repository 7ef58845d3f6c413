using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Matching;
using Pana.Features.ReferenceData;
using Pana.Infrastructure.Access;

namespace Pana.Features.Matching;

[Authorize(Policy = Policies.Merge)]
public sealed class IndexModel(PanaDb db, DedupJobs jobs, ReferenceDirectory reference, CurrentUser user, IStringLocalizer<UiText> t) : PageModel
{
    public List<DedupJob> Jobs { get; private set; } = [];
    public List<Choice> Operations { get; private set; } = [];
    public int Pending { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Jobs = await db.DedupJobs.AsNoTracking().OrderByDescending(j => j.QueuedAt).Take(20).ToListAsync(ct);
        Operations = await reference.ChoicesAsync("operations", ct);
        Pending = await db.MatchPairs.CountAsync(p => p.Decision == PairDecision.Pending, ct);
    }

    public async Task<IActionResult> OnPostAsync(string? operation, CancellationToken ct)
    {
        await jobs.EnqueueAsync(db, operation, user.Name, ct);
        TempData["Message"] = t["The search for duplicates has started; this page shows its progress."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        await jobs.CancelAsync(db, id, user.Name, ct);
        return RedirectToPage();
    }

    public static string StateName(DedupJobState state) => state switch
    {
        DedupJobState.Queued => UiText.Key("Queued"),
        DedupJobState.Running => UiText.Key("Running"),
        DedupJobState.Completed => UiText.Key("Completed"),
        DedupJobState.Cancelled => UiText.Key("Cancelled"),
        _ => UiText.Key("Failed"),
    };
}
