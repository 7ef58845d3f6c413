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

    public async Task<IActionResult> OnPostExportAsync(CancellationToken ct)
    {
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=\"pana-audit.csv\"";
        await export.WriteAsync(Filter(), Response.Body, ct);
        return new EmptyResult();
    }

    public string Link(int page) =>
        $"?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}&actor={Uri.EscapeDataString(Actor ?? "")}&action={Action}&entityType={Uri.EscapeDataString(EntityType ?? "")}&entityId={Uri.EscapeDataString(EntityId ?? "")}&text={Uri.EscapeDataString(Text ?? "")}&page={page}";

    // Dates on the form are the operation's local days; the log keeps UTC.
    private SearchAudit.Filter Filter() => new(From is { } f ? clock.ToUtc(f) : null, To is { } t ? clock.ToUtc(t.AddDays(1)).AddTicks(-1) : null,
        Actor, Action, EntityType, EntityId, Text);

    /// <summary>The English name of an action, which is also its localization key.</summary>
    public static string ActionName(AuditAction action) => action switch
    {
        AuditAction.Create => UiText.Key("Created"),
        AuditAction.Update => UiText.Key("Changed"),
        AuditAction.Delete => UiText.Key("Deleted"),
        AuditAction.View => UiText.Key("Viewed"),
        AuditAction.Export => UiText.Key("Exported"),
        AuditAction.SignIn => UiText.Key("Signed in"),
        AuditAction.SignInFailed => UiText.Key("Failed sign-in"),
        AuditAction.LockedOut => UiText.Key("Locked out"),
        AuditAction.SignOut => UiText.Key("Signed out"),
        AuditAction.TokenIssued => UiText.Key("Token issued"),
        AuditAction.TokenRevoked => UiText.Key("Token revoked"),
        AuditAction.PermissionChange => UiText.Key("Permission changed"),
        AuditAction.AccessDenied => UiText.Key("Access denied"),
        _ => UiText.Key("System"),
    };

    public static string ChangedFields(string changes)
    {
        if (string.IsNullOrEmpty(changes))
        {
            return "";
        }
        var list = FieldChange.Parse(changes);
        return string.Join("\n", list.Select(c => c.Hidden ? $"{c.Field}: ••• " : $"{c.Field}: {c.Before ?? "∅"} → {c.After ?? "∅"}"));
    }
}
