using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Matching;
using Pana.Data.Registry;
using Pana.Features.Registry;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Matching;

/// <summary>The review queue: staff see likely duplicates side by side and merge them or say they are different people.</summary>
public sealed class ReviewPairs(PanaDb db, MergePersons merge, CurrentUser user, TimeProvider clock, IStringLocalizer<UiText> t)
{
    public sealed record Side(Guid Id, string RegistrationNumber, string Name, string LatinName, Sex Sex, DateOnly? BirthDate, DatePrecision BirthDatePrecision,
        string? OriginCode, string? Phone, string OperationCode, int Version);

    public sealed record Row(Guid Id, double Score, string Level, List<MatchReason> Reasons, PairDecision Decision, Side A, Side B, int Version, string? DecidedBy);

    public sealed record Page(List<Row> Items, int Total, int PageNumber, int PageSize)
    {
        public int Pages => (Total + PageSize - 1) / PageSize;
    }

    public async Task<Page> ListAsync(PairDecision decision, string? operation, int page, int pageSize, CancellationToken ct)
    {
        var live = db.Persons.Where(p => p.MergedIntoId == null && (operation == null || operation == "" || p.OperationCode == operation));
        // A pair whose person was merged away meanwhile is no longer a question.
        var pairs = db.MatchPairs.AsNoTracking().Where(p => p.Decision == decision && live.Any(x => x.Id == p.PersonAId) && live.Any(x => x.Id == p.PersonBId));
        var size = Math.Clamp(pageSize, 1, 100);
        var number = Math.Max(1, page);
        var total = await pairs.CountAsync(ct);
        var rows = await pairs.OrderByDescending(p => p.Score).ThenBy(p => p.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        var ids = rows.SelectMany(r => new[] { r.PersonAId, r.PersonBId }).Distinct().ToList();
        var people = await db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new Side(p.Id, p.RegistrationNumber, (p.GivenName + " " + p.Patronymic + " " + p.FamilyName).Trim(), p.LatinName, p.Sex, p.BirthDate,
                p.BirthDatePrecision, p.OriginCode, p.Phone, p.OperationCode, p.Version))
            .ToDictionaryAsync(p => p.Id, ct);
        return new Page(rows.Select(r => new Row(r.Id, r.Score, r.Level, JsonSerializer.Deserialize<List<MatchReason>>(r.Reasons) ?? [], r.Decision,
            people[r.PersonAId], people[r.PersonBId], r.Version, r.DecidedBy)).ToList(), total, number, size);
    }

    public async Task<Outcome<bool>> RejectAsync(Guid pairId, int version, CancellationToken ct)
    {
        var pair = await db.MatchPairs.SingleOrDefaultAsync(p => p.Id == pairId, ct);
        if (pair is null)
        {
            return Outcome<bool>.Missing();
        }
        if (pair.Version != version || pair.Decision != PairDecision.Pending)
        {
            return Outcome<bool>.Conflict(t["Someone else decided on this pair already."]);
        }
        Decide(pair, PairDecision.Rejected, version);
        return await SaveAsync(ct);
    }

    /// <summary>Merges the other record of the pair into the one kept, with the versions the reviewer compared.</summary>
    public async Task<Outcome<bool>> MergeAsync(Guid pairId, Guid keepId, int keptVersion, int otherVersion, int version, CancellationToken ct)
    {
        var pair = await db.MatchPairs.SingleOrDefaultAsync(p => p.Id == pairId, ct);
        if (pair is null || (keepId != pair.PersonAId && keepId != pair.PersonBId))
        {
            return Outcome<bool>.Missing();
        }
        if (pair.Version != version || pair.Decision != PairDecision.Pending)
        {
            return Outcome<bool>.Conflict(t["Someone else decided on this pair already."]);
        }
        var other = keepId == pair.PersonAId ? pair.PersonBId : pair.PersonAId;
        var merged = await merge.HandleAsync(keepId, new MergePersons.Command(other, keptVersion, otherVersion), ct);
        if (!merged.Succeeded)
        {
            return merged.Kind == OutcomeKind.NotFound ? Outcome<bool>.Missing() : Outcome<bool>.Conflict(merged.Errors.Values.First().First());
        }
        pair = await db.MatchPairs.SingleAsync(p => p.Id == pairId, ct);
        Decide(pair, PairDecision.Merged, version);
        return await SaveAsync(ct);
    }

    private void Decide(MatchPair pair, PairDecision decision, int version)
    {
        db.Entry(pair).Property(p => p.Version).OriginalValue = version;
        pair.Decision = decision;
        pair.DecidedAt = clock.GetUtcNow().UtcDateTime;
        pair.DecidedBy = user.Name;
    }

    private async Task<Outcome<bool>> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<bool>.Ok(true);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<bool>.Conflict(t["Someone else decided on this pair already."]);
        }
    }
}
