using System.Security.Cryptography;
using Pana.Data;
using Pana.Data.Identity;

namespace Pana.Features.Identity.Tokens;

/// <summary>Issues a bearer token to a user whose credentials were checked; the token itself is shown once and never stored.</summary>
public sealed class IssueToken(PanaDb db, TimeProvider clock, IConfiguration config)
{
    public const int MaxLifetimeDays = 90;

    public async Task<IssuedToken> HandleAsync(PanaUser user, string? name, int? lifetimeHours, CancellationToken ct = default)
    {
        var hours = Math.Clamp(lifetimeHours ?? config.GetValue("Pana:Api:TokenLifetimeHours", 24), 1, MaxLifetimeDays * 24);
        var secret = "pana_" + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = string.IsNullOrWhiteSpace(name) ? "API" : name.Trim()[..Math.Min(name.Trim().Length, 100)],
            TokenHash = ApiTokenAuthentication.HashOf(secret),
            Prefix = secret[..12],
            CreatedAt = now,
            ExpiresAt = now.AddHours(hours),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new IssuedToken(secret, new DateTimeOffset(token.ExpiresAt, TimeSpan.Zero), token.Id);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What the token endpoint answers: the token and when it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, Guid Id);
