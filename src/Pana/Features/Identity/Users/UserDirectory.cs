using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Reference;

namespace Pana.Features.Identity.Users;

/// <summary>Reads users for the administration pages and the API: a filtered page, or one user with roles and organisation.</summary>
public sealed class UserDirectory(PanaDb db, TimeProvider clock)
{
    public async Task<UserPage> SearchAsync(UserFilter filter, CancellationToken ct = default)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var q = filter.Q.Trim().ToUpperInvariant();
            query = query.Where(u => u.NormalizedUserName!.Contains(q) || u.DisplayName.ToUpper().Contains(q) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(q)));
        }
        if (filter.OrganisationId is { } org)
        {
            query = query.Where(u => u.OrganisationId == org);
        }
        if (!string.IsNullOrWhiteSpace(filter.Role))
        {
            query = query.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == filter.Role)));
        }
        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var page = Math.Max(filter.Page, 1);
        var rows = await query.OrderBy(u => u.UserName).Skip((page - 1) * size).Take(size)
            .Select(u => new { u.Id, u.UserName, u.DisplayName, u.Email, u.OrganisationId, u.IsActive, u.LockoutEnd, u.ConcurrencyStamp })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var roles = await RolesOf(ids, ct);
        var orgs = await OrganisationsOf(rows.Select(r => r.OrganisationId), ct);
        var now = clock.GetUtcNow();
        var items = rows.Select(r => new UserSummary(r.Id, r.UserName!, r.DisplayName, r.Email, r.OrganisationId,
            orgs.GetValueOrDefault(r.OrganisationId)?.Name() ?? "", roles.GetValueOrDefault(r.Id) ?? [], r.IsActive,
            r.LockoutEnd > now, r.ConcurrencyStamp ?? "")).ToList();
        return new UserPage(items, total, page, size);
    }

    public async Task<UserSummary?> FindAsync(string id, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
        if (user is null)
        {
            return null;
        }
        var roles = await RolesOf([id], ct);
        var org = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == user.OrganisationId, ct);
        return new UserSummary(user.Id, user.UserName!, user.DisplayName, user.Email, user.OrganisationId, org?.Name() ?? "",
            roles.GetValueOrDefault(id) ?? [], user.IsActive, user.LockoutEnd > clock.GetUtcNow(), user.ConcurrencyStamp ?? "");
    }

    /// <summary>How many active users hold each role.</summary>
    public async Task<List<(string Role, int Count)>> CountByRoleAsync(CancellationToken ct = default)
    {
        var counts = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where u.IsActive
                            group ur by r.Name into g
                            select new { Role = g.Key!, Count = g.Count() }).ToListAsync(ct);
        return Data.Identity.Roles.All.Select(r => (r, counts.FirstOrDefault(c => c.Role == r)?.Count ?? 0)).ToList();
    }

    private async Task<Dictionary<string, string[]>> RolesOf(List<string> userIds, CancellationToken ct) =>
        (await (from ur in db.UserRoles
                join r in db.Roles on ur.RoleId equals r.Id
                where userIds.Contains(ur.UserId)
                select new { ur.UserId, r.Name }).ToListAsync(ct))
        .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => g.Select(x => x.Name!).Order().ToArray());

    private async Task<Dictionary<Guid, Organisation>> OrganisationsOf(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var list = ids.Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => list.Contains(o.Id)).ToDictionaryAsync(o => o.Id, ct);
    }
}

public sealed record UserFilter(string? Q = null, Guid? OrganisationId = null, string? Role = null, int Page = 1, int PageSize = 50);

public sealed record UserSummary(string Id, string UserName, string DisplayName, string? Email, Guid OrganisationId,
    string OrganisationName, string[] Roles, bool IsActive, bool IsLockedOut, string Version);

public sealed record UserPage(List<UserSummary> Items, int Total, int Page, int PageSize)
{
    public int Pages => (Total + PageSize - 1) / PageSize;
}
