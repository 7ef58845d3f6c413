using Pana.Data.Audit;
using Pana.Infrastructure.Access;

namespace Pana.Features.Audit;

/// <summary>/api/v1/audit: search, export and verify the audit log (administrators only).</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(Policies.Administer);

        audit.MapGet("/", async (SearchAudit search, DateTime? from, DateTime? to, string? actor, AuditAction? action,
                string? entityType, string? entityId, string? text, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await search.HandleAsync(new SearchAudit.Filter(from, to, actor, action, entityType, entityId, text, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Search the audit log, newest first")
            .WithDescription("Filters: from/to (UTC dates), actor (name or user id), action, entityType, entityId, text (in the summary); paged by page and pageSize (at most 500).");

        audit.MapGet("/export", async (HttpContext http, ExportAudit export, DateTime? from, DateTime? to, string? actor, AuditAction? action,
                string? entityType, string? entityId, string? text, CancellationToken ct) =>
            {
                http.Response.ContentType = "text/csv; charset=utf-8";
                http.Response.Headers.ContentDisposition = "attachment; filename=\"pana-audit.csv\"";
                await export.WriteAsync(new SearchAudit.Filter(from, to, actor, action, entityType, entityId, text), http.Response.Body, ct);
            })
            .WithSummary("Export the matching audit entries as CSV (audited)");

        audit.MapGet("/verify", async (AuditChain chain, CancellationToken ct) =>
            {
                await chain.SealPendingAsync(ct);
                return TypedResults.Ok(await chain.VerifyAsync(ct));
            })
            .WithSummary("Verify the hash chain of the audit log");
    }
}
