using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Audit;
using Pana.Features.Audit;
using Pana.Features.ReferenceData;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.PersonalData)]
public sealed class IndexModel(SearchPersons search, ExportPersons export, ReferenceDirectory reference, AuditLog audit, IAuthorizationService authorization) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Operation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? PopulationType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Origin { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true)] public AgeBand? AgeBand { get; set; }
    [BindProperty(SupportsGet = true)] public PersonSort Sort { get; set; }
    [BindProperty(SupportsGet = true)] public bool Desc { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public SearchPersons.Result? Result { get; private set; }
    public bool MayRegister { get; private set; }
    public List<Choice> Operations { get; private set; } = [];
    public List<Choice> Regions { get; private set; } = [];
    public List<Choice> PopulationTypes { get; private set; } = [];
    public List<Choice> Countries { get; private set; } = [];
    public List<Choice> Needs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        MayRegister = (await authorization.AuthorizeAsync(User, Policies.Register)).Succeeded;
        Operations = await reference.ChoicesAsync("operations", ct);
        Regions = await reference.ChoicesAsync("regions", ct);
        PopulationTypes = await reference.ChoicesAsync("population-types", ct);
        Countries = await reference.ChoicesAsync("countries", ct);
        Needs = await reference.ChoicesAsync("specific-needs", ct);
        if (Request.Query.Count > 0)
        {
            Result = await search.HandleAsync(Filter() with { Page = PageNumber }, ct);
            await audit.RecordAsync(AuditAction.View, "Registry", "search", $"Web: registry search, {(Result.Capped ? "more than " : "")}{Result.Total} found", ct: ct);
        }
    }

    public async Task<IActionResult> OnPostExportAsync(string format, CancellationToken ct)
    {
        var xlsx = format == "xlsx";
        Response.ContentType = xlsx ? ExportPersons.XlsxType : "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"pana-registry.{(xlsx ? "xlsx" : "csv")}\"";
        await export.WriteAsync(Filter(), xlsx, Response.Body, ct);
        return new EmptyResult();
    }

    private SearchPersons.Filter Filter() => new(Q, Operation, Region, PopulationType, Origin, Need, AgeBand, Sort, Desc);

    public IEnumerable<(string, string)> QueryValues()
    {
        foreach (var (k, v) in new[] { ("q", Q), ("operation", Operation), ("region", Region), ("populationType", PopulationType), ("origin", Origin),
                     ("need", Need), ("ageBand", AgeBand?.ToString()), ("sort", Sort.ToString()), ("desc", Desc ? "true" : "false") })
        {
            if (!string.IsNullOrEmpty(v))
            {
                yield return (k, v);
            }
        }
    }

    public string Link(int page, PersonSort sort, bool desc) =>
        "?" + string.Join("&", QueryValues().Where(kv => kv.Item1 is not "sort" and not "desc").Select(kv => $"{kv.Item1}={Uri.EscapeDataString(kv.Item2)}")
            .Append($"sort={sort}").Append($"desc={(desc ? "true" : "false")}").Append($"page={page}"));
}
