using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Features.Audit;
using Pana.Features.Identity;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;

namespace Pana.Features.Shell;

/// <summary>What runs before the app serves (migrate, seed, first users, population counts) and the one-shot commands.</summary>
public static class Commands
{
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var sp = scope.ServiceProvider;
        await Database.MigrateAsync(sp.GetRequiredService<PanaDb>(), ct);
        // The migration MatchKeys adds a table that only .NET code can fill (names folded as the matcher folds them).
        await Registry.DuplicateKeys.BackfillAsync(sp.GetRequiredService<PanaDb>(), ct);
        await sp.GetRequiredService<ReferenceSeed>().RunAsync(ct);
        await sp.GetRequiredService<Bootstrap>().RunAsync(ct);
        if (sp.GetRequiredService<IConfiguration>().GetValue("Pana:DemoData", false))
        {
            await sp.GetRequiredService<Registry.Demo.DemoRegistry>().RunAsync(ct);
        }
        await Registry.PopulationCounts.PrepareAsync(sp.GetRequiredService<PanaDb>(), DateOnly.FromDateTime(DateTime.UtcNow), ct);
        await sp.GetRequiredService<AuditChain>().SealPendingAsync(ct);
    }

    public static async Task<int> RunAsync(string command, IServiceProvider services, string[]? args = null)
    {
        switch (command)
        {
            case "generate":
                return await GenerateAsync(services, args ?? []);
            case "population-counts":
                await PrepareAsync(services);
                using (var scope = services.CreateScope())
                {
                    var watch = System.Diagnostics.Stopwatch.StartNew();
                    await Registry.PopulationCounts.RebuildAsync(scope.ServiceProvider.GetRequiredService<PanaDb>(), DateOnly.FromDateTime(DateTime.UtcNow));
                    Console.WriteLine($"Pana: the population counts are recomputed from the registry in {watch.Elapsed.TotalSeconds:N1} s.");
                }
                return 0;
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

    /// <summary>generate --people N [--seed S]: a synthetic registry in bulk, for benchmarks and load tests; never on a live registry.</summary>
    private static async Task<int> GenerateAsync(IServiceProvider services, string[] args)
    {
        string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        if (!int.TryParse(Option("--people"), out var people) || people <= 0)
        {
            Console.Error.WriteLine("Usage: generate --people N [--seed S]");
            return 2;
        }
        var seed = int.TryParse(Option("--seed"), out var s) ? s : 20261123;
        await PrepareAsync(services);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PanaDb>();
        if (await db.Persons.AnyAsync())
        {
            Console.Error.WriteLine("The registry is not empty: generate only into an empty database.");
            return 1;
        }
        var progress = new Progress<int>(n => Console.Write($"\r{n:N0} people"));
        var report = await Registry.Synthetic.SyntheticRegistry.GenerateAsync(db, people, seed, progress, CancellationToken.None);
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        await audit.WriteAsync(Data.Audit.AuditAction.System, "Registry", "synthetic", $"Synthetic registry generated: {report.People} people in {report.Households} households");
        Console.WriteLine($"\nGenerated {report.People:N0} people in {report.Households:N0} households in {report.Elapsed.TotalSeconds:N0} s.");
        return 0;
    }
}
