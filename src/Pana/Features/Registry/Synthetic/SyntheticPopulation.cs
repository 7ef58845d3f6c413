using Pana.Data.Registry;
using Pana.Features.Registry.Demo;
using Pana.Features.Registry.Names;
using static Pana.Features.Registry.Demo.DemoNames;

namespace Pana.Features.Registry.Synthetic;

/// <summary>
/// Makes the synthetic people, household after household, in order of registration from 2001 to today:
/// refugees and asylum-seekers of many origins and stateless people of the region's peoples in Kazakhstan,
/// Uzbekistan and Turkmenistan, with the name lists of the demo registry and a long tail of family names
/// formed the way each people forms them. Deterministic for a seed.
/// </summary>
internal sealed partial class SyntheticPopulation(int seed, DateOnly today, SyntheticSetting setting)
{
    public static readonly string[] OrganisationCodes = ["UNHCR-KAZ-MCO", "UNHCR-KAZ-AST", "BHR", "KRCS", "SANA-SEZIM", "UNHCR-UZB", "UNHCR-TKM"];

    private const string Purpose = "Registration, assistance and referral to partners";
    private const string RecordedBy = "Synthetic registry";
    private static readonly DateOnly First = new(2001, 1, 1);

    private static readonly (string, double)[] RefugeeOrigins = [("AFG", 58), ("SYR", 10), ("UKR", 6), ("RUS", 5), ("UZB", 5), ("CHN", 4), ("IRN", 3),
        ("PAK", 3), ("TJK", 2), ("IRQ", 2), ("YEM", 1), ("SOM", 1)];

    private readonly Random rng = new(seed);
    private readonly Dictionary<string, long> serials = [];

    /// <summary>The last number handed out per counter prefix (KAZ-25, KAZ-25-H), to be saved as the counters.</summary>
    public IReadOnlyDictionary<string, int> Counters => setting.LastNumbers;

    /// <summary>A status step; Country is the nationality held from then on, when it changes.</summary>
    private sealed record Step(DateOnly From, string? Type, string? Sub, string Basis, CessationReason? Ceased = null, string? Country = null);

    /// <summary>A household being made, before its rows are written.</summary>
    private sealed class Unit
    {
        public string Op = "", Org = "", Office = "", Region = "", City = "", Address = "", Ethnicity = "", Languages = "";
        public string? Origin, Nationality;
        public NamePool Pool = Russian;
        public DateOnly On;
        public bool Latin;
        public List<Step> Steps = [];
        public readonly List<Member> Members = [];
    }

    private sealed class Member
    {
        public string Given = "", Family = "", Patronymic = "", Phone = "";
        /// <summary>The given name as the pool lists it, for the children's patronymic.</summary>
        public string GivenEntry = "";
        public Sex Sex;
        public DateOnly Born;
        public DatePrecision Precision;
        public Relationship Rel;
        public MaritalStatus Marital;
        public string? Passport;
    }

    public IEnumerable<SyntheticBatch> Batches(int people, int batchSize)
    {
        var made = 0;
        var batch = new SyntheticBatch();
        while (made < people)
        {
            // Registration dates rise with the count, so numbers are handed out in order of registration.
            var on = First.AddDays((int)((long)(today.DayNumber - First.DayNumber) * made / people));
            made += sources.Count > 200 && P(DuplicateEventShare) ? Duplicate(batch, on) : Household(batch, on, people - made);
            if (batch.Persons.Count >= batchSize)
            {
                yield return batch;
                batch = new SyntheticBatch();
            }
        }
        if (batch.Persons.Count > 0)
        {
            yield return batch;
        }
    }

    /// <summary>One household of the mix of each operation: who they are, what happened to them, written out as rows.</summary>
    private int Household(SyntheticBatch batch, DateOnly on, int left)
    {
        var op = Weighted(("KAZ", 60.0), ("UZB", 25), ("TKM", 15));
        var r = U();
        var u = op switch
        {
            "KAZ" when r < 0.30 => Refugee(op, on, left),
            "KAZ" when r < 0.55 => Asylum(on, left),
            "KAZ" => Stateless(op, on, left),
            _ when r < 0.12 => Refugee(op, on, left),
            _ => Stateless(op, on, left),
        };
        Emit(batch, u);
        return u.Members.Count;
    }

