using System.Collections.Concurrent;

[assembly: AssemblyFixture(typeof(Pana.Tests.Support.Apps))]

namespace Pana.Tests.Support;

/// <summary>One running Pana per database for the whole run (the machine has two cores), plus fresh ones for tests that break things.</summary>
public sealed class Apps : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<PanaApp>> shared = new();
    private readonly ConcurrentBag<PanaApp> fresh = [];

    public PanaApp For(string database)
    {
        Databases.Require(database);
        return shared.GetOrAdd(database, d => new Lazy<PanaApp>(() => PanaApp.Start(d))).Value;
    }

    /// <summary>A Pana of its own, for a test that tampers with the database or needs the demo registry.</summary>
    public PanaApp Fresh(string database, bool demoData = false)
    {
        Databases.Require(database);
        var app = PanaApp.Start(database, demoData);
        fresh.Add(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in shared.Values.Where(l => l.IsValueCreated).Select(l => l.Value).Concat(fresh))
        {
            await app.DisposeAsync();
        }
    }
}
