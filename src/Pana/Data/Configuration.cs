using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pana.Data.Audit;
using Pana.Data.Identity;
using Pana.Data.Reference;

namespace Pana.Data;

internal static class NameColumns
{
    public static void HasNames<T>(this EntityTypeBuilder<T> b) where T : class, IReferenceItem
    {
        b.Property(e => e.Code).HasMaxLength(40);
        b.Property(e => e.NameEn).HasMaxLength(200).IsRequired();
        b.Property(e => e.NameRu).HasMaxLength(200);
        b.Property(e => e.NameKk).HasMaxLength(200);
    }
}

internal sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
        b.Property(e => e.Alpha2).HasMaxLength(2);
        b.Property(e => e.Numeric).HasMaxLength(3);
    }
}

internal sealed class OperationConfiguration : IEntityTypeConfiguration<Operation>
{
    public void Configure(EntityTypeBuilder<Operation> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
        b.Property(e => e.RegistrationPrefix).HasMaxLength(8);
        b.HasOne<Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
        b.Property(e => e.AdminCentre).HasMaxLength(100);
        b.HasOne<Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PopulationTypeConfiguration : IEntityTypeConfiguration<PopulationType>
{
    public void Configure(EntityTypeBuilder<PopulationType> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
        b.HasMany(e => e.SubTypes).WithOne().HasForeignKey(s => s.PopulationTypeCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PopulationSubTypeConfiguration : IEntityTypeConfiguration<PopulationSubType>
{
    public void Configure(EntityTypeBuilder<PopulationSubType> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
    }
}

internal sealed class SpecificNeedCategoryConfiguration : IEntityTypeConfiguration<SpecificNeedCategory>
{
    public void Configure(EntityTypeBuilder<SpecificNeedCategory> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
    }
}

internal sealed class DocumentTypeConfiguration : IEntityTypeConfiguration<DocumentType>
{
    public void Configure(EntityTypeBuilder<DocumentType> b)
    {
        b.HasKey(e => e.Code);
        b.HasNames();
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.Code).IsUnique();
        b.HasNames();
        b.Property(e => e.Acronym).HasMaxLength(40);
        b.Property(e => e.City).HasMaxLength(100);
        b.HasOne<Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PanaUserConfiguration : IEntityTypeConfiguration<PanaUser>
{
    public void Configure(EntityTypeBuilder<PanaUser> b)
    {
        b.Property(e => e.DisplayName).HasMaxLength(200);
        b.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.TokenHash).IsUnique();
        b.HasIndex(e => e.UserId);
        b.Property(e => e.TokenHash).HasMaxLength(64);
        b.Property(e => e.Prefix).HasMaxLength(16);
        b.Property(e => e.Name).HasMaxLength(100);
        b.Property(e => e.RevokedBy).HasMaxLength(256);
        b.HasOne(e => e.User).WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.ChainIndex).IsUnique();
        b.HasIndex(e => e.OccurredAt);
        b.HasIndex(e => new { e.EntityType, e.EntityId });
        b.HasIndex(e => e.ActorUserId);
        b.HasIndex(e => e.SubjectId);
        b.Property(e => e.ActorUserId).HasMaxLength(64);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.IpAddress).HasMaxLength(64);
        b.Property(e => e.EntityType).HasMaxLength(100);
        b.Property(e => e.EntityId).HasMaxLength(100);
        b.Property(e => e.Summary).HasMaxLength(1000);
        b.Property(e => e.CorrelationId).HasMaxLength(100);
        b.Property(e => e.PreviousHash).HasMaxLength(64);
        b.Property(e => e.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.LastHash).HasMaxLength(64);
    }
}
