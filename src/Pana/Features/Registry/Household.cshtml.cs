using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.PersonalData)]
public sealed class HouseholdModel(HouseholdRecord record) : PageModel
{
    public HouseholdView Household { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await record.ReadAsync(id, ct) is not { } household)
        {
            return NotFound();
        }
        Household = household;
        return Page();
    }
}
