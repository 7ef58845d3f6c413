using Pana.Data.Registry;

namespace Pana.Features.Matching.Evaluation;

/// <summary>Who a record of the evaluation set belongs to, and how this registration was written.</summary>
/// <param name="Person">The real person: two records are a true pair exactly when they share it.</param>
/// <param name="Household">The real household; members are siblings, twins, parents.</param>
/// <param name="Role">head, spouse, child, twin, namesake (a son bearing his father's given name), elder, single, common (a very common name).</param>
/// <param name="Pool">The people whose names the person bears (AFG, KAZ, RUS…).</param>
/// <param name="Variation">What this registration got wrong or wrote otherwise; empty for the first registration.</param>
public sealed record EvaluationEntry(int Person, int Household, string Role, string Pool, string Variation);

/// <summary>
/// A labelled evaluation set for the matcher, generated from a seed: people of the region's populations living
/// in households (so siblings, twins and fathers with sons who bear their name are there as they are in a real
/// registry), a share of very common names, and for a share of the people a second (sometimes third)
/// registration by another partner, written the way registries really err: the other script or another
/// transliteration, a date guessed as 1 January or kept to the year, day and month swapped, a year off, given
/// and family names swapped, the patronymic dropped, a typo, a compound name shortened, phone and documents
/// that come and go.
/// </summary>
public sealed class EvaluationSet
{
    private EvaluationSet(List<MatchRecord> records, List<EvaluationEntry> entries)
    {
        Records = records;
        Entries = entries;
        TruePairs = entries.GroupBy(e => e.Person).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
    }

    public IReadOnlyList<MatchRecord> Records { get; }

    /// <summary>The truth about each record, by index.</summary>
    public IReadOnlyList<EvaluationEntry> Entries { get; }

    /// <summary>How many pairs of records are one person registered twice.</summary>
    public long TruePairs { get; }

    public bool SamePerson(int i, int j) => Entries[i].Person == Entries[j].Person;

    /// <summary>
    /// The relationship that makes a pair of different people hard to tell apart, or null: twins, siblings, father and
    /// namesake son, parent and child, spouses, or two strangers sharing a very common name.
    /// </summary>
    public string? HardNegative(int i, int j)
    {
        var (a, b) = (Entries[i], Entries[j]);
        if (a.Person == b.Person)
            return null;
        if (a.Household == b.Household)
        {
            return (a.Role, b.Role) switch
            {
                ("twin", "twin") => "twins",
                ("namesake", "head") or ("head", "namesake") => "father and son of one name",
                (var x, var y) when IsChild(x) && IsChild(y) => "siblings",
                (var x, var y) when IsChild(x) || IsChild(y) => "parent and child",
                _ => "spouses and other relatives",
            };
        }
        return a.Role == "common" || b.Role == "common" ? "very common name" : null;
    }

    /// <summary>The set for a number of real people (records are about 1.35 times as many); the same seed gives the same set.</summary>
    public static EvaluationSet Generate(int people, int seed = 20210101)
    {
        var builder = new EvaluationBuilder(new Random(seed));
        var persons = builder.People(people);
        var records = new List<MatchRecord>(people * 3 / 2);
        var entries = new List<EvaluationEntry>(people * 3 / 2);
        foreach (var (person, registrations) in persons.Select(p => (p, builder.Registrations(p))))
        {
            foreach (var (record, variation) in registrations)
            {
                records.Add(record);
                entries.Add(new EvaluationEntry(person.Index, person.Household.Index, person.Role, person.Pool.Key, variation));
            }
        }
        // Shuffle so that no blocking or ordering can lean on records of one person lying side by side.
        var order = Enumerable.Range(0, records.Count).ToArray();
        new Random(seed + 1).Shuffle(order);
        return new EvaluationSet([.. order.Select(i => records[i])], [.. order.Select(i => entries[i])]);
    }

    private static bool IsChild(string role) => role is "child" or "twin" or "namesake";
}

/// <summary>A real person of the evaluation set.</summary>
internal sealed class EvaluationPerson
{
    public int Index;
    public required EvaluationHousehold Household;
    public required EvaluationPool Pool;
    public string Role = "";
    public Sex Sex;
    public required EvaluationName Given;
    public required EvaluationName Family;

    /// <summary>In Cyrillic; empty for peoples without patronymics.</summary>
    public string Patronymic = "";
    public DateOnly Born;

    /// <summary>How well the person's date of birth is known: Exact, Month, Year (only the year) or Unknown.</summary>
    public DatePrecision Known;
    public string? Origin;
    public string Phone = "";
    public string Document = "";

    /// <summary>The index of the Latin and Cyrillic spelling this person's documents use (Arabic-script names have several).</summary>
    public int LatinSpelling, CyrillicSpelling;
}

/// <summary>A real household: its members, and the script its first registration was written in.</summary>
internal sealed class EvaluationHousehold
{
    public int Index;
    public required EvaluationPool Pool;
    public bool Latin;
    public LatinSystem System;
    public readonly List<EvaluationPerson> Members = [];
}
