using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Tokens;

/// <summary>/api/v1/auth: issue, list and revoke bearer tokens.</summary>
public static class TokenEndpoints
{
    public const string RateLimit = "credentials";

    public static void MapTokenEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Authentication");

        auth.MapPost("/token", async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> (TokenRequest request, CredentialCheck check, IssueToken issue, CancellationToken ct) =>
            {
                var result = await check.CheckAsync(request.Username ?? "", request.Password ?? "", "API", ct);
                return result.Outcome switch
                {
                    CredentialOutcome.Ok => TypedResults.Ok(TokenResponse.From(await issue.HandleAsync(result.User!, request.Name, request.LifetimeHours, ct))),
                    CredentialOutcome.LockedOut => TypedResults.Problem("The account is locked after repeated failed sign-ins; try again later.", statusCode: 403, title: "Account locked"),
                    _ => TypedResults.Problem("Invalid user name or password.", statusCode: 401, title: "Unauthorized"),
                };
            })
            .AllowAnonymous()
            .RequireRateLimiting(RateLimit)
            .WithSummary("Exchange a user name and password for a bearer token")
            .WithDescription("Send the token as 'Authorization: Bearer <token>'. Repeated failures lock the account.");

        auth.MapGet("/tokens", async (ClaimsPrincipal user, RevokeToken tokens, CancellationToken ct) =>
                TypedResults.Ok(await tokens.ListAsync(user.FindFirstValue(ClaimTypes.NameIdentifier)!, ct)))
            .RequireAuthorization(Policies.Aggregates)
            .WithSummary("List your tokens (without their secrets)");

        auth.MapDelete("/token", async Task<Results<NoContent, NotFound>> (ClaimsPrincipal user, RevokeToken revoke, CancellationToken ct) =>
                Guid.TryParse(user.FindFirstValue(ApiTokenAuthentication.TokenIdClaim), out var id) && await revoke.HandleAsync(id, ct)
                    ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireAuthorization(Policies.Aggregates)
            .WithSummary("Revoke the token this request is made with");

        auth.MapDelete("/tokens/{id:guid}", async Task<Results<NoContent, NotFound>> (Guid id, RevokeToken revoke, CancellationToken ct) =>
                await revoke.HandleAsync(id, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireAuthorization(Policies.Aggregates)
            .WithSummary("Revoke one of your tokens (administrators: anyone's)");
    }
}

/// <example>{"username":"admin","password":"…","name":"nightly export"}</example>
public sealed record TokenRequest(string? Username, string? Password, string? Name = null, int? LifetimeHours = null);

public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt)
{
    public static TokenResponse From(IssuedToken t) => new(t.Token, t.ExpiresAt);
}
