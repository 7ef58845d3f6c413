using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pana.Data.Identity;

namespace Pana.Features.Identity.Tokens;

/// <summary>
/// Empties <see cref="TokenPrincipals"/> whenever a save changes a user, a role or its link to a user, a claim or an
/// existing token. It empties before the save, after it, and again after the commit of a surrounding transaction,
/// so no request can keep what it read just before the change became visible.
/// </summary>
public sealed class TokenPrincipalEviction(TokenPrincipals principals) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private bool changed;

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

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken ct = default)
    {
        Committed();
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
                changed = true;
                principals.Forget();
                return;
            }
        }
    }

    private void After(DbContext? context)
    {
        if (changed)
        {
            principals.Forget();
            changed = context?.Database.CurrentTransaction is not null;
        }
    }

    private void Committed()
    {
        if (changed)
        {
            changed = false;
            principals.Forget();
        }
    }
}
