using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Data.Reference;
using Pana.Data.Registry;

namespace Pana.Data;

/// <summary>The operation's data. Each database engine has a derived context that owns its migrations.</summary>
public abstract class PanaDb : IdentityDbContext<PanaUser, IdentityRole, string>
{
    protected PanaDb(DbContextOptions options) : base(options) => SavingChanges += (_, _) => BumpVersions();

    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Operation> Operations => Set<Operation>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<PopulationType> PopulationTypes => Set<PopulationType>();
    public DbSet<PopulationSubType> PopulationSubTypes => Set<PopulationSubType>();
    public DbSet<SpecificNeedCategory> SpecificNeedCategories => Set<SpecificNeedCategory>();
    public DbSet<DocumentType> DocumentTypes => Set<DocumentType>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditChainHead> AuditChainHeads => Set<AuditChainHead>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<LegalStatus> LegalStatuses => Set<LegalStatus>();
    public DbSet<SpecificNeed> SpecificNeeds => Set<SpecificNeed>();
    public DbSet<PersonDocument> PersonDocuments => Set<PersonDocument>();
    public DbSet<PersonNameKey> PersonNameKeys => Set<PersonNameKey>();
    public DbSet<PersonMatchKey> PersonMatchKeys => Set<PersonMatchKey>();
    public DbSet<PersonShare> PersonShares => Set<PersonShare>();
    public DbSet<RegistrationCounter> RegistrationCounters => Set<RegistrationCounter>();
    public DbSet<PopulationCount> PopulationCounts => Set<PopulationCount>();
    public DbSet<CountedPerson> CountedPersons => Set<CountedPerson>();
    public DbSet<PopulationCountState> PopulationCountStates => Set<PopulationCountState>();
    public DbSet<Matching.MatchPair> MatchPairs => Set<Matching.MatchPair>();
    public DbSet<Matching.DedupJob> DedupJobs => Set<Matching.DedupJob>();

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Every instant is UTC; SQLite forgets the kind, so it is put back on read.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        b.ApplyConfigurationsFromAssembly(typeof(PanaDb).Assembly, t => t.Namespace?.StartsWith("Pana.Data", StringComparison.Ordinal) == true);

        foreach (var entity in b.Model.GetEntityTypes().Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            b.Entity(entity.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }
    }

    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
        }
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>PanaDb on SQLite, the embedded default.</summary>
public sealed class SqlitePanaDb(DbContextOptions<SqlitePanaDb> options) : PanaDb(options);

/// <summary>PanaDb on PostgreSQL, the production database.</summary>
public sealed class PostgresPanaDb(DbContextOptions<PostgresPanaDb> options) : PanaDb(options)
{
    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Name keys are ASCII compared byte by byte, as in SQLite: a prefix is then a range the key index seeks.
        b.Entity<PersonNameKey>().Property(e => e.Key).UseCollation("C");
        // Covering, where a table cannot be clustered on its key: a registration's candidates are read from the index alone.
        b.Entity<PersonMatchKey>().HasIndex(e => new { e.Key, e.PersonId, e.Other, e.Year });
    }
}
