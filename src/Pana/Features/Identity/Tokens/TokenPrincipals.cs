using System.Collections.Concurrent;
using System.Security.Claims;

namespace Pana.Features.Identity.Tokens;

/// <summary>
/// Remembers, for a few seconds, who a bearer token stands for, so that a program calling the API does not cost
/// the token, the user, their roles and claims read again on every request. Any change of a user, a role link, a
/// claim or a token in this app empties it (<see cref="TokenPrincipalEviction"/>), so a revocation, a deactivation,
/// a lockout or a change of role or organisation takes effect on the next request. Another instance of the app
/// sees such a change when its own entry ends: at most <see cref="Lifetime"/> later.
/// </summary>
public sealed class TokenPrincipals(TimeProvider clock, IConfiguration config)
{
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private long generation;

    public TimeSpan Lifetime { get; } = TimeSpan.FromSeconds(config.GetValue("Pana:Api:TokenCacheSeconds", 30));

    /// <summary>Taken before reading a token from the database and given back to <see cref="Remember"/>.</summary>
    public long Generation => Interlocked.Read(ref generation);

    public bool TryGet(string tokenHash, out Entry entry)
    {
        if (entries.TryGetValue(tokenHash, out entry!))
        {
            var now = clock.GetUtcNow().UtcDateTime;
            if (entry.Until > now && entry.TokenExpiresAt > now)
            {
                return true;
            }
            entries.TryRemove(new KeyValuePair<string, Entry>(tokenHash, entry));
        }
        return false;
    }

    /// <summary>Keeps what was read unless something changed since <paramref name="readAt"/>: a read that raced a revocation is not kept.</summary>
    public void Remember(string tokenHash, IReadOnlyList<Claim> claims, DateTime tokenExpiresAt, long readAt)
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            return;
        }
        lock (gate)
        {
            if (generation != readAt)
            {
                return;
            }
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }
            entries[tokenHash] = new Entry(claims, tokenExpiresAt, clock.GetUtcNow().UtcDateTime + Lifetime);
        }
    }

    /// <summary>Forgets everything: users, roles and tokens change seldom, and the next request of each program reads them again.</summary>
    public void Forget()
    {
        lock (gate)
        {
            Interlocked.Increment(ref generation);
            entries.Clear();
        }
    }

    public sealed record Entry(IReadOnlyList<Claim> Claims, DateTime TokenExpiresAt, DateTime Until);
}
