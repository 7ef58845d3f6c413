using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Audit;
using Pana.Data.Registry;
using Pana.Features.Audit;
using static Pana.Features.Registry.Demo.DemoNames;

namespace Pana.Features.Registry.Demo;

/// <summary>
/// Fills an empty registry with a repeatable demo population of Kazakhstan, Uzbekistan and Turkmenistan:
/// families with names in the scripts their documents use, status histories, needs and documents. On
/// 31 December 2015 Kazakhstan comes out exactly as the fact sheet (seed 001) counts it; after that the
/// histories follow the operation page (seed 000). Does nothing once anyone is registered.
/// </summary>
public sealed partial class DemoRegistry(PanaDb db, PersonRules rules, AuditLog audit, ILogger<DemoRegistry> log)
{
    private const string Purpose = "Registration, assistance and referral to partners";
    private const string Appealed = "Rejection appealed; case before the court";
    private static readonly DateOnly Census = new(2015, 12, 31);
    private readonly Random rng = new(20151231);
    private readonly List<Unit> units = [];
    private readonly Dictionary<string, int> serials = [];
    private DateOnly today;

    public async Task RunAsync(CancellationToken ct)
    {
        if (await db.Persons.AnyAsync(ct))
            return;
        var watch = Stopwatch.StartNew();
        today = rules.Today;
        Kazakhstan();
        Fill(14, [], left => Refugee("UZB", "AFG", "REF-MAND", left, D(1997), D(2005), 0));
        Fill(240, [], left => Stateless("UZB", "STA-REC", left, D(2005), D(2018, 12, 31)));
        Fill(60, [], left => Stateless("UZB", "STA-UND", left, D(2012), D(2023, 12, 31)));
        Fill(15, [], left => Refugee("TKM", "AFG", "REF-CONV", left, D(1998), D(2012), 0));
        Fill(5, [], left => Refugee("TKM", "TJK", "REF-CONV", left, D(1998), D(2005), 0));
        Fill(160, [], left => Stateless("TKM", "STA-REC", left, D(2005), D(2018, 12, 31)));
        Fill(240, [], left => Stateless("TKM", "STA-UND", left, D(2010), D(2021, 12, 31)));
        Duplicates();
        Milestones();
        foreach (var u in units)
            u.Members.ForEach(m => { Documents(u, m); NeedsOf(u, m); });
        ExpiringSoon(30);
        var people = await SaveAsync(ct);
        await PopulationCounts.RebuildAsync(db, today, ct);
        log.LogInformation("Demo registry generated: {People} people in {Households} households in {Elapsed} ms", people, units.Count, watch.ElapsedMilliseconds);
    }

