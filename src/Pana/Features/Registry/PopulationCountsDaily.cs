using Pana.Data;

namespace Pana.Features.Registry;

/// <summary>
/// Moves the population counts to the new day soon after it starts (UTC), so that age bands and status steps that take
/// effect on a date count from that day even if nobody reads the figures; a read of today's figures does the same.
/// </summary>
public sealed class PopulationCountsDaily(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PopulationCountsDaily> log) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
                await PopulationCounts.RefreshAsync(db, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "The population counts could not be moved to the new day; the next try is in {Minutes} minutes", Every.TotalMinutes);
            }
        }
    }
}
