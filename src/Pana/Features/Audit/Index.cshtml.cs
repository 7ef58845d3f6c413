using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Audit;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Audit;

[Authorize(Policy = Policies.Administer)]
public sealed class IndexModel(SearchAudit search, AuditChain chain, ExportAudit export, LocalClock clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateTime? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateTime? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Text { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public SearchAudit.Result Result { get; private set; } = new([], 0, 1, 50);
    public ChainReport? Report { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Result = await search.HandleAsync(Filter() with { Page = PageNumber }, ct);

    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken ct)
    {
        await chain.SealPendingAsync(ct);
        Report = await chain.VerifyAsync(ct);
        await OnGetAsync(ct);
        return Page();
    }

    public async Task OnPostExportAsync(CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"pana-audit.csv\"";
        await export.WriteAsync(Filter(), Response.Body, ct);
    }

    public string Link(int page) =>
        $"?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&actor={Uri.EscapeDataString(Actor ?? "")}&action={Action}&entityType={Uri.EscapeDataString(EntityType ?? "")}&entityId={Uri.EscapeDataString(EntityId ?? "")}&text={Uri.EscapeDataString(Text ?? "")}&page={page}";

    // Dates on the form are the operation's local days; the log keeps UTC.
    private SearchAudit.Filter Filter() => new(From is { } f ? clock.ToUtc(f) : null, To is { } t ? clock.ToUtc(t.AddDays(1)).AddTicks(-1) : null,
        Actor, Action, EntityType, EntityId, Text);

    /// <summary>The English name of an action, which is also its localization key.</summary>
    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.Create => "Created",
        AuditAction.Update => "Changed",
        AuditAction.Delete => "Deleted",
        AuditAction.View => "Viewed",
        AuditAction.Export => "Exported",
        AuditAction.SignIn => "Signed in",
        AuditAction.SignInFailed => "Failed sign-in",
        AuditAction.LockedOut => "Locked out",
        AuditAction.SignOut => "Signed out",
        AuditAction.TokenIssued => "Token issued",
        AuditAction.TokenRevoked => "Token revoked",
        AuditAction.PermissionChange => "Permission changed",
        _ => "System",
    };

    public static string ChangedFields(string changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return "";
        }
        var list = JsonSerializer.Deserialize<List<AuditTrail.FieldChange>>(changes) ?? [];
        return string.Join("\n", list.Select(c => c.Hidden ? $"{c.Field}: ••• " : $"{c.Field}: {c.Before ?? "∅"} → {c.After ?? "∅"}"));
    }
}
