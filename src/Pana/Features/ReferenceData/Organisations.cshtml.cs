using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Reference;
using Pana.Infrastructure.Access;

namespace Pana.Features.ReferenceData;

[Authorize(Policy = Policies.Administer)]
public sealed class OrganisationsModel(ReferenceDirectory directory) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public OrganisationType? Type { get; set; }
    public List<OrganisationRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Rows = await directory.OrganisationsAsync(Type, Q, ct);
}
