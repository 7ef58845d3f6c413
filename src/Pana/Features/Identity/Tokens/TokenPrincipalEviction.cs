using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pana.Data.Identity;
using Pana.Infrastructure;

namespace Pana.Features.Identity.Tokens;

/// <summary>
/// Empties <see cref="TokenPrincipals"/> whenever a save changes a user, a role or its link to a user, a claim or an
/// existing token. It empties before the save, after it, and again after the commit of a surrounding transaction,
/// so no request can keep what it read just before the change became visible.
/// </summary>
public sealed class TokenPrincipalEviction(TokenPrincipals principals) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // One instance serves every (pooled) context: a change seen belongs to the context's current use.
    private readonly ContextUseState<Seen> uses = new();

    private sealed class Seen
    {
        public bool Changed;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Look(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        Look(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        After(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct = default)
    {
        After(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    private void Look(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var affects = entry.Entity switch
            {
                PanaUser or IdentityRole or IdentityUserRole<string> or IdentityUserClaim<string> or IdentityRoleClaim<string> => entry.State is not EntityState.Unchanged and not EntityState.Detached,
                ApiToken => entry.State is EntityState.Modified or EntityState.Deleted,
                _ => false,
            };
            if (affects)
            {
                uses.Of(context).Changed = true;
                principals.Forget();
                return;
            }
        }
    }

    private void After(DbContext? context)
    {
        if (context is not null && uses.Of(context) is { Changed: true } seen)
        {
            principals.Forget();
            seen.Changed = context.Database.CurrentTransaction is not null;
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && uses.Of(context) is { Changed: true } seen)
        {
            seen.Changed = false;
            principals.Forget();
        }
    }
}
