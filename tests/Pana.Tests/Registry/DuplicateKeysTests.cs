using Pana.Data.Registry;
using Pana.Features.Registry;

namespace Pana.Tests.Registry;

public sealed class DuplicateKeysTests
{
    private static readonly DateOnly Born1990 = new(1990, 5, 5);

    [Fact]
    public void Namesakes_born_years_apart_do_not_crowd_out_a_woman_found_by_her_given_name_and_year_alone()
    {
        // Registering Fatima Karimova, born 1990: 30 Fatima Karimovas born long before, and the same woman under her maiden name.
        var mine = DuplicateKeys.Entries("Fatima", "Karimova", Born1990, DatePrecision.Exact);
        var pair = mine.Single(k => k.Key.StartsWith(DuplicateKeys.NamePair, StringComparison.Ordinal)).Key;
        var givenYear = mine.Single(k => k.Key.StartsWith(DuplicateKeys.YearKey + "fatim", StringComparison.Ordinal)).Key;
        var namesakes = Enumerable.Range(0, 30).Select(i => (pair, Guid.NewGuid(), "", (int?)(1940 + i))).ToList();
        var maiden = Guid.NewGuid();
        var shared = namesakes.Append((givenYear, maiden, "azizi", (int?)1990)).ToList();

        var ranked = DuplicateKeys.Rank(mine, 1990, shared);

        Assert.Contains(maiden, ranked);
        // Of the namesakes born years apart a few are compared, the nearest first.
        Assert.Equal(DuplicateKeys.MaxUnlike, ranked.Count(id => id != maiden));
        Assert.Equal(namesakes.OrderByDescending(n => n.Item4).Take(DuplicateKeys.MaxUnlike).Select(n => n.Item2).Order(), ranked.Where(id => id != maiden).Order());
    }

    [Fact]
    public void Both_names_count_once_however_many_readings_of_them_meet()
    {
        // Raxim Xasanov has four readings of the two names (X as KH or H); a namesake born in 1940 shares all four, the person himself one, in Cyrillic.
        var mine = DuplicateKeys.Entries("Raxim", "Xasanov", new DateOnly(1976, 3, 3), DatePrecision.Exact);
        var pairs = mine.Where(k => k.Key.StartsWith(DuplicateKeys.NamePair, StringComparison.Ordinal)).Select(k => k.Key).ToList();
        Assert.True(pairs.Count > 1, string.Join(", ", pairs));
        var strangers = Enumerable.Range(0, DuplicateKeys.MaxCandidates + 10).Select(_ => Guid.NewGuid()).ToList();
        var himself = Guid.NewGuid();
        var shared = strangers.SelectMany(s => pairs.Select(p => (p, s, "", (int?)1940))).Append((pairs[^1], himself, "", (int?)1976)).ToList();

        Assert.Equal(himself, DuplicateKeys.Rank(mine, 1976, shared)[0]);
    }

    [Fact]
    public void Where_only_a_high_score_matters_namesakes_born_decades_apart_are_passed_over()
    {
        var mine = DuplicateKeys.Entries("Fatima", "Karimova", Born1990, DatePrecision.Exact);
        var pair = mine.Single(k => k.Key.StartsWith(DuplicateKeys.NamePair, StringComparison.Ordinal)).Key;
        var (near, off, decade, far) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // Born the year after, three years before, in 1980 (a slip of one digit) and in 1947.
        List<(string, Guid, string, int?)> shared = [(pair, near, "", 1991), (pair, off, "", 1987), (pair, decade, "", 1980), (pair, far, "", 1947)];

        // At the probable level of a million-person registry only those whose dates may still agree are read.
        Assert.Equal(new[] { near, decade }.Order(), DuplicateKeys.Rank(mine, 1990, shared, reaching: 15.8).Order());
        // At the usual levels everyone is compared, the nearest first.
        Assert.Equal([near, off, decade, far], DuplicateKeys.Rank(mine, 1990, shared, reaching: 3));
        Assert.Equal([near, off, decade, far], DuplicateKeys.Rank(mine, 1990, shared));
    }
}
