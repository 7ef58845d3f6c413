using Pana.Infrastructure.Access;

namespace Pana.Features.Statistics;

/// <summary>/api/v1/statistics: aggregates only, readable by government viewers too.</summary>
public static class StatisticsEndpoints
{
    public static void MapStatisticsEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/statistics/population/tables", async (string operation, DateOnly? on, int? threshold, PopulationTables tables, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(await tables.HandleAsync(operation, on ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), threshold ?? PopulationTables.DefaultThreshold, ct)))
            .WithTags("Statistics").RequireAuthorization(Policies.Aggregates)
            .WithSummary("The fact sheet's population tables on a day: by origin, with small origins under Others, and stateless people by sub-type");
}