    private Unit Refugee(string op, DateOnly on, int left)
    {
        var origin = Weighted(RefugeeOrigins);
        var org = op != "KAZ" ? $"UNHCR-{op}" : Weighted(("UNHCR-KAZ-MCO", 60.0), ("UNHCR-KAZ-AST", 15), ("KRCS", 15), ("BHR", 10));
        var u = NewUnit(op, org, ForOrigin(origin), on, origin, origin, Math.Min(left, FamilySize(ForOrigin(origin), 0.2)));
        u.Steps.Add(new Step(on, "ASY", "ASY-PEND", $"Application for refugee status lodged with the migration service, {u.Office}"));
        if (P(0.2))
            Then(u.Steps, on.AddDays(R(60, 200)), "ASY", "ASY-APP", "First-instance rejection appealed in court");
        var recognised = u.Steps[^1].From.AddDays(R(120, 700));
        Then(u.Steps, recognised, "REF", "REF-CONV", $"Recognised as a refugee, decision of the migration service No. {R(10, 999)}/{recognised:yy}");
        var later = recognised.AddDays(R(300, 2500));
        var fate = U();
        if (fate < 0.10)
            Then(u.Steps, later, null, null, $"Resettled to {Pick(ResettlementCountries)}", CessationReason.Resettled);
        else if (fate < 0.14)
            Then(u.Steps, later, null, null, $"Citizenship of {CountryName(op)} acquired, decree No. {R(100, 9999)}", CessationReason.Naturalised, op);
        else if (fate < 0.17)
            Then(u.Steps, later, null, null, "Voluntary repatriation to the country of origin", CessationReason.Repatriated);
        return u;
    }

    private Unit Asylum(DateOnly on, int left)
    {
        var origin = Weighted(RefugeeOrigins);
        var org = Weighted(("UNHCR-KAZ-MCO", 50.0), ("UNHCR-KAZ-AST", 15), ("KRCS", 15), ("BHR", 15), ("SANA-SEZIM", 5));
        var u = NewUnit("KAZ", org, ForOrigin(origin), on, origin, origin, Math.Min(left, FamilySize(ForOrigin(origin), 0.45)));
        u.Steps.Add(new Step(on, "ASY", "ASY-PEND", $"Application for refugee status lodged with the migration service, {u.Office}"));
        var decided = on.AddDays(R(150, 700));
        var r = U();
        if (r < 0.4)
            Then(u.Steps, decided, "REF", "REF-CONV", $"Recognised as a refugee, decision of the migration service No. {R(10, 999)}/{decided:yy}");
        else if (r < 0.8)
            Then(u.Steps, decided, null, null, "Final rejection of the asylum application; left the country", CessationReason.Other);
        else
            Then(u.Steps, decided, "ASY", "ASY-APP", "Rejection appealed; case before the court");
        return u;
    }

    private Unit Stateless(string op, DateOnly on, int left)
    {
        var pool = Weighted(op switch { "UZB" => StatelessUzb, "TKM" => StatelessTkm, _ => StatelessKaz });
        var org = op != "KAZ" ? $"UNHCR-{op}" : Weighted(("BHR", 80.0), ("KRCS", 12), ("SANA-SEZIM", 8));
        var origin = P(0.5) ? null : StatelessOrigins.TryGetValue(pool.Key, out var places) ? Pick(places) : null;
        var recognisedFirst = P(0.35);
        var u = NewUnit(op, org, pool, on, origin == op ? null : origin, recognisedFirst ? "XXA" : P(0.6) ? "XXX" : null,
            Math.Min(left, Weighted((1, 35.0), (2, 20), (3, 20), (4, 15), (5, 10))));
        u.Steps.Add(recognisedFirst
            ? new Step(on, "STA", "STA-REC", $"Recognised as a stateless person, decision No. {R(10, 999)}/{on:yy}")
            : new Step(on, "STA", "STA-UND", "Identified by the legal partner; no proof of any nationality"));
        var later = on.AddDays(R(300, 1500));
        var r = U();
        if (!recognisedFirst && r < 0.35)
            Then(u.Steps, later, "STA", "STA-REC", $"Recognised as a stateless person, decision No. {R(10, 999)}/{later:yy}");
        else if (!recognisedFirst && r < 0.55)
            Then(u.Steps, later, null, null, $"Nationality of {CountryName(origin ?? "UZB")} confirmed", CessationReason.NationalityConfirmed, origin ?? "UZB");
        if (u.Steps[^1].Sub == "STA-REC" && P(0.25))
            Then(u.Steps, u.Steps[^1].From.AddDays(R(365, 2000)), null, null, $"Citizenship of {CountryName(op)} acquired, decree No. {R(100, 9999)}",
                CessationReason.Naturalised, op);
        return u;
    }

