using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Matching;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Matching;

/// <summary>/api/v1/matching: batch deduplication jobs and the review queue (protection staff).</summary>
public static class MatchingEndpoints
{
    public static void MapMatchingEndpoints(this RouteGroupBuilder api)
    {
        var matching = api.MapGroup("/matching").WithTags("Matching").RequireAuthorization(Policies.Merge);

        matching.MapPost("/jobs", async (JobRequest request, DedupJobs jobs, PanaDb db, CurrentUser user, CancellationToken ct) =>
            {
                var id = await jobs.EnqueueAsync(db, request.Operation, user.Name, ct);
                return TypedResults.Accepted($"/api/v1/matching/jobs/{id}", new JobStarted(id));
            })
            .WithSummary("Start batch deduplication of the whole registry or one operation; runs in the background");

        matching.MapGet("/jobs", async (PanaDb db, CancellationToken ct) =>
                TypedResults.Ok(await db.DedupJobs.AsNoTracking().OrderByDescending(j => j.QueuedAt).Take(20).ToListAsync(ct)))
            .WithSummary("The latest deduplication jobs with their progress");

        matching.MapGet("/jobs/{id:guid}", async (Guid id, PanaDb db, CancellationToken ct) =>
                await db.DedupJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct) is { } job ? Results.Ok(job) : Results.NotFound())
            .WithSummary("A deduplication job's progress: people read and compared, pairs found");

        matching.MapPost("/jobs/{id:guid}/cancel", async (Guid id, DedupJobs jobs, PanaDb db, CurrentUser user, CancellationToken ct) =>
                await jobs.CancelAsync(db, id, user.Name, ct) ? Results.Accepted($"/api/v1/matching/jobs/{id}") : Results.NotFound())
            .WithSummary("Cancel a queued or running deduplication job; the pairs it wrote stay in the review queue");

        matching.MapGet("/pairs", async (PairDecision? decision, string? operation, int? page, int? pageSize, ReviewPairs review, CancellationToken ct) =>
                TypedResults.Ok(await review.ListAsync(decision ?? PairDecision.Pending, operation, page ?? 1, pageSize ?? 20, ct)))
            .WithSummary("The review queue: likely duplicates, highest score first, with what agreed and what did not");

        matching.MapPost("/pairs/{id:guid}/reject", async (Guid id, Decision body, ReviewPairs review, CancellationToken ct) =>
                (await review.RejectAsync(id, body.Version, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithSummary("Different people: the pair is never proposed again");

        matching.MapPost("/pairs/{id:guid}/merge", async (Guid id, MergeDecision body, ReviewPairs review, CancellationToken ct) =>
                (await review.MergeAsync(id, body.KeepId, body.KeptVersion, body.OtherVersion, body.Version, ct)).ToResult(_ => TypedResults.NoContent()))
            .WithSummary("The same person: merge the other record into the one kept");
    }

    public sealed record JobRequest(string? Operation);

    public sealed record JobStarted(Guid Id);

    public sealed record Decision(int Version);

    public sealed record MergeDecision(Guid KeepId, int KeptVersion, int OtherVersion, int Version);
}