    /// <summary>The fact sheet of 31 December 2015 exactly, people not of concern that day, and what followed.</summary>
    private void Kazakhstan()
    {
        var cohort = new List<Unit>();
        foreach (var (origin, sub, n) in new[] { ("AFG", "REF-CONV", 626), ("AFG", "REF-MAND", 20), ("CHN", "REF-CONV", 9), ("UZB", "REF-CONV", 22),
            ("UZB", "REF-MAND", 4), ("SYR", "REF-CONV", 21), ("IRQ", "REF-CONV", 2), ("SOM", "REF-MAND", 1), ("TJK", "REF-CONV", 1), ("PSE", "REF-CONV", 1), ("IRN", "REF-CONV", 1) })
            Fill(n, cohort, left => Refugee("KAZ", origin, sub, left, origin == "SYR" ? D(2012, 6) : D(2001), D(2015, 11, 30), 0.40));
        foreach (var (origin, n) in new[] { ("AFG", 41), ("SYR", 16), ("UKR", 18), ("IRQ", 4), ("YEM", 3), ("RUS", 4), ("PAK", 3), ("IRN", 2), ("KGZ", 2), ("TJK", 2), ("SOM", 1), ("EGY", 1) })
        {
            var (recognise, reject) = origin switch { "SYR" => (0.7, 0.15), "AFG" => (0.55, 0.25), "UKR" => (0.1, 0.75), _ => (0.4, 0.35) };
            Fill(n, cohort, left => Asylum(origin, left, origin switch { "UKR" => D(2014, 5), "SYR" => D(2013), _ => D(2014) }, Census.AddDays(-16), origin is "AFG" or "SYR" ? 0.3 : 0.6,
                on => Between(Max(on.AddDays(60), D(2016, 2)), D(2017, 12, 31)), _ => Between(D(2020, 2), D(2021, 12, 31)), recognise, reject));
        }
        Fill(6876, cohort, left => Stateless("KAZ", "STA-REC", left, D(1998), Census.AddDays(-16)));
        Fill(1033, cohort, left => Stateless("KAZ", "STA-UND", left, D(2012), Census.AddDays(-16)));
        cohort.ForEach(Newborns);
        // Not of concern on 31 December 2015: resettled or naturalised before it.
        Fill(28, [], left =>
        {
            var recognised = Between(D(2007), D(2012));
            var u = Refugee("KAZ", "AFG", "REF-CONV", left, recognised, recognised, 0);
            var (resettled, country) = (Between(recognised.AddDays(200), D(2015, 9, 30)), Resettled());
            u.Members.ForEach(m => Then(m.Steps, resettled, null, null, country, CessationReason.Resettled));
            return u;
        });
        Fill(40, [], left => Stateless("KAZ", "STA-REC", left, D(2003), D(2011), naturalisedBy: D(2015, 11, 30)));
        // Asylum-seekers of later years, mostly from Afghanistan; people of undetermined nationality still being found.
        foreach (var (year, n) in new[] { (2016, 45), (2017, 60), (2018, 90), (2019, 123), (2020, 35), (2021, 160), (2022, 140), (2023, 90), (2024, 75), (2025, 50), (2026, 45) }.Where(y => D(y.Item1) < today))
        {
            var origins = year switch
            {
                2018 or 2019 => new[] { ("AFG", 60.0), ("CHN", 20), ("PAK", 5), ("IRN", 5), ("SYR", 4), ("TJK", 3), ("YEM", 3) },
                2021 => [("AFG", 90), ("PAK", 3), ("IRN", 3), ("TJK", 2), ("SYR", 2)],
                2022 => [("AFG", 45), ("RUS", 25), ("UKR", 15), ("IRN", 5), ("PAK", 5), ("SYR", 5)],
                _ => [("AFG", 70), ("SYR", 5), ("PAK", 5), ("IRN", 5), ("YEM", 3), ("IRQ", 3), ("TJK", 4), ("UZB", 3), ("SOM", 2)],
            };
            Fill(ThisFarInto(year, n), [], left =>
            {
                var origin = Weighted(origins);
                var recognise = origin switch { "AFG" when year >= 2021 => 0.45, "CHN" => 0.15, "RUS" => 0.05, "UKR" => 0.1, _ => 0.3 };
                return Asylum(origin, left, D(year), D(year, 12, 31), 0.45, on => on.AddDays(R(150, 700)), on => on.AddDays(R(200, 600)), recognise, 0.45);
            });
        }
        foreach (var (year, n) in new[] { (2016, 110), (2017, 110), (2018, 120), (2019, 110), (2020, 40), (2021, 60), (2022, 60), (2023, 60), (2024, 50), (2025, 30), (2026, 25) }.Where(y => D(y.Item1) < today))
            Fill(ThisFarInto(year, n), [], left => Stateless("KAZ", "STA-UND", left, D(year), D(year, 12, 31)));
    }

    /// <summary>The share of a year's registrations made by today.</summary>
    private int ThisFarInto(int year, int n) => year < today.Year ? n : n * today.DayOfYear / 366;

    /// <summary>Makes households until exactly the number of people is reached; the last one is cut to fit.</summary>
    private static void Fill(int persons, List<Unit> into, Func<int, Unit> make)
    {
        for (var left = persons; left > 0; left -= into[^1].Members.Count)
            into.Add(make(left));
    }

