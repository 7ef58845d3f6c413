using Pana.Data.Registry;

namespace Pana.Features.Matching.Evaluation;

/// <summary>Builds the real people of the evaluation set, household by household, then their registrations.</summary>
internal sealed partial class EvaluationBuilder(Random rng)
{
    private static readonly DateOnly Today = new(2025, 6, 1);
    private readonly List<EvaluationHousehold> households = [];
    private int nextPerson;

    /// <summary>About this many people: households of the region's peoples, and 2% singles bearing the commonest names.</summary>
    public List<EvaluationPerson> People(int count)
    {
        var people = new List<EvaluationPerson>(count + 8);
        var common = count / 50;
        while (people.Count < count - common)
            people.AddRange(Household(Weighted(EvaluationNames.Mix)).Members);
        while (people.Count < count)
            people.Add(CommonNamed());
        return people;
    }

    private EvaluationHousehold Household(EvaluationPool pool)
    {
        var latin = P(pool.LatinShare);
        var h = new EvaluationHousehold { Index = households.Count, Pool = pool, Latin = latin, System = latin ? System(pool, first: true) : LatinSystem.Icao };
        households.Add(h);
        var size = Pick(pool.HouseholdSizes);
        var family = Common(pool.Family);
        var origin = Pick(pool.Origins);
        if (size == 1)
        {
            Member(h, "single", P(pool.Style == NamingStyle.None ? 0.75 : 0.5) ? Sex.Male : Sex.Female, Birth(R(18, 70)), family, Common(pool.Male), origin);
            return h;
        }
        var femaleHead = P(0.15);
        var elder = size >= 5 && P(0.25);
        var kids = size - (femaleHead ? 1 : 2) - (elder ? 1 : 0);
        var headAge = 22 + 2 * kids + R(0, 16);
        var head = Member(h, "head", femaleHead ? Sex.Female : Sex.Male, Birth(headAge), family, Common(pool.Male), origin);
        var motherAge = femaleHead ? headAge : Math.Max(18 + kids, headAge - R(0, 9));
        if (!femaleHead)
            Member(h, "spouse", Sex.Female, Birth(motherAge), pool.Style == NamingStyle.None && P(0.4) ? Common(pool.Family) : family, Common(pool.Male), origin);
        var father = femaleHead ? Common(pool.Male) : head.Given;
        var age = Math.Min(motherAge - 18, 1 + 2 * kids + R(0, 6));
        for (var i = 0; i < kids; i++)
        {
            var born = Birth(Math.Max(0, age));
            if (i + 1 < kids && P(0.05))
            {
                Member(h, "twin", P(0.5) ? Sex.Male : Sex.Female, born, family, father, origin);
                Member(h, "twin", P(0.5) ? Sex.Male : Sex.Female, born, family, father, origin);
                i++;
            }
            else
            {
                // A son named after his father: the same given name, and the father's name as patronymic.
                var sex = P(0.5) ? Sex.Male : Sex.Female;
                var namesake = !femaleHead && sex == Sex.Male && P(pool.Style == NamingStyle.None ? 0.06 : 0.08) && h.Members.All(m => m.Role != "namesake");
                Member(h, namesake ? "namesake" : "child", sex, born, family, father, origin, namesake ? father : null);
            }
            age -= R(1, 4);
        }
        if (elder)
            Member(h, "elder", P(0.7) ? Sex.Female : Sex.Male, Birth(Math.Min(92, headAge + R(20, 30))), family, Common(pool.Male), origin);
        return h;
    }

    // A single person bearing the commonest given and family names of a people: the "many Mohammad Ahmadi" of a registry.
    private EvaluationPerson CommonNamed()
    {
        var pool = Weighted((EvaluationNames.Afghan, 60), (EvaluationNames.Arab, 10), (EvaluationNames.Iranian, 5), (EvaluationNames.Russian, 10),
            (EvaluationNames.Kazakh, 8), (EvaluationNames.Uzbek, 7));
        var latin = P(pool.LatinShare);
        var h = new EvaluationHousehold { Index = households.Count, Pool = pool, Latin = latin, System = latin ? System(pool, first: true) : LatinSystem.Icao };
        households.Add(h);
        var sex = P(0.75) ? Sex.Male : Sex.Female;
        var given = sex == Sex.Male ? pool.Male[R(0, 1)] : pool.Female[0];
        return Member(h, "common", sex, Birth(R(16, 70)), pool.Family[R(0, 2)], Common(pool.Male), Pick(pool.Origins), given);
    }

