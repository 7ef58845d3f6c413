using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pana.Data.Reference;

namespace Pana.Data.Registry;

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.RegistrationNumber).IsUnique();
        b.HasIndex(e => new { e.OperationCode, e.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        b.HasIndex(e => e.PhoneDigits);
        b.HasIndex(e => e.BirthDate);
        b.HasIndex(e => new { e.LatinName, e.Id });
        b.HasIndex(e => new { e.OperationCode, e.RegionCode });
        b.HasIndex(e => e.OriginCode);
        b.HasIndex(e => e.HouseholdId);
        b.HasIndex(e => e.RegisteringOrganisationId);
        b.Property(e => e.RegistrationNumber).HasMaxLength(20);
        b.Property(e => e.OperationCode).HasMaxLength(40);
        b.Property(e => e.ExternalId).HasMaxLength(100);
        foreach (var name in new[] { nameof(Person.GivenName), nameof(Person.FamilyName), nameof(Person.Patronymic) })
        {
            b.Property(name).HasMaxLength(100);
        }
        b.Property(e => e.LatinName).HasMaxLength(320);
        b.Property(e => e.CyrillicName).HasMaxLength(320);
        b.Property(e => e.Ethnicity).HasMaxLength(100);
        b.Property(e => e.Languages).HasMaxLength(200);
        b.Property(e => e.Phone).HasMaxLength(40);
        b.Property(e => e.PhoneDigits).HasMaxLength(20);
        b.Property(e => e.City).HasMaxLength(100);
        b.Property(e => e.Address).HasMaxLength(300);
        b.Property(e => e.Office).HasMaxLength(100);
        b.Property(e => e.ConsentPurpose).HasMaxLength(300);
        b.HasOne<Operation>().WithMany().HasForeignKey(e => e.OperationCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Country>().WithMany().HasForeignKey(e => e.NationalityCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Country>().WithMany().HasForeignKey(e => e.OriginCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Region>().WithMany().HasForeignKey(e => e.RegionCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.RegisteringOrganisationId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(e => e.Household).WithMany(h => h.Members).HasForeignKey(e => e.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Statuses).WithOne().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Needs).WithOne().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(e => e.Documents).WithOne().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HouseholdConfiguration : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.RegistrationNumber).IsUnique();
        b.HasIndex(e => new { e.OperationCode, e.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        b.Property(e => e.RegistrationNumber).HasMaxLength(20);
        b.Property(e => e.OperationCode).HasMaxLength(40);
        b.Property(e => e.ExternalId).HasMaxLength(100);
        b.HasOne<Operation>().WithMany().HasForeignKey(e => e.OperationCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LegalStatusConfiguration : IEntityTypeConfiguration<LegalStatus>
{
    public void Configure(EntityTypeBuilder<LegalStatus> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.PersonId, e.EffectiveFrom });
        b.HasIndex(e => new { e.PopulationTypeCode, e.EffectiveFrom });
        b.Property(e => e.Basis).HasMaxLength(300);
        b.Property(e => e.RecordedBy).HasMaxLength(256);
        b.HasOne<PopulationType>().WithMany().HasForeignKey(e => e.PopulationTypeCode).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<PopulationSubType>().WithMany().HasForeignKey(e => e.PopulationSubTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SpecificNeedConfiguration : IEntityTypeConfiguration<SpecificNeed>
{
    public void Configure(EntityTypeBuilder<SpecificNeed> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.PersonId);
        b.HasIndex(e => e.CategoryCode);
        b.Property(e => e.Notes).HasMaxLength(1000);
        b.HasOne<SpecificNeedCategory>().WithMany().HasForeignKey(e => e.CategoryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonDocumentConfiguration : IEntityTypeConfiguration<PersonDocument>
{
    public void Configure(EntityTypeBuilder<PersonDocument> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.PersonId);
        b.HasIndex(e => e.NumberKey);
        b.HasIndex(e => e.ExpiresOn);
        b.Property(e => e.Number).HasMaxLength(60);
        b.Property(e => e.NumberKey).HasMaxLength(60);
        b.Property(e => e.Issuer).HasMaxLength(200);
        b.HasOne<DocumentType>().WithMany().HasForeignKey(e => e.DocumentTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PersonNameKeyConfiguration : IEntityTypeConfiguration<PersonNameKey>
{
    public void Configure(EntityTypeBuilder<PersonNameKey> b)
    {
        // The words' people in name order, from the key itself (on SQLite the table is clustered on it: WITHOUT ROWID), so an
        // imported person's key is one tree to write, not two; a person has one sort name, so (Key, PersonId) stays unique.
        b.HasKey(e => new { e.Key, e.SortName, e.PersonId });
        // A person's keys from the person (merges, edits, the other words of a search).
        b.HasIndex(e => new { e.PersonId, e.Key });
        b.Property(e => e.Key).HasMaxLength(100);
        b.Property(e => e.SortName).HasMaxLength(320);
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PersonShareConfiguration : IEntityTypeConfiguration<PersonShare>
{
    public void Configure(EntityTypeBuilder<PersonShare> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.OrganisationId, e.PersonId });
        b.Property(e => e.Reason).HasMaxLength(200);
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Organisation>().WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegistrationCounterConfiguration : IEntityTypeConfiguration<RegistrationCounter>
{
    public void Configure(EntityTypeBuilder<RegistrationCounter> b)
    {
        b.HasKey(e => e.Prefix);
        b.Property(e => e.Prefix).HasMaxLength(20);
    }
}