    private Unit Refugee(string op, string origin, string sub, int left, DateOnly from, DateOnly to, double leave)
    {
        var pool = ForOrigin(origin);
        var org = op != "KAZ" ? $"UNHCR-{op}" : sub == "REF-MAND" ? "UNHCR-KAZ-MCO" : Weighted(("UNHCR-KAZ-MCO", 70), ("UNHCR-KAZ-AST", 15), ("KRCS", 15));
        var recognised = Between(from, to);
        var applied = recognised.AddDays(-R(150, 700));
        var u = NewUnit(op, org, pool, applied, origin, origin, Math.Min(left, FamilySize(pool, 0.15)));
        var s = new List<Step> { new(applied, "ASY", "ASY-PEND", sub == "REF-MAND" ? "Registered with UNHCR; mandate refugee status determination" : Lodged(u)) };
        if (sub == "REF-CONV" && P(0.25))
            Then(s, applied.AddDays(R(60, 140)), "ASY", "ASY-APP", "First-instance rejection appealed in court");
        Then(s, recognised, "REF", sub, sub == "REF-MAND" ? $"Recognised under UNHCR mandate, file {op}-M-{R(100, 999)}" : Decision(recognised));
        if (leave > 0)
            RefugeeFuture(s, sub, leave);
        return Assign(u, s);
    }

    /// <summary>An asylum claim: recognised, rejected, or appealed and decided again later; every step after the claim comes from the two decision dates.</summary>
    private Unit Asylum(string origin, int left, DateOnly from, DateOnly to, double singles, Func<DateOnly, DateOnly> decide, Func<DateOnly, DateOnly> final,
        double recognise, double reject)
    {
        var pool = ForOrigin(origin);
        var applied = Between(from, to);
        var org = Weighted(("UNHCR-KAZ-MCO", 50), ("UNHCR-KAZ-AST", 15), ("KRCS", 15), ("BHR", 15), ("SANA-SEZIM", 5));
        var u = NewUnit("KAZ", org, pool, applied, origin, origin, Math.Min(left, FamilySize(pool, singles)));
        var s = new List<Step> { new(applied, "ASY", "ASY-PEND", Lodged(u)) };
        if (P(0.2))
            Then(s, applied.AddDays(R(90, 300)), "ASY", "ASY-APP", "First-instance rejection appealed in court");
        var decided = decide(s[^1].From);
        var r = U();
        if (r >= recognise + reject)
        {
            Then(s, decided, "ASY", "ASY-APP", Appealed);
            (decided, r, recognise) = (final(decided), U(), 0.5);
        }
        if (r < recognise)
        {
            Then(s, decided, "REF", "REF-CONV", Decision(decided));
            RefugeeFuture(s, "REF-CONV", 0.12);
        }
        else
        {
            Then(s, decided, null, null, origin == "UKR" && P(0.6) ? "Application withdrawn; temporary residence permit as a foreigner"
                : "Final rejection of the asylum application; left the country", CessationReason.Other);
        }
        return Assign(u, s);
    }

    /// <summary>After recognition: resettlement or leaving, permanent residence, rarely citizenship.</summary>
    private void RefugeeFuture(List<Step> s, string sub, double leave)
    {
        if (s[^1].Type != "REF")
            return;
        var from = Max(s[^1].From.AddDays(60), D(2016));
        var r = U();
        if (r < leave * 0.6)
        {
            Then(s, Between(from, from.AddYears(4)), null, null, Resettled(), CessationReason.Resettled);
        }
        else if (r < leave)
        {
            Then(s, Between(from, from.AddYears(4)), null, null, "Refugee status not extended; left Kazakhstan", CessationReason.Other);
        }
        else if (r < leave + 0.25)
        {
            var permit = Between(Max(from, D(2017)), from.AddYears(8));
            Then(s, permit, "REF", sub, $"Permanent residence permit No. {Serial("PR", 9)} issued");
            if (permit.Year >= 2020 && P(0.12))
                Then(s, Between(permit.AddYears(2), permit.AddYears(5)), null, null, Citizenship("KAZ"), CessationReason.Naturalised, "KAZ");
        }
    }

