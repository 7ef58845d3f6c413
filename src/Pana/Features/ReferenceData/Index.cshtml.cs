using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data;
using Pana.Infrastructure.Access;

namespace Pana.Features.ReferenceData;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(PanaDb db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")] public string? KindSlug { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    public List<(ReferenceKind Kind, int Count)> Kinds { get; } = [];
    public ReferenceKind? Kind { get; private set; }
    public List<ReferenceRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        foreach (var kind in ReferenceLists.All)
        {
            Kinds.Add((kind, await kind.CountAsync(db, ct)));
        }
        Kind = ReferenceLists.Find(KindSlug) ?? ReferenceLists.All[0];
        Rows = await Kind.ListAsync(db, Q, ct);
    }
}