    /// <summary>A household: a single, or a focal point (father, or a woman heading it) with spouse, children and maybe an elder.</summary>
    private Unit NewUnit(string op, string org, NamePool pool, DateOnly on, string? origin, string? nationality, int size)
    {
        var region = op switch { "UZB" => Weighted(UzbRegions), "TKM" => Weighted(TkmRegions), _ => pool.Style == NameStyle.None ? Weighted(AlmatyRegions) : Weighted(KazRegions) };
        var towns = Towns[region];
        var u = new Unit
        {
            Op = op,
            Org = org,
            Pool = pool,
            On = on,
            Origin = origin,
            Nationality = nationality,
            Region = region,
            City = Common(towns),
            Office = org switch { "UNHCR-KAZ-MCO" => "Almaty", "UNHCR-KAZ-AST" => "Astana", "SANA-SEZIM" => "Shymkent", "UNHCR-UZB" => "Tashkent", "UNHCR-TKM" => "Ashgabat", _ => towns[0] },
            Address = $"ул. {Pick(op switch { "UZB" => StreetsUzb, "TKM" => StreetsTkm, _ => StreetsKaz }).Replace('_', ' ')}, д. {R(1, 250)}" + (P(0.6) ? $", кв. {R(1, 140)}" : ""),
            Ethnicity = Pick(pool.Ethnicities),
            Languages = Pick(pool.Languages),
            // Peoples written in Cyrillic are now and then registered from a Latin passport.
            Latin = P(pool.LatinShare > 0 ? pool.LatinShare : 0.12),
        };
        var family = FamilyEntry(pool);
        if (size <= 1)
        {
            AddMember(u, Relationship.FocalPoint, P(pool.Style == NameStyle.None ? 0.75 : 0.5) ? Sex.Male : Sex.Female, Birth(on, R(18, 45) + (P(0.2) ? R(0, 35) : 0)), family, "");
            return u;
        }
        var femaleHead = P(0.15);
        var elder = size >= 5 && P(0.2);
        var kids = size - (femaleHead ? 1 : 2) - (elder ? 1 : 0);
        var headAge = 24 + (2 * kids) + R(0, 14);
        var head = AddMember(u, Relationship.FocalPoint, femaleHead ? Sex.Female : Sex.Male, Birth(on, headAge), family, "");
        head.Marital = femaleHead ? Weighted((MaritalStatus.Widowed, 60.0), (MaritalStatus.Divorced, 30), (MaritalStatus.Separated, 10)) : MaritalStatus.Married;
        var motherAge = femaleHead ? headAge : Math.Max(18 + Math.Max(0, kids - 1), headAge - R(1, 9));
        if (!femaleHead)
            AddMember(u, Relationship.Spouse, Sex.Female, Birth(on, motherAge), pool.Style == NameStyle.None && P(0.5) ? FamilyEntry(pool) : family, "");
        var father = femaleHead ? Common(pool.Male) : head.GivenEntry;
        var eldest = Math.Max(kids - 1, Math.Min(motherAge - 18, 2 + (2 * kids) + R(0, 6)));
        for (var i = 0; i < kids; i++)
        {
            var age = Math.Max(0, eldest - (int)Math.Round(i * (double)eldest / Math.Max(1, kids - 1)));
            var sex = P(0.5) ? Sex.Male : Sex.Female;
            AddMember(u, sex == Sex.Male ? Relationship.Son : Relationship.Daughter, sex, Birth(on, age), family, father);
        }
        if (elder)
        {
            var rel = Weighted((Relationship.Mother, 50.0), (Relationship.Father, 15), (Relationship.Brother, 15), (Relationship.Nephew, 10), (Relationship.Niece, 10));
            var age = rel is Relationship.Mother or Relationship.Father ? Math.Min(90, headAge + R(20, 30)) : rel == Relationship.Brother ? Math.Max(18, headAge + R(-8, 8)) : R(5, 20);
            AddMember(u, rel, rel is Relationship.Mother or Relationship.Niece ? Sex.Female : Sex.Male, Birth(on, age), family, "");
        }
        return u;
    }

