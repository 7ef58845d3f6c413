using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pana.Data;

namespace Pana.Infrastructure;

/// <summary>Picks SQLite or PostgreSQL from configuration and registers the matching PanaDb.</summary>
public static class Database
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static IServiceCollection AddPanaDatabase(
        this IServiceCollection services, IConfiguration config, string contentRoot,
        Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        var provider = config["Pana:Database:Provider"] ?? Sqlite;
        var connection = config.GetConnectionString("Pana");
        // Contexts are pooled: creating one per request was an eighth of a person page's processor time (perf). Their interceptors are
        // singletons that keep per-use state (ContextUseState), and EF Core resets a context's tracker and settings between uses.
        // A list (candidates' ids, name keys) goes as one array parameter (json_each, = ANY): EF 10's default spells one parameter
        // per value, so the SQL differs with every count and is generated, and planned, again on each call.
        if (provider.Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var cs = SqliteConnectionString(connection, contentRoot);
            services.AddDbContextPool<PanaDb, SqlitePanaDb>((sp, o) =>
            {
                o.UseSqlite(cs, s => s.MigrationsAssembly(typeof(PanaDb).Assembly.FullName).UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                configure(sp, o);
            });
        }
        else if (provider.Equals(Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new InvalidOperationException("Pana:Database:Provider is Postgres but ConnectionStrings:Pana is empty.");
            }
            var cs = PostgresConnectionString(connection);
            services.AddDbContextPool<PanaDb, PostgresPanaDb>((sp, o) =>
            {
                o.UseNpgsql(cs, n => n.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter));
                configure(sp, o);
            });
        }
        else
        {
            throw new InvalidOperationException($"Unknown database provider '{provider}': use {Sqlite} or {Postgres}.");
        }
        return services;
    }

    /// <summary>
    /// Statements run again and again (a person read, a search, an audit group) are prepared on their connection after their
    /// second use, so the server plans them once, not on every request; a connection string that says otherwise wins.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(configured);
        if (!configured.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase) && !configured.Contains("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ToString();
    }

    /// <summary>The default is a file under data/ beside the app, created on first run.</summary>
    public static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=data/pana.db" : configured);
        if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:")
        {
            builder.DataSource = Path.Combine(contentRoot, builder.DataSource);
        }
        var folder = Path.GetDirectoryName(builder.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        builder.ForeignKeys = true;
        builder.Pooling = true;
        builder.DefaultTimeout = 30;
        return builder.ToString();
    }

    /// <summary>Applies pending migrations; SQLite is switched to WAL so readers never wait for the writer.</summary>
    public static async Task MigrateAsync(PanaDb db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (!db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
