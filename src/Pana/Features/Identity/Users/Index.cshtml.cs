using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Features.ReferenceData;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Users;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(UserDirectory directory, ReferenceDirectory reference) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? OrganisationId { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public UserPage Result { get; private set; } = new([], 0, 1, 50);
    public List<OrganisationRow> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Result = await directory.SearchAsync(new UserFilter(Q, OrganisationId, Role, PageNumber), ct);
        Organisations = await reference.OrganisationsAsync(ct: ct);
    }
}