    private Unit Stateless(string op, string sub, int left, DateOnly from, DateOnly to, DateOnly? naturalisedBy = null)
    {
        var pool = Weighted(op switch { "UZB" => StatelessUzb, "TKM" => StatelessTkm, _ => StatelessKaz });
        var org = op != "KAZ" ? $"UNHCR-{op}" : sub == "STA-UND" ? Weighted(("BHR", 90), ("KRCS", 7), ("SANA-SEZIM", 3)) : Weighted(("BHR", 82), ("KRCS", 12), ("SANA-SEZIM", 6));
        // Recognitions are recent more often than not; a quarter were first identified as of undetermined nationality.
        var first = sub == "STA-REC" && to.Year - from.Year > 8 ? Min(D(to.Year - (int)((to.Year - from.Year) * Math.Pow(U(), 1.6)), R(1, 12), R(1, 28)), to) : Between(from, to);
        var identified = "Identified by the legal partner; no proof of any nationality";
        var s = new List<Step>();
        if (sub == "STA-UND" || P(0.25))
            s.Add(new Step(sub == "STA-UND" ? first : first.AddDays(-R(200, 1100)), "STA", "STA-UND", identified));
        if (sub == "STA-REC")
            s.Add(new Step(first, "STA", sub, Recognition(first)));
        var origin = P(0.5) ? null : StatelessOrigins.TryGetValue(pool.Key, out var places) ? Pick(places) : null;
        origin = origin == op ? null : origin;
        var u = NewUnit(op, org, pool, s[0].From, origin, sub == "STA-REC" ? "XXA" : P(0.6) ? "XXX" : null, Math.Min(left, Weighted((1, 35), (2, 20), (3, 20), (4, 15), (5, 10))));
        if (naturalisedBy is { } by)
        {
            Then(s, Between(s[^1].From.AddDays(300), by), null, null, Citizenship(op), CessationReason.Naturalised, op);
            return Assign(u, s);
        }
        // What became of them: (share, outcome, from year, to year); no outcome is recognition as stateless, year 0 a few years on.
        const CessationReason N = CessationReason.Naturalised, C = CessationReason.NationalityConfirmed;
        (double Share, CessationReason? Outcome, int From, int To)[] plan = (op, sub, from.Year < 2016) switch
        {
            ("KAZ", "STA-REC", true) => [(0.25, N, 2016, 2019), (0.20, N, 2020, today.Year), (0.02, C, 2016, today.Year)],
            ("KAZ", "STA-UND", true) => [(0.39, C, 2016, 2019), (0.12, null, 2016, 2019), (0.05, N, 2016, 2019), (0.19, C, 2020, today.Year)],
            ("KAZ", _, _) or ("UZB", "STA-UND", _) => [(0.4, C, 0, 0), (0.15, null, 0, 0), (0.1, N, 0, 0)],
            ("UZB", _, _) => [(0.10, N, 2019, 2019), (0.45, N, 2020, 2022)],
            ("TKM", "STA-REC", _) => [(0.22, N, 2019, 2019), (0.28, N, 2020, today.Year)],
            _ => [(0.04, C, 2019, 2019), (0.16, C, 2020, today.Year), (0.10, N, 2019, 2019), (0.15, null, 0, 0)],
        };
        var r = U();
        var later = s[^1].From.AddDays(R(300, 1100));
        foreach (var (share, outcome, y1, y2) in plan)
        {
            if ((r -= share) >= 0)
                continue;
            var on = y1 == 0 ? later : Max(Between(D(y1, 2), D(y2, 12, 20)), later);
            if (outcome is null)
            {
                Then(s, on, "STA", "STA-REC", Recognition(on));
                if (P(0.3))
                    Then(s, s[^1].From.AddDays(R(365, 1500)), null, null, Citizenship(op), N, op);
            }
            else if (outcome == N)
            {
                Then(s, on, null, null, Citizenship(op), N, op);
            }
            else
            {
                var country = origin ?? Weighted((op, 50), ("UZB", 20), ("RUS", 15), ("KGZ", 10), ("TJK", 5));
                Then(s, on, null, null, $"Nationality of {CountryName(country)} confirmed", C, country);
            }
            break;
        }
        return Assign(u, s);
    }

