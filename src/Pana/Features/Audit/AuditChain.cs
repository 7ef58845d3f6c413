using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pana.Data;
using Pana.Data.Audit;

namespace Pana.Features.Audit;

/// <summary>
/// Seals audit entries into a SHA-256 hash chain and verifies it. Entries are written unsealed with
/// the change they describe; sealing is serialised (one process lock, plus an advisory lock on
/// PostgreSQL for several app instances) and gives each entry its place in the chain.
/// </summary>
public sealed class AuditChain(PanaDb db)
{
    private const int Batch = 1000;
    public const long PostgresLockKey = 0x50414E41; // "PANA"
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<int> SealPendingAsync(CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            var sealedCount = 0;
            while (true)
            {
                var n = await SealBatchAsync(ct);
                sealedCount += n;
                if (n < Batch)
                {
                    return sealedCount;
                }
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Inserts lines sealed, in one transaction: the group commit of <see cref="AuditWriter"/>. Their ids are taken first,
    /// so each line goes in with its place in the chain and its hash, none read back (one statement each on SQLite, one COPY on PostgreSQL). Lines others
    /// wrote unsealed meanwhile are sealed after them by <see cref="AuditSealing"/>; the chain's order is its index, not the id.
    /// </summary>
    public async Task AppendAsync(IReadOnlyCollection<AuditEntry> lines, CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var (head, ids) = db.IsPostgres ? await LockHeadAndIdsOnPostgresAsync(lines.Count, ct) : (await HeadAsync(ct), await TakeIdsAsync(lines.Count, ct));
            foreach (var (line, id) in lines.Zip(ids))
            {
                line.Id = id;
                Seal(line, head);
            }
            if (db.IsPostgres)
            {
                await CopyOnPostgresAsync(lines, ct);
            }
            else
            {
                db.AuditEntries.AddRange(lines);
            }
            // A failed save ends the transaction anyway: no savepoint to roll back to, one round trip less.
            db.Database.AutoSavepointsEnabled = false;
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            db.ChangeTracker.Clear();
            Gate.Release();
        }
    }

    /// <summary>
    /// The advisory lock, the head and the ids in one round trip: three statements of one batch. Each statement of a
    /// READ COMMITTED transaction reads its own snapshot, taken after the one before it ended, so the head is read
    /// after the lock is held and is the one the last holder committed.
    /// </summary>
    private async Task<(AuditChainHead Head, List<long> Ids)> LockHeadAndIdsOnPostgresAsync(int count, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        await using var batch = connection.CreateBatch();
        batch.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        Add(batch, $"SELECT pg_advisory_xact_lock({PostgresLockKey})");
        Add(batch, """SELECT "LastIndex", "LastHash" FROM "AuditChainHeads" WHERE "Id" = 1""");
        Add(batch, $"""SELECT nextval(pg_get_serial_sequence('"AuditEntries"', 'Id')) FROM generate_series(1, {count})""");
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        AuditChainHead head;
        if (await reader.ReadAsync(ct))
        {
            head = new AuditChainHead { LastIndex = reader.GetInt64(0), LastHash = reader.GetString(1) };
            db.AuditChainHeads.Attach(head);
        }
        else
        {
            head = new AuditChainHead();
            db.AuditChainHeads.Add(head);
        }
        await reader.NextResultAsync(ct);
        var ids = new List<long>(count);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt64(0));
        }
        ids.Sort();
        return (head, ids);

