using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure;

namespace Pana.Bench.Scale;

/// <summary>A person drawn at random from the generated registry, to build searches, duplicate checks and page reads from.</summary>
public sealed record SampledPerson(Guid Id, string GivenName, string FamilyName, string Patronymic, Sex Sex, DateOnly? BirthDate,
    DatePrecision BirthDatePrecision, string? NationalityCode, string? OriginCode, string Phone);

/// <summary>
/// A fresh, empty database for one run: a SQLite file under /tmp, or a new PostgreSQL database on the server named by
/// PANA_BENCH_POSTGRES or PANA_TEST_POSTGRES; and the environment that points the app at it.
/// </summary>
public sealed class ScaleDatabase
{
    private ScaleDatabase(string provider, string connectionString, string workFolder, string description, bool reused = false)
    {
        Reused = reused;
        Provider = provider;
        ConnectionString = connectionString;
        WorkFolder = workFolder;
        Description = description;
    }

    public string Provider { get; }
    public string ConnectionString { get; }
    public string WorkFolder { get; }
    public string Description { get; }
    public bool IsPostgres => Provider == Database.Postgres;

    /// <summary>The database of an earlier run was kept (--reuse): nothing was generated, so planted duplicates are unknown.</summary>
    public bool Reused { get; }

    /// <summary>The app's own configuration keys: provider, connection, first administrator, no demo data.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Pana__Database__Provider"] = Provider,
        ["ConnectionStrings__Pana"] = ConnectionString,
        ["Pana__Bootstrap__AdminUser"] = AppHost.AdminUser,
        ["Pana__Bootstrap__AdminPassword"] = AppHost.AdminPassword,
        ["Pana__DemoData"] = "false",
        ["Pana__DataProtection__KeysPath"] = Path.Combine(WorkFolder, "keys"),
    };

    // A tag keeps runs side by side apart (their own file, folder and database).
    public static async Task<ScaleDatabase> CreateAsync(string engine, int people, string? tag, bool reuse, CancellationToken ct)
    {
        var suffix = string.IsNullOrEmpty(tag) ? "" : "_" + new string(tag.Where(char.IsAsciiLetterOrDigit).ToArray()).ToLowerInvariant();
        var work = Path.Combine(Path.GetTempPath(), "pana-scale" + suffix);
        Directory.CreateDirectory(work);
        if (engine == "sqlite")
        {
            var file = Path.Combine(work, $"pana-{people}.db");
            var cs = new SqliteConnectionStringBuilder { DataSource = file }.ToString();
            if (reuse && File.Exists(file))
            {
                return new ScaleDatabase(Database.Sqlite, cs, work, file, reused: true);
            }
            foreach (var old in new[] { file, file + "-wal", file + "-shm" }.Where(File.Exists))
            {
                File.Delete(old);
            }
            return new ScaleDatabase(Database.Sqlite, cs, work, file);
        }
        var server = System.Environment.GetEnvironmentVariable("PANA_BENCH_POSTGRES") ?? System.Environment.GetEnvironmentVariable("PANA_TEST_POSTGRES")
            ?? throw new InvalidOperationException("Set PANA_BENCH_POSTGRES (or PANA_TEST_POSTGRES) to a PostgreSQL server connection string.");
        var name = $"pana_scale_{people}{suffix}";
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        var description = $"database {name} on {builder.Host}:{builder.Port}";
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ToString()))
        {
            await admin.OpenAsync(ct);
            await using var exists = new NpgsqlCommand($"SELECT count(*) FROM pg_database WHERE datname = '{name}'", admin);
            if (reuse && (long)(await exists.ExecuteScalarAsync(ct))! > 0)
            {
                return new ScaleDatabase(Database.Postgres, builder.ToString(), work, description, reused: true);
            }
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new ScaleDatabase(Database.Postgres, builder.ToString(), work, description);
    }

    /// <summary>A context on the run's database, as the app builds it but without the audit interceptor.</summary>
    public PanaDb Open()
    {
        if (IsPostgres)
        {
            return new PostgresPanaDb(new DbContextOptionsBuilder<PostgresPanaDb>().UseNpgsql(ConnectionString, o => o.CommandTimeout(600)).Options);
        }
        var cs = Database.SqliteConnectionString(ConnectionString, WorkFolder);
        return new SqlitePanaDb(new DbContextOptionsBuilder<SqlitePanaDb>().UseSqlite(cs, o => o.CommandTimeout(600)).Options);
    }

    /// <summary>People picked at random; a kept database (--reuse) keeps its first sample, so runs on it compare like with like.</summary>
    public async Task<List<SampledPerson>> SampleAsync(int count, CancellationToken ct)
    {
        var kept = Path.Combine(WorkFolder, $"sample-{Provider}-{count}.json");
        if (Reused && File.Exists(kept))
        {
            return System.Text.Json.JsonSerializer.Deserialize<List<SampledPerson>>(await File.ReadAllTextAsync(kept, ct))!;
        }
        var sample = await PickAsync(count, ct);
        await File.WriteAllTextAsync(kept, System.Text.Json.JsonSerializer.Serialize(sample), ct);
        return sample;
    }

    private async Task<List<SampledPerson>> PickAsync(int count, CancellationToken ct)
    {
        await using var db = Open();
        return await db.Persons.AsNoTracking().Where(p => p.MergedIntoId == null).OrderBy(p => EF.Functions.Random()).Take(count)
            .Select(p => new SampledPerson(p.Id, p.GivenName, p.FamilyName, p.Patronymic, p.Sex, p.BirthDate, p.BirthDatePrecision, p.NationalityCode, p.OriginCode, p.Phone))
            .ToListAsync(ct);
    }

    /// <summary>People an import created, by the prefix of their external ids.</summary>
    public async Task<int> CountImportedAsync(string externalPrefix, CancellationToken ct)
    {
        await using var db = Open();
        return await db.Persons.CountAsync(p => p.ExternalId != null && p.ExternalId.StartsWith(externalPrefix), ct);
    }

    /// <summary>
    /// Writes the generated registry's pages home before anything is timed: PostgreSQL would otherwise flush them in the
    /// background for minutes (checkpoint_completion_target), slowing every commit measured meanwhile; SQLite empties its WAL.
    /// </summary>
    public async Task SettleAsync(CancellationToken ct)
    {
        await using var db = Open();
        try
        {
            await db.Database.ExecuteSqlRawAsync(IsPostgres ? "CHECKPOINT" : "PRAGMA wal_checkpoint(TRUNCATE)", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            Console.WriteLine("  (no CHECKPOINT: the bench's PostgreSQL user may not; measures may share the disk with the generation's flush)");
        }
    }

    /// <summary>
    /// After the import, before the deduplication: PostgreSQL's autovacuum otherwise vacuums and analyses the tables the import
    /// grew (seen in pg_stat_activity) while the deduplication runs, sharing its two cores; the import's pages are written home too.
    /// </summary>
    public async Task SettleAfterImportAsync(CancellationToken ct)
    {
        if (IsPostgres)
        {
            await using var db = Open();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
            await db.Database.ExecuteSqlRawAsync("VACUUM (ANALYZE)", ct);
        }
        await SettleAsync(ct);
    }

    public async Task<(string Version, double SizeMiB)> DescribeAsync(CancellationToken ct)
    {
        await using var db = Open();
        await db.Database.OpenConnectionAsync(ct);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        if (IsPostgres)
        {
            command.CommandText = "SELECT current_setting('server_version') || '|' || pg_database_size(current_database())";
        }
        else
        {
            command.CommandText = "SELECT 'SQLite ' || sqlite_version() || '|' || (SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size())";
        }
        var parts = ((string)(await command.ExecuteScalarAsync(ct))!).Split('|');
        return ((IsPostgres ? "PostgreSQL " : "") + parts[0], double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) / (1024 * 1024));
    }
}
