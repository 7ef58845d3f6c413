using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Pana.Infrastructure;

/// <summary>
/// What a singleton interceptor remembers about one use of a DbContext. Contexts are pooled: one instance serves many
/// requests, one after another, and each lease of it (<see cref="DbContextId.Lease"/>) starts from a fresh state.
/// </summary>
public sealed class ContextUseState<T>
    where T : class, new()
{
    private readonly ConditionalWeakTable<DbContext, Slot> slots = new();

    public T Of(DbContext db)
    {
        var slot = slots.GetValue(db, _ => new Slot());
        var lease = db.ContextId.Lease;
        if (slot.State is null || slot.Lease != lease)
        {
            (slot.Lease, slot.State) = (lease, new T());
        }
        return slot.State;
    }

    private sealed class Slot
    {
        public int Lease;
        public T? State;
    }
}