        static void Add(System.Data.Common.DbBatch batch, string sql)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            batch.BatchCommands.Add(command);
        }
    }

    /// <summary>
    /// The group's lines in one COPY inside the transaction: on the person page's load each line as an INSERT of its own took a
    /// statement's round of parse, bind and executor start on the server, and EF Core's update pipeline in the app.
    /// </summary>
    private async Task CopyOnPostgresAsync(IReadOnlyCollection<AuditEntry> lines, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY "AuditEntries" ("Id", "OccurredAt", "ActorUserId", "ActorName", "ActorOrganisationId", "IpAddress", "Action", "EntityType", "EntityId",
                "SubjectId", "Summary", "Changes", "CorrelationId", "ChainIndex", "PreviousHash", "Hash") FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var e in lines)
        {
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(e.Id, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, ct);
            await Text(e.ActorUserId);
            await Text(e.ActorName);
            await Uuid(e.ActorOrganisationId);
            await Text(e.IpAddress);
            await Text(e.Action.ToString());
            await Text(e.EntityType);
            await Text(e.EntityId);
            await Uuid(e.SubjectId);
            await Text(e.Summary);
            await copy.WriteAsync(e.Changes, NpgsqlDbType.Text, ct);
            await Text(e.CorrelationId);
            await copy.WriteAsync(e.ChainIndex!.Value, NpgsqlDbType.Bigint, ct);
            await Text(e.PreviousHash);
            await Text(e.Hash);
        }
        await copy.CompleteAsync(ct);

        Task Text(string? value) => value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Varchar, ct);
        Task Uuid(Guid? value) => value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Uuid, ct) : copy.WriteNullAsync(ct);
    }

    /// <summary>The next ids of the audit table on SQLite, inside the caller's transaction: its write lock keeps them ours.</summary>
    private async Task<List<long>> TakeIdsAsync(int count, CancellationToken ct)
    {
        // AUTOINCREMENT never reuses an id: the next is past both the highest ever given and the highest present.
        var last = await db.Database.SqlQueryRaw<long>(
            """SELECT COALESCE(MAX(x), 0) AS "Value" FROM (SELECT seq AS x FROM sqlite_sequence WHERE name = 'AuditEntries' UNION ALL SELECT MAX("Id") FROM "AuditEntries")""")
            .SingleAsync(ct);
        return Enumerable.Range(1, count).Select(i => last + i).ToList();
    }

    private async Task<int> SealBatchAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(ct);
        // As in AppendAsync: a failed save ends the transaction, so no savepoint.
        db.Database.AutoSavepointsEnabled = false;
        try
        {
            var n = await SealStepAsync(ct);
            if (n > 0)
            {
                await tx.CommitAsync(ct);
            }
            return n;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = true;
            db.ChangeTracker.Clear();
        }
    }

    private async Task LockAsync(CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", ct);
        }
    }

    /// <summary>Seals up to one batch of pending entries inside the caller's transaction.</summary>
    private async Task<int> SealStepAsync(CancellationToken ct)
    {
        var pending = await db.AuditEntries.Where(e => e.ChainIndex == null).OrderBy(e => e.Id).Take(Batch).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }
        var head = await HeadAsync(ct);
        foreach (var entry in pending)
        {
            Seal(entry, head);
        }
        await db.SaveChangesAsync(ct);
        return pending.Count;
    }

    private async Task<AuditChainHead> HeadAsync(CancellationToken ct)
    {
        var head = await db.AuditChainHeads.SingleOrDefaultAsync(h => h.Id == 1, ct);
        if (head is null)
        {
            head = new AuditChainHead();
            db.AuditChainHeads.Add(head);
        }
        return head;
    }

    /// <summary>Gives the entry the next place in the chain, after the head, and moves the head to it.</summary>
    private static void Seal(AuditEntry entry, AuditChainHead head)
    {
        entry.ChainIndex = head.LastIndex + 1;
        entry.PreviousHash = head.LastHash;
        entry.Hash = HashOf(entry);
        head.LastIndex = entry.ChainIndex.Value;
        head.LastHash = entry.Hash;
    }

    /// <summary>
    /// Walks the chain in order, recomputing every hash; reads in batches, never the whole table. All reads share one
    /// snapshot, so entries sealed by others while it walks are neither half-seen nor taken for a forged tail.
    /// </summary>
    public async Task<ChainReport> VerifyAsync(CancellationToken ct = default)
    {
        await using var snapshot = await SnapshotAsync(ct);
        var problems = new List<ChainProblem>();
        long expected = 1, checkedCount = 0;
        var previous = "";
        while (true)
        {
            var from = expected;
            var batch = await db.AuditEntries.AsNoTracking()
                .Where(e => e.ChainIndex >= from).OrderBy(e => e.ChainIndex).Take(Batch).ToListAsync(ct);
            foreach (var e in batch)
            {
                if (e.ChainIndex != expected)
                {
                    problems.Add(new(expected, $"entries {expected} to {e.ChainIndex - 1} are missing"));
                }
                if (e.PreviousHash != previous)
                {
                    problems.Add(new(e.ChainIndex!.Value, "does not follow the entry before it"));
                }
                if (e.Hash != HashOf(e))
                {
                    problems.Add(new(e.ChainIndex!.Value, "was changed after it was sealed"));
                }
                previous = e.Hash ?? "";
                expected = e.ChainIndex!.Value + 1;
                checkedCount++;
            }
            if (batch.Count < Batch || problems.Count > 100)
            {
                break;
            }
        }
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == 1, ct);
        var headIndex = head?.LastIndex ?? 0;
        if (headIndex != expected - 1 || (head?.LastHash ?? "") != previous)
        {
            problems.Add(new(headIndex, $"the chain ends at {expected - 1} but its head records {headIndex}: entries were cut off or added outside Pana"));
        }
        var unsealed = await db.AuditEntries.CountAsync(e => e.ChainIndex == null, ct);
        return new ChainReport(problems.Count == 0, checkedCount, unsealed, head?.LastHash ?? "", problems);
    }

    private async Task<IAsyncDisposable> SnapshotAsync(CancellationToken ct)
    {
        if (db.IsPostgres)
        {
            return await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        }
        // A deferred SQLite transaction takes no write lock; under WAL its first read fixes the snapshot.
        await db.Database.OpenConnectionAsync(ct);
        var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
        var read = connection.BeginTransaction(deferred: true);
        await db.Database.UseTransactionAsync(read, ct);
        return new SqliteSnapshot(db, read);
    }

    private sealed class SqliteSnapshot(PanaDb db, System.Data.Common.DbTransaction read) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await db.Database.UseTransactionAsync(null);
            await read.DisposeAsync();
            await db.Database.CloseConnectionAsync();
        }
    }

    public static string HashOf(AuditEntry e)
    {
        var text = string.Join('\u001f',
            e.ChainIndex?.ToString(CultureInfo.InvariantCulture), e.Id.ToString(CultureInfo.InvariantCulture),
            e.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            e.ActorUserId, e.ActorName, e.ActorOrganisationId?.ToString(), e.IpAddress, e.Action.ToString(),
            e.EntityType, e.EntityId, e.SubjectId?.ToString(), e.Summary, e.Changes, e.CorrelationId, e.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}

public sealed record ChainProblem(long ChainIndex, string Problem);

public sealed record ChainReport(bool Intact, long EntriesChecked, int Unsealed, string HeadHash, IReadOnlyList<ChainProblem> Problems);
