using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pana.Data;
using Pana.Data.Registry;

namespace Pana.Features.Registry;

/// <summary>
/// The person read of staff who see everyone, the app's most frequent request, as one statement prepared once on each of
/// a few connections kept open for it. Through EF Core every read opened a pooled connection (SQLite runs a pragma on
/// each open), had its statement compiled again (Microsoft.Data.Sqlite keeps none past its command) and materialised
/// the rows through the query pipeline: together most of a person page's processor time. Reads only: every write goes
/// through EF Core, and <see cref="PersonRecord"/> audits the view as before.
/// </summary>
public sealed class PreparedPersonRead : IDisposable
{
    // Reads at one moment, each on a connection of its own kept open; more wait their turn rather than open (on PostgreSQL, start) another.
    private const int KeptOpen = 16;

    private readonly SemaphoreSlim turns = new(KeptOpen);
    private readonly ConcurrentBag<Statement> idle = [];
    private volatile bool disposed;

    internal async Task<PersonRecord.PersonRow?> ReadAsync(PanaDb db, Guid id, CancellationToken ct)
    {
        await turns.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            for (var reused = idle.TryTake(out var statement); ; reused = false)
            {
                statement = reused ? statement! : await Statement.OpenAsync(db, ct);
                PersonRecord.PersonRow? row;
                try
                {
                    row = await statement.ReadAsync(id, ct);
                }
                catch (Exception e)
                {
                    // A connection that failed is not trusted again. One kept that the server dropped meanwhile (a restart, a
                    // failover) is replaced, and the read, safe to repeat, made again on the new one.
                    await statement.DisposeAsync();
                    if (reused && e is DbException && !ct.IsCancellationRequested)
                    {
                        continue;
                    }
                    throw;
                }
                if (disposed)
                {
                    await statement.DisposeAsync();
                }
                else
                {
                    idle.Add(statement);
                }
                return row;
            }
        }
        finally
        {
            turns.Release();
        }
    }

    /// <summary>What these connections are called on PostgreSQL (pg_stat_activity's application_name).</summary>
    public const string ApplicationName = "Pana person read";

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var statement))
        {
            statement.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    // The lists are joined beside the person, as EF Core's single query does: one statement, one snapshot, a handful of rows.
    private const string Sql = """
        SELECT p."Id", p."RegistrationNumber", p."OperationCode", p."ExternalId", p."GivenName", p."FamilyName", p."Patronymic",
               p."LatinName", p."CyrillicName", p."Sex", p."BirthDate", p."BirthDatePrecision", p."NationalityCode", p."OriginCode",
               p."Ethnicity", p."Languages", p."MaritalStatus", p."Phone", p."RegionCode", p."City", p."Address",
               p."RegisteringOrganisationId", p."Office", p."RegisteredOn", p."ConsentGiven", p."ConsentDate", p."ConsentPurpose",
               p."Relationship", p."Version",
               o."NameEn", o."NameRu", o."NameKk",
               h."Id", h."RegistrationNumber", h."FocalPointId",
               l."Id", l."PopulationTypeCode", l."PopulationSubTypeCode", l."Ceased", l."EffectiveFrom", l."Basis", l."RecordedAt", l."RecordedBy",
               s."Id", s."CategoryCode", s."IdentifiedOn", s."ResolvedOn", s."Notes",
               d."Id", d."DocumentTypeCode", d."Number", d."Issuer", d."IssuedOn", d."ExpiresOn"
        FROM "Persons" AS p
        INNER JOIN "Organisations" AS o ON o."Id" = p."RegisteringOrganisationId"
        LEFT JOIN "Households" AS h ON h."Id" = p."HouseholdId"
        LEFT JOIN "LegalStatuses" AS l ON l."PersonId" = p."Id"
        LEFT JOIN "SpecificNeeds" AS s ON s."PersonId" = p."Id"
        LEFT JOIN "PersonDocuments" AS d ON d."PersonId" = p."Id"
        WHERE p."Id" = @id AND p."MergedIntoId" IS NULL
        """;

    private sealed class Statement(DbConnection connection, DbCommand command, bool postgres) : IAsyncDisposable
    {
        public static async Task<Statement> OpenAsync(PanaDb db, CancellationToken ct)
        {
            var cs = db.Database.GetConnectionString() ?? throw new InvalidOperationException("The database has no connection string.");
            DbConnection connection = db.IsPostgres ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs) { ApplicationName = ApplicationName }.ToString())
                : new SqliteConnection(cs);
            try
            {
                await connection.OpenAsync(ct);
                var command = connection.CreateCommand();
                command.CommandText = Sql;
                var id = command.CreateParameter();
                id.ParameterName = "@id";
                // EF Core keeps a Guid as upper-case text on SQLite and as uuid on PostgreSQL.
                id.DbType = db.IsPostgres ? System.Data.DbType.Guid : System.Data.DbType.String;
                id.Value = db.IsPostgres ? Guid.Empty : "";
                command.Parameters.Add(id);
                await command.PrepareAsync(ct);
                return new Statement(connection, command, db.IsPostgres);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async Task<PersonRecord.PersonRow?> ReadAsync(Guid id, CancellationToken ct)
        {
            command.Parameters[0].Value = postgres ? id : id.ToString().ToUpperInvariant();
            await using var r = await command.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct))
            {
                return null;
            }
            var person = new Person
            {
                Id = r.GetGuid(0),
                RegistrationNumber = r.GetString(1),
                OperationCode = r.GetString(2),
                ExternalId = Text(r, 3),
                GivenName = r.GetString(4),
                FamilyName = r.GetString(5),
                Patronymic = r.GetString(6),
                LatinName = r.GetString(7),
                CyrillicName = r.GetString(8),
                Sex = Enum.Parse<Sex>(r.GetString(9)),
                BirthDate = Date(r, 10),
                BirthDatePrecision = Enum.Parse<DatePrecision>(r.GetString(11)),
                NationalityCode = Text(r, 12),
                OriginCode = Text(r, 13),
                Ethnicity = r.GetString(14),
                Languages = r.GetString(15),
                MaritalStatus = Enum.Parse<MaritalStatus>(r.GetString(16)),
                Phone = r.GetString(17),
                RegionCode = Text(r, 18),
                City = r.GetString(19),
                Address = r.GetString(20),
                RegisteringOrganisationId = r.GetGuid(21),
                Office = r.GetString(22),
                RegisteredOn = r.GetFieldValue<DateOnly>(23),
                ConsentGiven = r.GetBoolean(24),
                ConsentDate = Date(r, 25),
                ConsentPurpose = r.GetString(26),
                Relationship = Enum.Parse<Relationship>(r.GetString(27)),
                Version = r.GetInt32(28),
            };
            var household = r.IsDBNull(32) ? null : new HouseholdLink(r.GetGuid(32), r.GetString(33), !r.IsDBNull(34) && r.GetGuid(34) == person.Id);
            person.HouseholdId = household?.Id;
            var (names, statuses, needs, documents) = ((r.GetString(29), r.GetString(30), r.GetString(31)), new List<LegalStatus>(), new List<SpecificNeed>(), new List<PersonDocument>());
            var seen = new HashSet<Guid>();
            do
            {
                if (!r.IsDBNull(35) && seen.Add(r.GetGuid(35)))
                {
                    statuses.Add(new LegalStatus
                    {
                        Id = r.GetGuid(35),
                        PersonId = person.Id,
                        PopulationTypeCode = Text(r, 36),
                        PopulationSubTypeCode = Text(r, 37),
                        Ceased = r.IsDBNull(38) ? null : Enum.Parse<CessationReason>(r.GetString(38)),
                        EffectiveFrom = r.GetFieldValue<DateOnly>(39),
                        Basis = r.GetString(40),
                        RecordedAt = DateTime.SpecifyKind(r.GetDateTime(41), DateTimeKind.Utc),
                        RecordedBy = r.GetString(42),
                    });
                }
                if (!r.IsDBNull(43) && seen.Add(r.GetGuid(43)))
                {
                    needs.Add(new SpecificNeed
                    {
                        Id = r.GetGuid(43),
                        PersonId = person.Id,
                        CategoryCode = r.GetString(44),
                        IdentifiedOn = r.GetFieldValue<DateOnly>(45),
                        ResolvedOn = Date(r, 46),
                        Notes = r.GetString(47),
                    });
                }
                if (!r.IsDBNull(48) && seen.Add(r.GetGuid(48)))
                {
                    documents.Add(new PersonDocument
                    {
                        Id = r.GetGuid(48),
                        PersonId = person.Id,
                        DocumentTypeCode = r.GetString(49),
                        Number = r.GetString(50),
                        Issuer = r.GetString(51),
                        IssuedOn = Date(r, 52),
                        ExpiresOn = Date(r, 53),
                    });
                }
            }
            while (await r.ReadAsync(ct));
            return new PersonRecord.PersonRow(person, names.Item1, names.Item2, names.Item3, household, statuses, needs, documents);
        }

        private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

        private static DateOnly? Date(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

        public async ValueTask DisposeAsync()
        {
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
