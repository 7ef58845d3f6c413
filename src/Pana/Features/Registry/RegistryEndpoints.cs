using System.Globalization;
using Pana.Data.Audit;
using Pana.Features.Audit;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>/api/v1/persons, /api/v1/households and the registry's statistics.</summary>
public static class RegistryEndpoints
{
    public static void MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Registry").RequireAuthorization(Policies.PersonalData);

        persons.MapGet("/", async ([AsParameters] SearchQuery query, SearchPersons search, AuditLog audit, CancellationToken ct) =>
            {
                var result = await search.HandleAsync(query.ToFilter(), ct);
                await audit.RecordAsync(AuditAction.View, "Registry", "search", $"API: registry search, {(result.Capped ? "more than " : "")}{result.Total} found", ct: ct);
                return TypedResults.Ok(result);
            })
            .WithSummary("Search people: any name in any script, registration or document number, phone, date or year of birth; filters; paged; "
                + "the total counts up to 1,000 and capped says there are more");

        persons.MapGet("/{id:guid}", async (Guid id, PersonRecord record, HttpResponse response, CancellationToken ct) =>
            {
                var person = await record.ReadAsync(id, ct);
                if (person is null)
                {
                    return Results.NotFound();
                }
                response.SetETag(person.Version);
                return TypedResults.Ok(person);
            })
            .WithSummary("Read a person with statuses, needs and documents; the ETag is the version for If-Match");

        persons.MapPut("/{id:guid}", async (Guid id, PersonDetails details, HttpRequest request, UpdatePerson update, CancellationToken ct) =>
            {
                if (!int.TryParse(request.IfMatch(), out var version))
                {
                    return TypedResults.Problem("Send the version you read in If-Match.", statusCode: StatusCodes.Status428PreconditionRequired);
                }
                return (await update.HandleAsync(id, details, version, ct)).ToResult(v =>
                {
                    request.HttpContext.Response.SetETag(v.ToString(CultureInfo.InvariantCulture));
                    return TypedResults.NoContent();
                });
            })
            .RequireAuthorization(Policies.Register)
            .WithSummary("Change a person's details (If-Match required; a stale version gets 412)");

        persons.MapGet("/{id:guid}/timeline", async (Guid id, PersonRecord record, PersonScope scope, CancellationToken ct) =>
                scope.Persons.Any(p => p.Id == id) ? Results.Ok(await record.TimelineAsync(id, ct)) : Results.NotFound())
            .WithSummary("What changed on a person, newest first");

        persons.MapPost("/{id:guid}/statuses", async (Guid id, StatusStep step, ChangeStatus change, CancellationToken ct) =>
                (await change.AddAsync(id, step, ct)).ToResult(s => TypedResults.Created($"/api/v1/persons/{id}/statuses/{s.Id}", s)))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Add a step to the legal status history; the current status follows from the history");

