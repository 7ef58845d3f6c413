using System.Data.Common;
using System.Linq.Expressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;

namespace Pana.Features.Registry.Synthetic;

/// <summary>
/// Writes batches of registry rows straight to the database, past EF Core's change tracking: binary COPY on
/// PostgreSQL, prepared and reused INSERT commands on SQLite. Tables, columns and value conversions are read
/// from PanaDb's model, so a column a migration adds is written too, and values are stored exactly as EF stores them.
/// </summary>
internal abstract class BulkLoader(PanaDb db) : IAsyncDisposable
{
    protected PanaDb Db { get; } = db;

    /// <summary>On SQLite, whether durability and foreign-key checks are relaxed while loading: for a new synthetic registry, never for a live one.</summary>
    protected bool Relaxed { get; private init; }

    /// <param name="db">The context whose connection the loader writes through.</param>
    /// <param name="ct">Cancels the preparation.</param>
    /// <param name="relaxed">Relax durability on SQLite (generating a registry); false when loading into a registry in use (an import).</param>
    public static async Task<BulkLoader> OpenAsync(PanaDb db, CancellationToken ct, bool relaxed = true)
    {
        await db.Database.OpenConnectionAsync(ct);
        BulkLoader loader = db.IsPostgres ? new PostgresBulkLoader(db) { Relaxed = relaxed } : new SqliteBulkLoader(db) { Relaxed = relaxed };
        await loader.PrepareAsync(ct);
        return loader;
    }

    /// <summary>Writes one batch in foreign-key order, in one transaction.</summary>
    public async Task WriteAsync(SyntheticBatch batch, CancellationToken ct)
    {
        await using var tx = await Connection.BeginTransactionAsync(ct);
        await InsertAsync(batch, tx, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Writes one batch in foreign-key order, in the transaction the caller began (and commits).</summary>
    public abstract Task InsertAsync(SyntheticBatch batch, DbTransaction tx, CancellationToken ct);

    /// <summary>Refreshes the planner's statistics, which a bulk load leaves stale.</summary>
    public abstract Task FinishAsync(CancellationToken ct);

    protected virtual Task PrepareAsync(CancellationToken ct) => Task.CompletedTask;

    public virtual async ValueTask DisposeAsync() => await Db.Database.CloseConnectionAsync();

    protected DbConnection Connection => Db.Database.GetDbConnection();

    protected async Task ExecuteAsync(string sql, CancellationToken ct)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    protected BulkTable<T> Table<T>() => new(Db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."));
}

/// <summary>One entity's table as the model maps it: columns, and a fast getter of each column's stored value.</summary>
internal sealed class BulkTable<T>
{
    private readonly Func<T, object?>[] getters;
    private readonly RelationalTypeMapping[] mappings;

    public BulkTable(IEntityType entity)
    {
        Name = entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table.");
        var table = StoreObjectIdentifier.Table(Name, entity.GetSchema());
        // A key the database numbers (the audit log's) is left to it.
        var properties = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long))).ToArray();
        Columns = properties.Select(p => p.GetColumnName(table) ?? p.Name).ToArray();
        mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        getters = properties.Select(Getter).ToArray();
    }

    public string Name { get; }
    public string[] Columns { get; }
    public RelationalTypeMapping Mapping(int column) => mappings[column];

    /// <summary>The value as the database stores it: after the model's converters (enums as names, instants as UTC).</summary>
    public object? Value(T row, int column)
    {
        var value = getters[column](row);
        return value is null ? null : mappings[column].Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    public string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c}\""));

    private static Func<T, object?> Getter(IProperty property)
    {
        var info = property.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{property.Name} is a shadow property; the bulk loader cannot read it.");
        var row = Expression.Parameter(typeof(T));
        return Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(row, info), typeof(object)), row).Compile();
    }
}

/// <summary>SQLite: one prepared INSERT per table, its parameters reused row after row; durability relaxed while loading.</summary>
internal sealed class SqliteBulkLoader(PanaDb db) : BulkLoader(db)
{
    private readonly List<SqliteCommand> commands = [];
    private Inserter<Household> households = null!;
    private Inserter<Person> persons = null!;
    private Inserter<LegalStatus> statuses = null!;
    private Inserter<SpecificNeed> needs = null!;
    private Inserter<PersonDocument> documents = null!;
    private Inserter<PersonNameKey> nameKeys = null!;
    private Inserter<PersonMatchKey> matchKeys = null!;
    private Inserter<AuditEntry> audit = null!;
    private long synchronous = 2;

    protected override async Task PrepareAsync(CancellationToken ct)
    {
        await using (var read = Connection.CreateCommand())
        {
            read.CommandText = "PRAGMA synchronous;";
            synchronous = Convert.ToInt64(await read.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }
        if (Relaxed)
        {
            // Rows are consistent by construction; checking each foreign key would double the lookups.
            await ExecuteAsync("PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);
        }
        households = Prepare(Table<Household>());
        persons = Prepare(Table<Person>());
        statuses = Prepare(Table<LegalStatus>());
        needs = Prepare(Table<SpecificNeed>());
        documents = Prepare(Table<PersonDocument>());
        nameKeys = Prepare(Table<PersonNameKey>());
        matchKeys = Prepare(Table<PersonMatchKey>());
        audit = Prepare(Table<AuditEntry>());
    }

    public override Task InsertAsync(SyntheticBatch batch, DbTransaction tx, CancellationToken ct)
    {
        commands.ForEach(c => c.Transaction = (SqliteTransaction)tx);
        households.Insert(batch.Households, ct);
        persons.Insert(batch.Persons, ct);
        statuses.Insert(batch.Statuses, ct);
        needs.Insert(batch.Needs, ct);
        documents.Insert(batch.Documents, ct);
        nameKeys.Insert(batch.NameKeys, ct);
        matchKeys.Insert(batch.MatchKeys, ct);
        audit.Insert(batch.Audit, ct);
        return Task.CompletedTask;
    }

    public override Task FinishAsync(CancellationToken ct) => ExecuteAsync("ANALYZE;", ct);

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in commands)
        {
            await command.DisposeAsync();
        }
        if (Relaxed)
        {
            await ExecuteAsync($"PRAGMA foreign_keys=ON; PRAGMA synchronous={synchronous};", CancellationToken.None);
        }
        await base.DisposeAsync();
    }

