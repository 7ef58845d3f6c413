using System.Security.Claims;
using Pana.Data.Audit;
using Pana.Features.Audit;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Users;

/// <summary>/api/v1/users: user administration for administrators.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users").RequireAuthorization(Policies.Administer);

        users.MapGet("/", async (UserDirectory directory, string? q, Guid? organisationId, string? role, int? page, int? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await directory.SearchAsync(new UserFilter(q, organisationId, role, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("List users");

        users.MapGet("/{id}", async (string id, UserDirectory directory, AuditLog audit, HttpResponse response, CancellationToken ct) =>
            {
                var user = await directory.FindAsync(id, ct);
                if (user is null)
                {
                    return Results.NotFound();
                }
                await audit.RecordAsync(AuditAction.View, "User", id, $"Viewed user {user.UserName}", ct: ct);
                response.SetETag(user.Version);
                return TypedResults.Ok(user);
            })
            .WithSummary("Read one user; the ETag is the version to send back in If-Match");

        users.MapPost("/", async (CreateUser.Command command, CreateUser create, CancellationToken ct) =>
                (await create.HandleAsync(command, ct)).ToResult(id => TypedResults.Created($"/api/v1/users/{id}", new CreatedUser(id))))
            .WithSummary("Create a user");

        users.MapPut("/{id}", async (string id, UpdateUser.Command command, HttpRequest request, ClaimsPrincipal me, UpdateUser update, CancellationToken ct) =>
            {
                // If-Match, when sent, is the version; otherwise the body's version counts.
                var version = request.IfMatch() ?? command.Version;
                var outcome = await update.HandleAsync(id, command with { Version = version }, me.FindFirstValue(ClaimTypes.NameIdentifier)!, ct);
                return outcome.ToResult(v =>
                {
                    request.HttpContext.Response.SetETag(v);
                    return TypedResults.NoContent();
                });
            })
            .WithSummary("Change a user's name, organisation, roles or access (optimistic concurrency by version / If-Match)");

        users.MapPost("/{id}/password", async (string id, PasswordCommand command, ResetPassword reset) =>
                (await reset.ByAdministratorAsync(id, command.NewPassword)).ToResult(_ => TypedResults.NoContent()))
            .WithSummary("Set a new password for a user");
    }

    public sealed record PasswordCommand(string NewPassword);

    public sealed record CreatedUser(string Id);
}