    /// <summary>Children born after 2015 into families registered before, registered with the status the family then had.</summary>
    private void Newborns(Unit u)
    {
        var head = u.Members[0];
        var mother = u.Members.FirstOrDefault(m => m.Rel == Relationship.Spouse);
        if (mother is null || Age(mother.Born, D(2016)) > 40 || !P(0.3))
            return;
        for (var i = P(0.25) ? 2 : 1; i > 0; i--)
        {
            var born = Between(D(2016, 2), today.AddDays(-90));
            var on = born.AddDays(R(20, 300));
            if (on > today || head.Steps.LastOrDefault(s => s.From <= on) is not { Type: not null } inForce)
                return;
            var sex = P(0.5) ? Sex.Male : Sex.Female;
            var child = AddMember(u, sex == Sex.Male ? Relationship.Son : Relationship.Daughter, sex, born, on, head.Family, head.Given);
            child.Steps = [new(on, inForce.Type, inForce.Sub, $"Child registered with the family; birth certificate issued in {u.City}"), .. head.Steps.Where(s => s.From > on)];
            child.Precision = DatePrecision.Exact;
        }
    }

    /// <summary>The same people registered twice, in two scripts, by two organisations, one date of birth guessed.</summary>
    private void Duplicates()
    {
        foreach (var d in DemoNames.Duplicates)
        {
            var first = Between(D(2016, 6), D(2022, 12, 31));
            var (born, phone) = (Between(D(1965), D(2000)), Phone(d.Op));
            foreach (var (names, org, on, exact) in new[] { (d.First, d.FirstOrg, first, true), (d.Second, d.SecondOrg, Min(first.AddDays(R(90, 800)), today.AddDays(-10)), false) })
            {
                var parts = names.Split('|');
                var u = NewUnit(d.Op, org, Pools[d.Pool], on, d.Origin, d.Type == "STA" ? "XXX" : d.Origin, 0);
                var m = AddMember(u, Relationship.FocalPoint, d.Sex, born, on, parts[1], "");
                (m.Given, m.Patronymic, m.Precision, m.Phone) = (parts[0], parts[2], exact ? DatePrecision.Exact : DatePrecision.Year, P(0.5) ? phone : Phone(d.Op));
                Assign(u, [new(on, d.Type, d.Sub, d.Type == "ASY" ? Lodged(u) : $"Registered on presentation of documents, {u.Office}")]);
            }
        }
    }

    /// <summary>What the 2019 report names person by person: two refugees naturalised and three repatriated in Kazakhstan, one naturalised in Turkmenistan; and deaths.</summary>
    private void Milestones()
    {
        var members = units.SelectMany(h => h.Members.Select(x => (h, x))).ToList();
        Member[] Choose(Func<Unit, Member, bool> which, int n)
        {
            var found = members.Where(x => which(x.Item1, x.Item2)).Select(x => x.Item2).ToArray();
            rng.Shuffle(found);
            return found[..Math.Min(n, found.Length)];
        }
        static bool Refugee2019(Member m) => m.Steps[^1] is { Type: "REF" } last && last.From < D(2019) && Age(m.Born, D(2019)) >= 18;
        foreach (var m in Choose((h, x) => h.Op == "KAZ" && Refugee2019(x) && x.Steps[^1].Basis.StartsWith("Permanent", StringComparison.Ordinal), 2))
            Then(m.Steps, Between(D(2019, 3), D(2019, 11, 30)), null, null, Citizenship("KAZ"), CessationReason.Naturalised, "KAZ");
        foreach (var m in Choose((h, x) => h.Op == "KAZ" && h.Members.Count == 1 && Refugee2019(x), 3))
            Then(m.Steps, Between(D(2019, 4), D(2019, 10, 31)), null, null, "Voluntary repatriation to the country of origin", CessationReason.Repatriated);
        foreach (var m in Choose((h, x) => h.Op == "TKM" && Refugee2019(x), 1))
            Then(m.Steps, Between(D(2019, 3), D(2019, 11, 30)), null, null, Citizenship("TKM"), CessationReason.Naturalised, "TKM");
        foreach (var m in members.Select(x => x.Item2).Where(m => m.Born.Year < 1950 && m.Steps[^1].Type is not null && P(0.3)))
            Then(m.Steps, Between(Max(m.Steps[^1].From.AddDays(30), D(2016)), today), null, null, "Death certificate issued", CessationReason.Deceased);
    }