    /// <summary>A member with names from the pool (the father's given name as it stands in the pool, for the patronymic).</summary>
    private Member AddMember(Unit u, Relationship rel, Sex sex, DateOnly born, string familyEntry, string fatherEntry)
    {
        var pool = u.Pool;
        var given = Common(sex == Sex.Male ? pool.Male : pool.Female);
        var family = Cyrillic(familyEntry);
        family = sex == Sex.Female ? Feminine(pool, family) : family;
        var father = Cyrillic(fatherEntry.Length > 0 ? fatherEntry : Common(pool.Male));
        var patronymic = Patronymic(pool, father, sex == Sex.Female, rng);
        var age = Age(born, u.On);
        var yearOnly = (pool == Afghan ? 0.32 : 0.16) * (age < 10 ? 0.6 : 1);
        var p = U();
        var m = new Member
        {
            Rel = rel,
            Sex = sex,
            Born = born,
            Given = Written(u, given),
            GivenEntry = given,
            Family = Written(u, familyEntry.Contains('/') ? familyEntry : family, feminineOf: sex == Sex.Female ? family : null),
            // Latin passports of the Cyrillic-writing peoples usually leave the patronymic out.
            Patronymic = u.Latin ? (P(0.3) ? NameScripts.ToLatin(patronymic) : "") : patronymic,
            Precision = p < yearOnly ? DatePrecision.Year : p < yearOnly + 0.05 ? DatePrecision.Month : p < yearOnly + 0.07 ? DatePrecision.Unknown : DatePrecision.Exact,
            Marital = age < 18 ? MaritalStatus.Single : rel == Relationship.Spouse ? MaritalStatus.Married
                : age >= 60 ? Weighted((MaritalStatus.Widowed, 60.0), (MaritalStatus.Married, 20), (MaritalStatus.Divorced, 20))
                : Weighted((MaritalStatus.Single, 75.0), (MaritalStatus.Divorced, 12), (MaritalStatus.Widowed, 8), (MaritalStatus.Married, 5)),
            Phone = age >= 16 && P(rel == Relationship.FocalPoint ? 0.9 : rel == Relationship.Spouse ? 0.45 : 0.35) ? Phone(u.Op) : "",
        };
        u.Members.Add(m);
        return m;
    }

    /// <summary>A name entry as the household's papers write it: its Latin or Cyrillic spelling, or the Cyrillic one romanised.</summary>
    private static string Written(Unit u, string entry, string? feminineOf = null)
    {
        if (entry.Split('/') is [var latin, var cyrillic])
        {
            return u.Latin ? latin : feminineOf ?? cyrillic;
        }
        var name = feminineOf ?? entry;
        return u.Latin && !name.Any(char.IsAsciiLetter) ? NameScripts.ToLatin(name) : name;
    }

    private static string Cyrillic(string entry) => entry.Split('/') is [_, var cyrillic] ? cyrillic : entry;

    private void Then(List<Step> s, DateOnly on, string? type, string? sub, string basis, CessationReason? ceased = null, string? country = null)
    {
        if (on <= s[^1].From)
            on = s[^1].From.AddDays(R(30, 365));
        if (on <= today)
            s.Add(new Step(on, type, sub, basis, ceased, country));
    }

    private int FamilySize(NamePool pool, double singles) => P(singles) ? 1
        : pool == Afghan ? Weighted((2, 6.0), (3, 10), (4, 22), (5, 26), (6, 20), (7, 16))
        : pool == Arab ? Weighted((2, 10.0), (3, 25), (4, 30), (5, 20), (6, 15))
        : Weighted((2, 35.0), (3, 35), (4, 20), (5, 10));

    private DateOnly Birth(DateOnly on, int age) => Min(on.AddYears(-age).AddDays(-R(0, 364)), on);

    private string Phone(string op) => op switch
    {
        "UZB" => $"+998 {Pick(UzbMobile)} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
        "TKM" => $"+993 6{R(1, 5)} {R(10, 99)} {R(10, 99)} {R(10, 99)}",
        _ => $"+7 7{Pick(KazMobile)} {R(100, 999)} {R(10, 99)} {R(10, 99)}",
    };

    private static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private DateTime At(DateOnly on) => on.ToDateTime(new TimeOnly(R(3, 12), R(0, 59)), DateTimeKind.Utc);
    private double U() => rng.NextDouble();
    private bool P(double p) => rng.NextDouble() < p;
    private int R(int min, int max) => rng.Next(min, max + 1);
    private T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

    /// <summary>Earlier entries are picked more often: a registry has many Mohammads.</summary>
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
