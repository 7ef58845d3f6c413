using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pana.Data.Registry;

/// <summary>
/// A key on which a new registration is checked against a person: two folded name words, or one with the year of
/// birth. Each key is shared by few people, so the candidates of a registration are read with one indexed query.
/// Derived from the person's names and date of birth on every write, like <see cref="PersonNameKey"/>.
/// </summary>
public class PersonMatchKey
{
    public string Key { get; set; } = "";
    public Guid PersonId { get; set; }

    /// <summary>
    /// For a key of one name with the year: the person's other name word, so a candidate sharing only that word can be
    /// passed over without reading the person when the other word is nothing like the registration's. Empty: none, or not known.
    /// </summary>
    public string Other { get; set; } = "";

    /// <summary>
    /// The year of birth of the record the key came from, when known: among the hundreds who share two common names
    /// (Muhammad Azizi), those born near the registration's year are compared first, without reading the people.
    /// </summary>
    public int? Year { get; set; }
}

internal sealed class PersonMatchKeyConfiguration : IEntityTypeConfiguration<PersonMatchKey>
{
    public void Configure(EntityTypeBuilder<PersonMatchKey> b)
    {
        // On SQLite the table is clustered on this key (WITHOUT ROWID, migration MatchAndNameKeysClustered): a registration's
        // candidates are read from it alone, with no second tree to write per key. PostgresPanaDb adds a covering index instead.
        b.HasKey(e => new { e.Key, e.PersonId });
        b.HasIndex(e => e.PersonId);
        b.Property(e => e.Key).HasMaxLength(100);
        b.Property(e => e.Other).HasMaxLength(45);
        b.HasOne<Person>().WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
