using System.Linq.Expressions;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>
/// The people the current user may see: everyone for the operation's staff; for a partner caseworker,
/// those their organisation registered or that a case or referral shared with it. Everything that
/// reads people starts here, so a record outside the scope is simply not found (404).
/// </summary>
public sealed class PersonScope(PanaDb db, CurrentUser user)
{
    /// <summary>True when the user sees every person who was not merged into another.</summary>
    public bool SeesEveryone => !user.IsScopedToOrganisation;

    /// <summary>A person merged into another is read through the person kept.</summary>
    public static readonly Expression<Func<Person, bool>> NotMerged = p => p.MergedIntoId == null;

    public IQueryable<Person> Persons
    {
        get
        {
            var query = db.Persons.Where(NotMerged);
            if (!user.IsScopedToOrganisation)
            {
                return query;
            }
            var org = user.OrganisationId ?? Guid.Empty;
            return query.Where(p => p.RegisteringOrganisationId == org || db.PersonShares.Any(s => s.PersonId == p.Id && s.OrganisationId == org));
        }
    }

    public IQueryable<Household> Households
    {
        get
        {
            var visible = Persons;
            return user.IsScopedToOrganisation ? db.Households.Where(h => visible.Any(p => p.HouseholdId == h.Id)) : db.Households;
        }
    }
}
