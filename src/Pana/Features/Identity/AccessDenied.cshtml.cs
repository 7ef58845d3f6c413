using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Audit;
using Pana.Features.Audit;

namespace Pana.Features.Identity;

/// <summary>Where the cookie sends a signed-in user whose role does not allow a page; the refusal is audited.</summary>
[AllowAnonymous]
public sealed class AccessDeniedModel(AuditLog audit) : PageModel
{
    public async Task OnGetAsync(string? returnUrl, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated == true && !string.IsNullOrEmpty(returnUrl))
        {
            // Only the path: a query string may hold what the user searched for.
            var path = returnUrl.Split('?')[0];
            await audit.WriteAsync(AuditAction.AccessDenied, "Page", path, $"Web: refused {path}", ct);
        }
    }
}
