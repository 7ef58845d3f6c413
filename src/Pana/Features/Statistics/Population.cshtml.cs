using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Statistics;

[Authorize(Policy = Policies.Aggregates)]
public sealed class PopulationModel(PopulationTables tables, ReferenceDirectory reference, TimeProvider clock, LocalClock local) : PageModel
{
    public LocalClock Clock => local;

    [BindProperty(SupportsGet = true)] public string Operation { get; set; } = "KAZ";
    [BindProperty(SupportsGet = true)] public DateOnly On { get; set; }

    public PopulationTables.Result? Result { get; private set; }
    public List<Choice> Operations { get; private set; } = [];
    public List<Choice> Countries { get; private set; } = [];
    public List<Choice> Types { get; private set; } = [];
    public List<Choice> SubTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (On == default)
        {
            On = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        }
        Operations = await reference.ChoicesAsync("operations", ct);
        Countries = await reference.ChoicesAsync("countries", ct);
        Types = await reference.ChoicesAsync("population-types", ct);
        SubTypes = await reference.ChoicesAsync("population-sub-types", ct);
        Result = await tables.HandleAsync(Operation, On, ct: ct);
    }
}
