using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Infrastructure.Access;

namespace Pana.Features.Identity.Tokens;

/// <summary>Revokes a token: its owner may revoke their own, an administrator anyone's.</summary>
public sealed class RevokeToken(PanaDb db, CurrentUser user, TimeProvider clock)
{
    public async Task<bool> HandleAsync(Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.UserId != user.UserId && !user.IsInRole(Data.Identity.Roles.Administrator)))
        {
            return false;
        }
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            token.RevokedBy = user.Name;
            await db.SaveChangesAsync(ct);
        }
        return true;
    }

    /// <summary>The tokens of one user, newest first, without their secrets.</summary>
    public async Task<List<TokenInfo>> ListAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenInfo(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.RevokedAt == null && t.ExpiresAt > now))
            .ToListAsync(ct);
    }
}

public sealed record TokenInfo(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, bool IsActive);
