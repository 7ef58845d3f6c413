using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Features.Audit;

namespace Pana.Features.Identity.Tokens;

/// <summary>
/// Authenticates programs by "Authorization: Bearer pana_…"; refuses revoked, expired and deactivated tokens. Who a
/// token stands for is kept a few seconds in <see cref="TokenPrincipals"/>, emptied by every change of users and tokens.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    TokenPrincipals principals, TimeProvider clock,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string TokenIdClaim = "pana:token";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }
        var hash = HashOf(header["Bearer ".Length..].Trim());
        if (!principals.TryGet(hash, out var known))
        {
            var readAt = principals.Generation;
            var now = clock.GetUtcNow().UtcDateTime;
            // Resolved only on a miss: building UserManager and its token providers on every cached request costs more than the lookup.
            var services = Context.RequestServices;
            var (db, users, claims) = (services.GetRequiredService<PanaDb>(), services.GetRequiredService<UserManager<PanaUser>>(),
                services.GetRequiredService<IUserClaimsPrincipalFactory<PanaUser>>());
            var token = await db.ApiTokens.AsNoTracking().Include(t => t.User).SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
            if (token?.User is null || token.RevokedAt is not null || token.ExpiresAt <= now)
            {
                return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
            }
            if (!token.User.IsActive || await users.IsLockedOutAsync(token.User))
            {
                return AuthenticateResult.Fail("The token's user is deactivated or locked out.");
            }
            var principal = await claims.CreateAsync(token.User);
            var list = principal.Claims.Append(new Claim(TokenIdClaim, token.Id.ToString())).ToList();
            principals.Remember(hash, list, token.ExpiresAt, readAt);
            known = new TokenPrincipals.Entry(list, token.ExpiresAt, now);
        }
        var identity = new ClaimsIdentity(known.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await problems.WriteAsync(new() { HttpContext = Context, ProblemDetails = { Status = 401, Title = "Unauthorized", Detail = "Send a valid token: Authorization: Bearer <token> (POST /api/v1/auth/token issues one)." } });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Context.RequestServices.GetRequiredService<AuditLog>().WriteAsync(AuditAction.AccessDenied, "Endpoint",
            Request.Path, $"API: refused {Request.Method} {Request.Path}", Context.RequestAborted);
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new() { HttpContext = Context, ProblemDetails = { Status = 403, Title = "Forbidden", Detail = "Your role does not allow this." } });
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
