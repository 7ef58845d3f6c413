using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pana.Data.Registry;

/// <summary>
/// One cell of today's population statistics: how many people of concern an operation has of one population
/// type, sub-type, origin, sex and age band. Kept by the registry's writes, so that the figures of today are read
/// from a few hundred rows rather than computed from every person's status history.
/// </summary>
public class PopulationCount
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string OperationCode { get; set; } = "";
    public string PopulationTypeCode { get; set; } = "";
    public string? PopulationSubTypeCode { get; set; }
    public string? OriginCode { get; set; }
    public Sex Sex { get; set; }
    /// <summary>"0-4", "5-11", "12-17", "18-59" or "60+"; null when the date of birth is not known.</summary>
    public string? AgeBand { get; set; }
    public int Persons { get; set; }
}

/// <summary>The cell a person is counted in today, so that a change to the person moves them out of exactly that cell.</summary>
public class CountedPerson
{
    public Guid PersonId { get; set; }
    public string OperationCode { get; set; } = "";
    public string PopulationTypeCode { get; set; } = "";
    public string? PopulationSubTypeCode { get; set; }
    public string? OriginCode { get; set; }
    public Sex Sex { get; set; }
    public string? AgeBand { get; set; }
}

/// <summary>The day the population counts are of (the only row, Id "counts"); its update also serialises the writers of the counts.</summary>
public class PopulationCountState
{
    public const string Only = "counts";
    public string Id { get; set; } = Only;
    /// <summary>The day the counts hold; null until they were first computed.</summary>
    public DateOnly? AsOf { get; set; }
    public DateTime? RebuiltAt { get; set; }
    public long Writes { get; set; }
}

internal sealed class PopulationCountConfiguration : IEntityTypeConfiguration<PopulationCount>
{
    public void Configure(EntityTypeBuilder<PopulationCount> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.OperationCode);
        b.Property(e => e.OperationCode).HasMaxLength(40);
        b.Property(e => e.PopulationTypeCode).HasMaxLength(40);
        b.Property(e => e.PopulationSubTypeCode).HasMaxLength(40);
        b.Property(e => e.OriginCode).HasMaxLength(40);
        b.Property(e => e.AgeBand).HasMaxLength(10);
    }
}

internal sealed class CountedPersonConfiguration : IEntityTypeConfiguration<CountedPerson>
{
    public void Configure(EntityTypeBuilder<CountedPerson> b)
    {
        b.HasKey(e => e.PersonId);
        b.Property(e => e.OperationCode).HasMaxLength(40);
        b.Property(e => e.PopulationTypeCode).HasMaxLength(40);
        b.Property(e => e.PopulationSubTypeCode).HasMaxLength(40);
        b.Property(e => e.OriginCode).HasMaxLength(40);
        b.Property(e => e.AgeBand).HasMaxLength(10);
    }
}

internal sealed class PopulationCountStateConfiguration : IEntityTypeConfiguration<PopulationCountState>
{
    public void Configure(EntityTypeBuilder<PopulationCountState> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).HasMaxLength(20);
    }
}
