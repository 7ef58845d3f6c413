using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Audit;
using Pana.Features.Audit;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.PersonalData)]
public sealed class ExpiringModel(ExpiringDocuments expiring, AuditLog audit) : PageModel
{
    public int Days { get; private set; } = 30;
    public List<ExpiringDocuments.Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(int? days, string? operation, CancellationToken ct)
    {
        Days = Math.Clamp(days ?? 30, 1, 366);
        Rows = await expiring.HandleAsync(operation, Days, ct);
        await audit.RecordAsync(AuditAction.View, "Registry", "expiring", $"Web: documents expiring in {Days} days, {Rows.Count} listed", ct: ct);
    }
}