    private EvaluationPerson Member(EvaluationHousehold h, string role, Sex sex, DateOnly born, EvaluationName family, EvaluationName father, string? origin,
        EvaluationName? given = null)
    {
        var pool = h.Pool;
        // Parents do not give two of their children one name (a son named after his father is the exception, drawn apart).
        for (var tries = 0; given is null || role != "namesake" && tries < 20 && h.Members.Any(m => m.Given.Cyrillic[0].EndsWith(given.Cyrillic[0], StringComparison.Ordinal)); tries++)
            given = Common(sex == Sex.Male ? pool.Male : pool.Female);
        // Afghan men's names are often compounds opened by Mohammad (Mohammad Nasir), which registrars keep or drop.
        if (pool.Key == "AFG" && sex == Sex.Male && given != pool.Male[0] && role != "namesake" && role != "common" && P(0.12))
            given = new EvaluationName([.. given.Latin.Select(x => pool.Male[0].Latin[0] + " " + x)], [.. given.Cyrillic.Select(x => pool.Male[0].Cyrillic[0] + " " + x)]);
        var age = Today.Year - born.Year;
        var yearOnly = pool.YearOnlyShare * (age < 10 ? 0.6 : 1);
        var p = U();
        var headPhone = h.Members.FirstOrDefault()?.Phone ?? "";
        var person = new EvaluationPerson
        {
            Index = nextPerson++,
            Household = h,
            Pool = pool,
            Role = role,
            Sex = sex,
            Given = given,
            Family = family,
            Patronymic = EvaluationNames.Patronymic(pool.Style, father.Cyrillic[0], sex == Sex.Female, rng),
            Born = born,
            Known = p < yearOnly ? DatePrecision.Year : p < yearOnly + 0.03 ? DatePrecision.Month : p < yearOnly + 0.04 ? DatePrecision.Unknown : DatePrecision.Exact,
            Origin = P(0.9) ? origin : null,
            // Households often give the head's phone for everyone.
            Phone = age >= 16 && P(role is "head" or "single" or "common" ? 0.9 : 0.4) ? Phone(pool) : headPhone.Length > 0 && P(0.3) ? headPhone : "",
            Document = P(age >= 16 ? 0.75 : 0.4) ? $"{(char)('A' + R(0, 25))}{R(1000000, 9999999)}" : "",
            LatinSpelling = given.Latin.Length > 1 && P(0.4) ? R(1, given.Latin.Length - 1) : 0,
            CyrillicSpelling = given.Cyrillic.Length > 1 && P(0.4) ? R(1, given.Cyrillic.Length - 1) : 0,
        };
        h.Members.Add(person);
        return person;
    }

    private LatinSystem System(EvaluationPool pool, bool first)
    {
        var national = pool.Key switch
        {
            "KAZ" => LatinSystem.Kazakh2021,
            "UZB" or "TJK" => LatinSystem.UzbekLatin,
            "UKR" => LatinSystem.UkrainianNational,
            _ => LatinSystem.Icao,
        };
        return first
            ? Weighted((LatinSystem.Icao, 60), (national, 20), (LatinSystem.Bgn, 8), (LatinSystem.Popular, 12))
            : Weighted((LatinSystem.Icao, 35), (national, 20), (LatinSystem.Bgn, 20), (LatinSystem.Popular, 25));
    }

    private string Phone(EvaluationPool pool) => pool.Key switch
    {
        "UZB" or "TJK" => $"+998 {Pick(new[] { "90", "91", "93", "94", "97", "99" })} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
        "TKM" => $"+993 6{R(1, 5)} {R(10, 99)} {R(10, 99)} {R(10, 99)}",
        _ => $"+7 7{Pick(new[] { "01", "02", "05", "07", "08", "47", "71", "75", "77", "78" })} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
    };

    private DateOnly Birth(int age) => Today.AddYears(-age).AddDays(-R(0, 364));

    private double U() => rng.NextDouble();
    private bool P(double p) => rng.NextDouble() < p;
    private int R(int min, int max) => rng.Next(min, max + 1);
    private T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

    // Most common first: a name list's head is drawn far more often than its tail, as in real registries.
    private T Common<T>(IReadOnlyList<T> xs) => xs[(int)(xs.Count * Math.Pow(rng.NextDouble(), 1.8))];

    private T Weighted<T>(params (T Item, double Weight)[] items)
    {
        var x = rng.NextDouble() * items.Sum(i => i.Weight);
        foreach (var (item, weight) in items)
        {
            if ((x -= weight) < 0)
                return item;
        }
        return items[^1].Item;
    }
}
