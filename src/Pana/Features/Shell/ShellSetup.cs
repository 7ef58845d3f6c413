using Pana.Data;

namespace Pana.Features.Shell;

/// <summary>The cross-cutting middleware of the shell: errors, status pages, security headers and /health.</summary>
public static class ShellSetup
{
    public static WebApplication UseShell(this WebApplication app)
    {
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ex => ex is BadHttpRequestException b ? b.StatusCode : 500 });
            api.UseStatusCodePages();
        });
        app.UseWhen(ctx => !IsApi(ctx), pages =>
        {
            pages.UseExceptionHandler("/Error");
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use(async (ctx, next) =>
        {
            var h = ctx.Response.Headers;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'";
            await next();
        });
        return app;
    }

    public static void MapHealth(this WebApplication app) =>
        app.MapGet("/health", async (PanaDb db, CancellationToken ct) =>
            {
                var ok = await db.Database.CanConnectAsync(ct);
                return ok
                    ? Results.Ok(new { status = "Healthy", database = db.IsPostgres ? "PostgreSQL" : "SQLite" })
                    : Results.Json(new { status = "Unhealthy", database = "unreachable" }, statusCode: 503);
            })
            .AllowAnonymous()
            .ExcludeFromDescription();

    private static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");
}
