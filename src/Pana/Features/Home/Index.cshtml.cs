using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pana.Data.Identity;
using Pana.Data.Reference;
using Pana.Features.Audit;
using Pana.Features.Identity.Users;
using Pana.Features.ReferenceData;
using Pana.Features.Registry;
using Pana.Infrastructure.Access;

namespace Pana.Features.Home;

/// <summary>The home dashboard: figures every role may see, and for administrators the state of users and the audit log.</summary>
public sealed class IndexModel(UserManager<PanaUser> users, UserDirectory directory, ReferenceDirectory reference, AuditFigures audit, PopulationFigures population,
    TimeProvider clock, CurrentUser me) : PageModel
{
    public UserSummary Me { get; private set; } = null!;
    public List<OperationSummary> Operations { get; private set; } = [];
    public Dictionary<string, int> OfConcern { get; } = [];
    public List<(OrganisationType Type, int Count)> OrganisationsByType { get; private set; } = [];
    public AdminFigures? Admin { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Me = (await directory.FindAsync(users.GetUserId(User)!, ct))!;
        Operations = await reference.OperationsAsync(ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var op in Operations)
        {
            OfConcern[op.Code] = (await population.OnAsync(op.Code, today, ct)).Sum(c => c.Persons);
        }
        OrganisationsByType = (await reference.OrganisationsAsync(ct: ct)).Where(o => o.IsActive)
            .GroupBy(o => o.Type).OrderBy(g => g.Key).Select(g => (g.Key, g.Count())).ToList();
        if (me.IsInRole(Roles.Administrator))
        {
            Admin = new AdminFigures(await directory.CountByRoleAsync(ct), await audit.FailedSignInsAsync(TimeSpan.FromHours(24), ct),
                await audit.EntriesAsync(ct), await audit.SignInsPerDayAsync(14, ct));
        }
    }

    public sealed record AdminFigures(List<(string Role, int Count)> UsersByRole, int FailedSignIns, int AuditEntries, List<(DateTime Day, int Count)> SignInsPerDay);
}
