using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pana.Data.Matching;

/// <summary>Two records the matcher thinks may be one person, waiting for staff to decide. A decided pair is never proposed again.</summary>
public class MatchPair : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>The pair in a fixed order (the smaller id first), so that it is stored once.</summary>
    public Guid PersonAId { get; set; }
    public Guid PersonBId { get; set; }
    public double Score { get; set; }
    public string Level { get; set; } = "";
    /// <summary>JSON list of what agreed and what did not.</summary>
    public string Reasons { get; set; } = "";
    public PairDecision Decision { get; set; }
    public Guid? JobId { get; set; }
    public DateTime FoundAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public int Version { get; set; }

    public static (Guid A, Guid B) Ordered(Guid x, Guid y) => x.CompareTo(y) < 0 ? (x, y) : (y, x);
}

public enum PairDecision { Pending, Merged, Rejected }

/// <summary>A batch deduplication run over the registry or one operation, with its progress.</summary>
public class DedupJob
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string? OperationCode { get; set; }
    public DedupJobState State { get; set; }
    public int PersonsTotal { get; set; }
    public int PersonsDone { get; set; }
    public long Comparisons { get; set; }
    public int PairsFound { get; set; }
    public string StartedBy { get; set; } = "";
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string Error { get; set; } = "";
}

public enum DedupJobState { Queued, Running, Completed, Failed, Cancelled }

internal sealed class MatchPairConfiguration : IEntityTypeConfiguration<MatchPair>
{
    public void Configure(EntityTypeBuilder<MatchPair> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.PersonAId, e.PersonBId }).IsUnique();
        b.HasIndex(e => new { e.Decision, e.Score });
        b.HasIndex(e => e.PersonBId);
        b.Property(e => e.Level).HasMaxLength(20);
        b.Property(e => e.DecidedBy).HasMaxLength(256);
        b.HasOne<Registry.Person>().WithMany().HasForeignKey(e => e.PersonAId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Registry.Person>().WithMany().HasForeignKey(e => e.PersonBId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DedupJobConfiguration : IEntityTypeConfiguration<DedupJob>
{
    public void Configure(EntityTypeBuilder<DedupJob> b)
    {
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.QueuedAt);
        b.Property(e => e.OperationCode).HasMaxLength(40);
        b.Property(e => e.StartedBy).HasMaxLength(256);
        b.Property(e => e.Error).HasMaxLength(2000);
    }
}