    /// <summary>Certificates of each status held, passports of some, birth certificates of children.</summary>
    private void Documents(Unit u, Member m)
    {
        var adult = Age(m.Born, today) >= 16;
        var last = m.Steps[^1];
        DateOnly? EndOf(Func<Step, bool> which)
        {
            var i = m.Steps.FindLastIndex(s => which(s));
            return i < m.Steps.Count - 1 ? m.Steps[i + 1].From : last.Type is null ? last.From : null;
        }
        var authority = u.Op switch { "UZB" => "UNHCR Office in Uzbekistan", "TKM" => "State Migration Service of Turkmenistan", _ => $"Migration Service, {u.Office}" };
        if (adult && m.Steps.FirstOrDefault(s => s.Type == "REF") is { } recognised)
            StatusPaper(m, "REFUGEE-CERT", Serial("REFUGEE-CERT", 7), authority, u.Op == "KAZ" ? 365 : 730, recognised.From, EndOf(s => s.Type == "REF"));
        if (adult && u.Op == "KAZ" && m.Steps.FirstOrDefault(s => s.Type == "ASY") is { } lodged)
            StatusPaper(m, "ASYLUM-SEEKER-CERT", Serial("ASYLUM-SEEKER-CERT", 6), authority, 90, lodged.From, EndOf(s => s.Type == "ASY"));
        if ((adult || P(0.3)) && m.Steps.FirstOrDefault(s => s.Sub == "STA-REC") is { } stateless)
        {
            StatusPaper(m, u.Op == "KAZ" ? "STATELESS-CERT" : "RES-PERMIT-STATELESS", Serial("STATELESS", 9), u.Op == "TKM" ? authority : $"Ministry of Internal Affairs of {CountryName(u.Op)}",
                u.Op == "TKM" ? 1825 : 3650, stateless.From, EndOf(s => s.Sub == "STA-REC"));
        }
        if (adult && m.Steps.FirstOrDefault(s => s.Basis.StartsWith("Permanent", StringComparison.Ordinal)) is { } permit)
            StatusPaper(m, "RES-PERMIT-FOREIGNER", Serial("RES-PERMIT", 9), "Ministry of Internal Affairs of Kazakhstan", 3650, permit.From, last.Type is null ? last.From : null);
        if (adult && u.Origin is { } origin && m.Steps.Any(s => s.Type is "REF" or "ASY") && P(0.35))
        {
            var validity = origin is "AFG" or "SYR" or "IRQ" or "YEM" or "SOM" ? 1825 : 3650;
            var issued = Between(Min(m.Born.AddYears(18), m.On), m.On);
            var number = origin switch { "AFG" => "P0", "SYR" => "N0", "UKR" => "FX", "RUS" => "75", "UZB" => "AA", "CHN" => "E", _ => "A" } + Serial("PASSPORT", 7);
            m.Papers.Add(new Paper("PASSPORT", number, $"Passport authority of {CountryName(origin)}", issued, issued.AddDays(validity), validity));
        }
        if (adult && m.Born.Year < 1975 && m.Steps.Any(s => s.Sub == "STA-UND") && P(0.35))
        {
            var number = $"{Pick(["II", "III", "IV", "V", "VI"])}-{Pick(["ЖД", "СТ", "КЗ", "ОМ", "ЛБ"])} {Serial("USSR", 6)}";
            m.Papers.Add(new Paper("OTHER", number, "USSR passport (1974 model)", m.Born.AddYears(16 + R(0, 9)), null));
        }
        if (Age(m.Born, today) < 18 && (m.Born >= u.On || P(0.5)))
        {
            var issuer = m.Born >= u.On ? $"Civil registry office, {u.City}" : $"Civil registry of {CountryName(u.Origin ?? u.Op)}";
            m.Papers.Add(new Paper("BIRTH-CERT", Serial("BIRTH", 7), issuer, Min(m.Born.AddDays(R(3, 40)), today), null));
        }
        // Only the few chosen in ExpiringSoon expire within the coming month.
        foreach (var p in m.Papers.Where(p => p.Expires is { } e && e >= today && e <= today.AddDays(44)))
            p.Expires = p.Current ? today.AddDays(R(45, 120)) : today.AddDays(-R(1, 30));
    }