    private Inserter<T> Prepare<T>(BulkTable<T> table)
    {
        var command = (SqliteCommand)Connection.CreateCommand();
        var names = table.Columns.Select((_, i) => $"$p{i}").ToArray();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({table.ColumnList}) VALUES ({string.Join(", ", names)})";
        var parameters = names.Select((name, i) => table.Mapping(i).CreateParameter(command, name, null)).ToArray();
        command.Parameters.AddRange(parameters);
        commands.Add(command);
        return new Inserter<T>(table, command, parameters);
    }

    private sealed class Inserter<T>(BulkTable<T> table, SqliteCommand command, DbParameter[] parameters)
    {
        private bool prepared;

        public void Insert(List<T> rows, CancellationToken ct)
        {
            if (!prepared && rows.Count > 0)
            {
                command.Prepare();
                prepared = true;
            }
            foreach (var row in rows)
            {
                ct.ThrowIfCancellationRequested();
                for (var i = 0; i < parameters.Length; i++)
                {
                    parameters[i].Value = table.Value(row, i) ?? DBNull.Value;
                }
                command.ExecuteNonQuery();
            }
        }
    }
}

/// <summary>PostgreSQL: one binary COPY per table and batch.</summary>
internal sealed class PostgresBulkLoader(PanaDb db) : BulkLoader(db)
{
    private readonly BulkTable<Household> households = new(Entity<Household>(db));
    private readonly BulkTable<Person> persons = new(Entity<Person>(db));
    private readonly BulkTable<LegalStatus> statuses = new(Entity<LegalStatus>(db));
    private readonly BulkTable<SpecificNeed> needs = new(Entity<SpecificNeed>(db));
    private readonly BulkTable<PersonDocument> documents = new(Entity<PersonDocument>(db));
    private readonly BulkTable<PersonNameKey> nameKeys = new(Entity<PersonNameKey>(db));
    private readonly BulkTable<PersonMatchKey> matchKeys = new(Entity<PersonMatchKey>(db));
    private readonly BulkTable<AuditEntry> audit = new(Entity<AuditEntry>(db));

    public override async Task InsertAsync(SyntheticBatch batch, DbTransaction tx, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)Connection;
        await CopyAsync(connection, households, batch.Households, ct);
        await CopyAsync(connection, persons, batch.Persons, ct);
        await CopyAsync(connection, statuses, batch.Statuses, ct);
        await CopyAsync(connection, needs, batch.Needs, ct);
        await CopyAsync(connection, documents, batch.Documents, ct);
        await CopyAsync(connection, nameKeys, batch.NameKeys, ct);
        await CopyAsync(connection, matchKeys, batch.MatchKeys, ct);
        await CopyAsync(connection, audit, batch.Audit, ct);
    }

    public override async Task FinishAsync(CancellationToken ct)
    {
        // VACUUM sets the visibility map, so that index-only scans work on the freshly copied tables.
        foreach (var table in new[] { households.Name, persons.Name, statuses.Name, needs.Name, documents.Name, nameKeys.Name, matchKeys.Name })
        {
            await ExecuteAsync($"VACUUM (ANALYZE) \"{table}\";", ct);
        }
    }

    private static IEntityType Entity<T>(PanaDb db) => db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");

    private static async Task CopyAsync<T>(NpgsqlConnection connection, BulkTable<T> table, List<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }
        await using var copy = await connection.BeginBinaryImportAsync($"COPY \"{table.Name}\" ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(ct);
            for (var i = 0; i < table.Columns.Length; i++)
            {
                Write(copy, table.Value(row, i));
            }
        }
        await copy.CompleteAsync(ct);
    }

    // Binary COPY carries no type per field: each value is written in the binary form of its column's type.
    private static void Write(NpgsqlBinaryImporter copy, object? value)
    {
        switch (value)
        {
            case null: copy.WriteNull(); break;
            case string s: copy.Write(s, NpgsqlDbType.Text); break;
            case Guid g: copy.Write(g, NpgsqlDbType.Uuid); break;
            case DateOnly d: copy.Write(d, NpgsqlDbType.Date); break;
            case DateTime t: copy.Write(t, NpgsqlDbType.TimestampTz); break;
            case int n: copy.Write(n, NpgsqlDbType.Integer); break;
            case long n: copy.Write(n, NpgsqlDbType.Bigint); break;
            case bool b: copy.Write(b, NpgsqlDbType.Boolean); break;
            case double x: copy.Write(x, NpgsqlDbType.Double); break;
            default: throw new InvalidOperationException($"The bulk loader cannot write a {value.GetType().Name}.");
        }
    }
}
