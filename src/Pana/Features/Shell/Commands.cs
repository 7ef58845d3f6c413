using Pana.Data;
using Pana.Features.Audit;
using Pana.Features.Identity;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;

namespace Pana.Features.Shell;

/// <summary>What runs before the app serves (migrate, seed, first users) and the one-shot commands "migrate" and "verify-audit".</summary>
public static class Commands
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        await Database.MigrateAsync(sp.GetRequiredService<PanaDb>(), ct);
        await sp.GetRequiredService<ReferenceSeed>().RunAsync(ct);
        await sp.GetRequiredService<Bootstrap>().RunAsync(ct);
        if (sp.GetRequiredService<IConfiguration>().GetValue("Pana:DemoData", false))
        {
            await sp.GetRequiredService<Registry.Demo.DemoRegistry>().RunAsync(ct);
        }
        await sp.GetRequiredService<AuditChain>().SealPendingAsync(ct);
    }

    public static async Task<int> RunAsync(string command, IServiceProvider services)
    {
        switch (command)
        {
            case "migrate":
                await PrepareAsync(services);
                Console.WriteLine("Pana: the database is migrated and seeded.");
                return 0;
            case "verify-audit":
                using (var scope = services.CreateScope())
                {
                    var chain = scope.ServiceProvider.GetRequiredService<AuditChain>();
                    await chain.SealPendingAsync();
                    var report = await chain.VerifyAsync();
                    Console.WriteLine(report.Intact
                        ? $"Audit chain intact: {report.EntriesChecked} entries, head {report.HeadHash}"
                        : $"Audit chain BROKEN: {report.Problems.Count} problem(s) in {report.EntriesChecked} entries");
                    foreach (var p in report.Problems)
                    {
                        Console.WriteLine($"  entry {p.ChainIndex}: {p.Problem}");
                    }
                    return report.Intact ? 0 : 1;
                }
            default:
                Console.Error.WriteLine($"Unknown command {command}");
                return 2;
        }
    }
}