    /// <summary>A status document: a current one is valid (now and then lapsed), an old one expired soon after its status ended.</summary>
    private void StatusPaper(Member m, string type, string number, string issuer, int validity, DateOnly since, DateOnly? ended)
    {
        var expires = ended is { } end ? Min(end.AddDays(R(0, Math.Min(validity, 200))), today.AddDays(-R(1, 60)))
            : P(0.07) ? today.AddDays(-R(1, 300)) : today.AddDays(R(45, Math.Max(46, validity)));
        var issued = Max(expires.AddDays(-validity), since);
        m.Papers.Add(new Paper(type, number, issuer, issued <= expires ? issued : expires.AddDays(-validity), expires, validity, since, ended is null));
    }

    private void ExpiringSoon(int count)
    {
        var current = units.SelectMany(u => u.Members).SelectMany(m => m.Papers).Where(p => p.Current && p.Expires > today.AddDays(44)).ToArray();
        rng.Shuffle(current);
        foreach (var p in current.Take(count))
        {
            p.Expires = today.AddDays(R(1, 28));
            p.Issued = Min(Max(p.Expires.Value.AddDays(-p.Validity), p.Since), p.Expires.Value);
        }
    }

    /// <summary>Numbers people and households in order of registration, and saves them in batches of about 2,000 people under one audit line.</summary>
    private async Task<int> SaveAsync(CancellationToken ct)
    {
        using var quiet = audit.Summarised();
        var orgs = await db.Organisations.ToDictionaryAsync(o => o.Code, o => o.Id, ct);
        var prefixes = await db.Operations.ToDictionaryAsync(o => o.Code, o => o.RegistrationPrefix, ct);
        var counters = await db.RegistrationCounters.ToDictionaryAsync(c => c.Prefix, ct);
        var last = counters.ToDictionary(c => c.Key, c => c.Value.Next - 1);
        int Next(string prefix) => last[prefix] = last.GetValueOrDefault(prefix) + 1;
        foreach (var u in units.OrderBy(x => x.On))
            u.Number = $"{prefixes[u.Op]}-{u.On:yy}-H{Next($"{prefixes[u.Op]}-{u.On:yy}-H"):00000}";
        foreach (var (op, m) in units.SelectMany(h => h.Members.Select(x => (h.Op, x))).OrderBy(x => x.x.On))
            m.Number = $"{prefixes[op]}-{m.On:yy}-{Next($"{prefixes[op]}-{m.On:yy}"):000000}";

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var batch = 0;
        foreach (var u in units)
        {
            db.Households.Add(new Household { Id = u.Id, RegistrationNumber = u.Number, OperationCode = u.Op, CreatedAt = At(u.On), FocalPointId = u.Members[0].Id });
            u.Members.ForEach(m => Add(u, m, orgs[u.Org]));
            if ((batch += u.Members.Count) >= 2000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                batch = 0;
            }
        }
        // Later registrations continue the sequences.
        foreach (var (prefix, n) in last)
        {
            if (counters.TryGetValue(prefix, out var counter))
                db.RegistrationCounters.Update(counter).Entity.Next = Math.Max(counter.Next, n + 1);
            else
                db.RegistrationCounters.Add(new RegistrationCounter { Prefix = prefix, Next = n + 1 });
        }
        var people = units.Sum(u => u.Members.Count);
        audit.Add(AuditAction.System, "Registry", "demo", $"Demo registry generated: {people} people in {units.Count} households");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = true;
        return people;
    }

