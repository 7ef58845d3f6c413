using Microsoft.AspNetCore.Mvc;
using Pana.Infrastructure.Access;
using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>/api/v1/persons/import and /api/v1/persons/export: people and households in from a file, search results out to one.</summary>
public static class ImportExportEndpoints
{
    public static void MapRegistryImportExport(this RouteGroupBuilder api)
    {
        var persons = api.MapGroup("/persons").WithTags("Registry");

        persons.MapPost("/import", async (IFormFile file, [FromQuery] string operation, ImportRegistry import, CancellationToken ct) =>
            {
                if (file.Length > ImportRegistry.MaxFileBytes)
                {
                    return Results.Problem("The file is larger than 20 MB; split it into smaller files.", statusCode: StatusCodes.Status413PayloadTooLarge);
                }
                await using var stream = file.OpenReadStream();
                var report = await import.HandleAsync(stream, file.FileName, operation, ct);
                return report.Problem is { } problem
                    ? Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [problem] })
                    : Results.Ok(report);
            })
            .RequireAuthorization(Policies.Register)
            .DisableAntiforgery()
            .Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(ImportRegistry.MaxFileBytes + (1024 * 1024)))
            .WithSummary("Import people and households from a CSV or XLSX file in the import template (multipart field \"file\", at most 20 MB)")
            .WithDescription("Every row is checked; valid households are registered, the others come back in rejected with line, column and reason. "
                + "Rows whose person_id the operation already holds are skipped, so the same file can be sent again. A file that cannot be read "
                + "at all (unknown columns, not UTF-8, over 100,000 rows) gets 400 and nothing is imported. See docs/import-template.md.");

        persons.MapGet("/import/template", async (HttpResponse response, CancellationToken ct) =>
            {
                response.ContentType = TableWriter.CsvType;
                response.Headers.ContentDisposition = "attachment; filename=\"pana-import-template.csv\"";
                await ImportTemplate.WriteAsync(response.Body, ct);
            })
            .RequireAuthorization(Policies.Register)
            .WithSummary("The import template as CSV: the header row and two example rows");

        persons.MapGet("/export", async ([AsParameters] RegistryEndpoints.SearchQuery query, string? format, ExportPersons export, HttpResponse response,
                CancellationToken ct) =>
            {
                if (format is not (null or "csv" or "xlsx"))
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["Write csv or xlsx."] });
                }
                var xlsx = format == "xlsx";
                response.ContentType = xlsx ? ExportPersons.XlsxType : TableWriter.CsvType;
                response.Headers.ContentDisposition = $"attachment; filename=\"pana-registry.{(xlsx ? "xlsx" : "csv")}\"";
                await export.WriteAsync(query.ToFilter(), xlsx, response.Body, ct);
                return Results.Empty;
            })
            .RequireAuthorization(Policies.PersonalData)
            .WithSummary("Export the people a search finds as CSV or XLSX (format=csv|xlsx; the search's filters; at most 100,000 rows; audited)");
    }
}
