using Pana.Data;
using Pana.Data.Reference;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.ReferenceData;

/// <summary>/api/v1/reference and /api/v1/organisations: read by every signed-in user, changed by administrators.</summary>
public static class ReferenceEndpoints
{
    public static void MapReferenceEndpoints(this RouteGroupBuilder api)
    {
        var reference = api.MapGroup("/reference").WithTags("Reference data").RequireAuthorization(Policies.Aggregates);

        reference.MapGet("/", () => TypedResults.Ok(ReferenceLists.All.Select(k => new ListInfo(k.Slug, k.Title, k.CanAdd))))
            .WithSummary("The reference lists");

        reference.MapGet("/{kind}", async (string kind, string? q, PanaDb db, CancellationToken ct) =>
                ReferenceLists.Find(kind) is { } k ? Results.Ok(await k.ListAsync(db, q, ct)) : Results.NotFound())
            .WithSummary("Entries of one list: countries, operations, regions, population-types, population-sub-types, specific-needs, document-types");

        reference.MapPost("/{kind}", async (string kind, NewItem item, SaveReferenceItem save, CancellationToken ct) =>
                ReferenceLists.Find(kind) is { } k
                    ? (await save.AddAsync(k, item.Code, new(item.NameEn, item.NameRu, item.NameKk, item.IsActive, 0), ct))
                        .ToResult(row => TypedResults.Created($"/api/v1/reference/{kind}/{row.Code}", row))
                    : Results.NotFound())
            .RequireAuthorization(Policies.Administer)
            .WithSummary("Add an entry to a list that can be added to");

        reference.MapPut("/{kind}/{code}", async (string kind, string code, SaveReferenceItem.Command command, HttpRequest request, SaveReferenceItem save, CancellationToken ct) =>
            {
                if (ReferenceLists.Find(kind) is not { } k)
                {
                    return Results.NotFound();
                }
                var version = int.TryParse(request.IfMatch(), out var v) ? v : command.Version;
                return (await save.UpdateAsync(k, code, command with { Version = version }, ct)).ToResult(row =>
                {
                    request.HttpContext.Response.SetETag(row.Version.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    return TypedResults.Ok(row);
                });
            })
            .RequireAuthorization(Policies.Administer)
            .WithSummary("Rename or (de)activate an entry (optimistic concurrency by version / If-Match)");

        var orgs = api.MapGroup("/organisations").WithTags("Reference data").RequireAuthorization(Policies.Aggregates);

        orgs.MapGet("/", async (OrganisationType? type, string? q, ReferenceDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(await directory.OrganisationsAsync(type, q, ct)))
            .WithSummary("Organisations: UN offices, NGO partners, government bodies, donors");

        orgs.MapPost("/", async (SaveOrganisation.Command command, SaveOrganisation save, CancellationToken ct) =>
                (await save.HandleAsync(null, command, ct)).ToResult(row => TypedResults.Created($"/api/v1/organisations/{row.Id}", row)))
            .RequireAuthorization(Policies.Administer)
            .WithSummary("Add an organisation");

        orgs.MapPut("/{id:guid}", async (Guid id, SaveOrganisation.Command command, HttpRequest request, SaveOrganisation save, CancellationToken ct) =>
            {
                var version = int.TryParse(request.IfMatch(), out var v) ? v : command.Version;
                return (await save.HandleAsync(id, command with { Version = version }, ct)).ToResult(row => TypedResults.Ok(row));
            })
            .RequireAuthorization(Policies.Administer)
            .WithSummary("Change an organisation (optimistic concurrency by version / If-Match)");
    }

    public sealed record ListInfo(string Slug, string Title, bool CanAdd);

    /// <example>{"code":"DV","nameEn":"Domestic violence","nameRu":"Домашнее насилие","nameKk":"Тұрмыстық зорлық-зомбылық","isActive":true}</example>
    public sealed record NewItem(string Code, string NameEn, string NameRu, string NameKk, bool IsActive = true);
}