        persons.MapDelete("/{id:guid}/statuses/{statusId:guid}", async (Guid id, Guid statusId, ChangeStatus change, CancellationToken ct) =>
                (await change.RemoveAsync(id, statusId, ct)).ToResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Remove a status step entered in error");

        persons.MapPost("/{id:guid}/needs", async (Guid id, NeedEntry need, RecordNeedsAndDocuments record, CancellationToken ct) =>
                (await record.AddNeedAsync(id, need, ct)).ToResult(n => TypedResults.Created($"/api/v1/persons/{id}/needs/{n.Id}", n)))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Record a specific need");

        persons.MapPost("/{id:guid}/needs/{needId:guid}/resolve", async (Guid id, Guid needId, DateOnly? on, RecordNeedsAndDocuments record, CancellationToken ct) =>
                (await record.ResolveNeedAsync(id, needId, on, ct)).ToResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Mark a specific need resolved");

        persons.MapPost("/{id:guid}/documents", async (Guid id, DocumentEntry document, RecordNeedsAndDocuments record, CancellationToken ct) =>
                (await record.AddDocumentAsync(id, document, ct)).ToResult(d => TypedResults.Created($"/api/v1/persons/{id}/documents/{d.Id}", d)))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Record a document");

        persons.MapPut("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, DocumentEntry document, RecordNeedsAndDocuments record, CancellationToken ct) =>
                (await record.UpdateDocumentAsync(id, documentId, document, ct)).ToResult(d => TypedResults.Ok(d)))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Correct a document (number, issuer, dates)");

        persons.MapDelete("/{id:guid}/documents/{documentId:guid}", async (Guid id, Guid documentId, RecordNeedsAndDocuments record, CancellationToken ct) =>
                (await record.RemoveDocumentAsync(id, documentId, ct)).ToResult(_ => TypedResults.NoContent()))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Remove a document recorded in error");

        persons.MapPost("/{id:guid}/merge", async (Guid id, MergePersons.Command command, MergePersons merge, CancellationToken ct) =>
                (await merge.HandleAsync(id, command, ct)).ToResult(kept => TypedResults.Ok(new MergeResult(kept))))
            .RequireAuthorization(Policies.Merge)
            .WithSummary("Merge a duplicate into this person, keeping every status, need, document and audit trail of both");

        persons.MapPost("/duplicates", async (PersonDetails details, DuplicateCheck check, CancellationToken ct) =>
                TypedResults.Ok(await check.FindAsync(details, null, ct)))
            .RequireAuthorization(Policies.Register)
            .WithSummary("Who in the registry may be this person, and why");

        var households = api.MapGroup("/households").WithTags("Registry").RequireAuthorization(Policies.PersonalData);

        households.MapPost("/", async (RegisterHousehold.Command command, RegisterHousehold register, CancellationToken ct) =>
            {
                var outcome = await register.HandleAsync(command, ct);
                return outcome.ToResult(r => r.Saved
                    ? TypedResults.Created($"/api/v1/households/{r.HouseholdId}", r)
                    : TypedResults.Conflict(r));
            })
            .RequireAuthorization(Policies.Register)
            .WithSummary("Register a household with its members")
            .WithDescription("Likely duplicates come back as 409 with candidates and reasons per member; send the member again with confirmedNew: true, or existingPersonId to link the person already registered.");

        households.MapGet("/{id:guid}", async (Guid id, HouseholdRecord record, HttpResponse response, CancellationToken ct) =>
            {
                if (await record.ReadAsync(id, ct) is not { } h)
                {
                    return Results.NotFound();
                }
                response.SetETag(h.Version.ToString(CultureInfo.InvariantCulture));
                return TypedResults.Ok(h);
            })
            .WithSummary("Read a household and its members; the ETag is the version for If-Match");

        households.MapPut("/{id:guid}", async (Guid id, UpdateHousehold.Command command, HttpRequest request, UpdateHousehold update, CancellationToken ct) =>
            {
                var version = int.TryParse(request.IfMatch(), out var v) ? v : command.Version;
                return (await update.HandleAsync(id, command with { Version = version }, ct)).ToResult(nv =>
                {
                    request.HttpContext.Response.SetETag(nv.ToString(CultureInfo.InvariantCulture));
                    return TypedResults.NoContent();
                });
            })
            .RequireAuthorization(Policies.Register)
            .WithSummary("Set the household's members and their relationship to the focal point (optimistic concurrency by version / If-Match)");

        api.MapGet("/documents/expiring", async (string? operation, int? days, ExpiringDocuments expiring, CancellationToken ct) =>
                TypedResults.Ok(await expiring.HandleAsync(operation, days ?? 30, ct)))
            .WithTags("Registry").RequireAuthorization(Policies.PersonalData)
            .WithSummary("Documents expiring within the next days (30 by default)");

        api.MapGet("/statistics/population", async (string operation, DateOnly? on, PopulationFigures figures, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await figures.ReadAsync(operation, on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct)))
            .WithTags("Statistics").RequireAuthorization(Policies.Aggregates)
            .WithSummary("People of concern on a day by population type, sub-type, origin, sex and age band; today's from the counts kept by every registry write, another day's from the status histories");
    }

    public sealed record MergeResult(Guid Kept);

    /// <summary>The search's query string.</summary>
    public sealed record SearchQuery(string? Q, string? Operation, string? Region, string? PopulationType, string? Origin, string? Need,
        AgeBand? AgeBand, PersonSort? Sort, bool? Desc, int? Page, int? PageSize)
    {
        public SearchPersons.Filter ToFilter() => new(Q, Operation, Region, PopulationType, Origin, Need, AgeBand, Sort ?? PersonSort.Name,
            Desc ?? false, Page ?? 1, PageSize ?? 25);
    }
}