    private void Add(Unit u, Member m, Guid organisation)
    {
        var p = new Person
        {
            Id = m.Id,
            OperationCode = u.Op,
            RegistrationNumber = m.Number,
            RegisteringOrganisationId = organisation,
            Office = u.Office,
            RegisteredOn = m.On,
            CreatedAt = At(m.On),
            HouseholdId = u.Id,
            Relationship = m.Rel,
        };
        rules.Apply(p, new PersonDetails
        {
            GivenName = m.Given,
            FamilyName = m.Family,
            Patronymic = m.Patronymic,
            Sex = m.Sex,
            BirthDate = m.Precision == DatePrecision.Unknown ? null : m.Born,
            BirthDatePrecision = m.Precision,
            NationalityCode = m.Steps[^1].Country ?? u.Nationality,
            OriginCode = u.Origin,
            Ethnicity = u.Ethnicity,
            Languages = u.Languages,
            MaritalStatus = m.Marital,
            Phone = m.Phone,
            RegionCode = u.Region,
            City = u.City,
            Address = u.Address,
            ConsentGiven = P(0.96),
            ConsentDate = m.On,
            ConsentPurpose = Purpose,
        });
        p.UpdatedAt = At(Max(m.On, m.Steps[^1].From));
        db.Persons.Add(p);
        db.PersonNameKeys.AddRange(PersonRules.NameKeyRows(p));
        db.PersonMatchKeys.AddRange(DuplicateKeys.Rows(p));
        db.LegalStatuses.AddRange(m.Steps.Select(s => new LegalStatus
        {
            PersonId = p.Id,
            PopulationTypeCode = s.Type,
            PopulationSubTypeCode = s.Sub,
            Ceased = s.Ceased,
            EffectiveFrom = s.From,
            Basis = s.Basis,
            RecordedAt = At(s.From),
            RecordedBy = "Demo data",
        }));
        db.SpecificNeeds.AddRange(m.Needs);
        db.PersonDocuments.AddRange(m.Papers.Select(d => rules.Document(p.Id, new DocumentEntry(d.Type, d.Number, d.Issuer, d.Issued, d.Expires))));
    }

    private void Then(List<Step> s, DateOnly on, string? type, string? sub, string basis, CessationReason? ceased = null, string? country = null)
    {
        if (on <= s[^1].From)
            on = s[^1].From.AddDays(R(30, 365));
        if (on <= today)
            s.Add(new Step(on, type, sub, basis, ceased, country));
    }

    private string Lodged(Unit u) => $"Application for refugee status lodged with the migration service, {u.Office}";
    private string Decision(DateOnly on) => $"Recognised as a refugee, decision of the migration service No. {R(10, 999)}/{on:yy}";
    private string Recognition(DateOnly on) => $"Recognised as a stateless person, decision No. {R(10, 999)}/{on:yy}";
    private string Resettled() => $"Resettled to {Pick(ResettlementCountries)}";
    private string Citizenship(string op) => $"Citizenship of {CountryName(op)} acquired, decree No. {R(100, 9999)}";

    /// <summary>Document numbers that rise irregularly from a random start, so no two people share one by chance.</summary>
    private string Serial(string kind, int digits)
    {
        var next = serials[kind] = serials.GetValueOrDefault(kind, R(1000, 9000) * (int)Math.Pow(10, digits - 5)) + R(1, 9);
        return next.ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }

    private static int Age(DateOnly born, DateOnly on) => on.Year - born.Year - (on < born.AddYears(on.Year - born.Year) ? 1 : 0);
    private static DateOnly D(int year, int month = 1, int day = 1) => new(year, month, day);
    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    private DateTime At(DateOnly on) => on.ToDateTime(new TimeOnly(R(3, 12), R(0, 59)), DateTimeKind.Utc);
    private double U() => rng.NextDouble();
    private bool P(double p) => rng.NextDouble() < p;
    private int R(int min, int max) => rng.Next(min, max + 1);
    private T Pick<T>(IReadOnlyList<T> xs) => xs[rng.Next(xs.Count)];

    /// <summary>Earlier entries are picked more often: a registry has many Mohammads.</summary>
    private T Common<T>(IReadOnlyList<T> xs) => xs[(int)(xs.Count * Math.Pow(rng.NextDouble(), 1.8))];

    /// <summary>A date between two, never after today.</summary>
    private DateOnly Between(DateOnly from, DateOnly to)
    {
        to = Min(to, today);
        return from >= to ? from : from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));
    }

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
