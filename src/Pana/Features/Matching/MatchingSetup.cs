namespace Pana.Features.Matching;

/// <summary>Batch deduplication and the review queue, for dependency injection.</summary>
public static class MatchingSetup
{
    public static IServiceCollection AddMatching(this IServiceCollection services)
    {
        services.AddSingleton<DedupJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<DedupJobs>());
        services.AddScoped<ReviewPairs>();
        return services;
    }
}
