using System.Globalization;
using Pana.Data.Registry;
using Pana.Features.Registry.Demo;
using Pana.Features.Registry.Names;
using static Pana.Features.Registry.Demo.DemoNames;

namespace Pana.Features.Registry.Synthetic;

/// <summary>How a synthetic household becomes rows: numbers, renderings and keys, statuses, documents, needs; and planted duplicates.</summary>
internal sealed partial class SyntheticPopulation
{
    /// <summary>About one registration in twelve is someone registered before: some 3% of the people.</summary>
    private const double DuplicateEventShare = 0.085;

    /// <summary>People who may be registered again; old ones are replaced at random, so duplicates span the years.</summary>
    private const int SourceWindow = 20_000;

    private readonly List<(Person Person, Unit Unit, Member Member)> sources = [];

    public List<PlantedDuplicate> Planted { get; } = [];

    private void Emit(SyntheticBatch batch, Unit u, bool mayBeDuplicated = true)
    {
        var household = new Household { RegistrationNumber = HouseholdNumber(u.Op, u.On), OperationCode = u.Op, CreatedAt = At(u.On) };
        batch.Households.Add(household);
        foreach (var m in u.Members)
        {
            var p = Write(batch, u, m, household.Id);
            if (m.Rel == Relationship.FocalPoint)
                household.FocalPointId = p.Id;
            if (mayBeDuplicated && Age(m.Born, u.On) >= 16)
            {
                if (sources.Count < SourceWindow)
                    sources.Add((p, u, m));
                else
                    sources[rng.Next(SourceWindow)] = (p, u, m);
            }
        }
    }

    /// <summary>The person's rows, with names rendered and keyed as PersonRules writes them on every save.</summary>
    private Person Write(SyntheticBatch batch, Unit u, Member m, Guid householdId)
    {
        var p = new Person
        {
            OperationCode = u.Op,
            RegistrationNumber = PersonNumber(u.Op, u.On),
            RegisteringOrganisationId = setting.Organisations[u.Org],
            Office = u.Office,
            RegisteredOn = u.On,
            CreatedAt = At(u.On),
            UpdatedAt = At(Max(u.On, u.Steps[^1].From)),
            HouseholdId = householdId,
            Relationship = m.Rel,
            GivenName = m.Given,
            FamilyName = m.Family,
            Patronymic = m.Patronymic,
            Sex = m.Sex,
            NationalityCode = u.Steps.LastOrDefault(s => s.Country is not null)?.Country ?? u.Nationality,
            OriginCode = u.Origin,
            Ethnicity = u.Ethnicity,
            Languages = u.Languages,
            MaritalStatus = m.Marital,
            Phone = m.Phone,
            PhoneDigits = PersonRules.Digits(m.Phone),
            RegionCode = u.Region,
            City = u.City,
            Address = u.Address,
        };
        var full = string.Join(' ', new[] { p.GivenName, p.Patronymic, p.FamilyName }.Where(n => n.Length > 0));
        p.LatinName = NameScripts.ToLatin(full);
        p.CyrillicName = NameScripts.ToCyrillic(full);
        (p.BirthDate, p.BirthDatePrecision) = m.Precision switch
        {
            DatePrecision.Unknown => ((DateOnly?)null, DatePrecision.Unknown),
            DatePrecision.Year => (new DateOnly(m.Born.Year, 1, 1), DatePrecision.Year),
            DatePrecision.Month => (new DateOnly(m.Born.Year, m.Born.Month, 1), DatePrecision.Month),
            _ => (m.Born, DatePrecision.Exact),
        };
        p.ConsentGiven = P(0.96);
        p.ConsentDate = p.ConsentGiven ? u.On : null;
        p.ConsentPurpose = p.ConsentGiven ? Purpose : "";
        batch.Persons.Add(p);
        batch.NameKeys.AddRange(PersonRules.NameKeyRows(p));
        batch.MatchKeys.AddRange(DuplicateKeys.Rows(p));
        batch.Statuses.AddRange(u.Steps.Select(s => new LegalStatus
        {
            PersonId = p.Id,
            PopulationTypeCode = s.Type,
            PopulationSubTypeCode = s.Sub,
            Ceased = s.Ceased,
            EffectiveFrom = s.From,
            Basis = s.Basis,
            RecordedAt = At(s.From),
            RecordedBy = RecordedBy,
        }));
        Documents(batch, u, m, p.Id);
        Needs(batch, u, m, p.Id);
        return p;
    }

    /// <summary>
    /// Someone registered before comes again to another organisation: often in the other script, the date of
    /// birth guessed or written day-first, the patronymic left out, now and then given and family names swapped.
    /// </summary>
    private int Duplicate(SyntheticBatch batch, DateOnly on)
    {
        var (original, from, member) = sources[rng.Next(sources.Count)];
        var variations = new List<string>();
        var (given, family, patronymic) = (original.GivenName, original.FamilyName, original.Patronymic);
        if (P(0.6))
        {
            var cyrillic = (given + family).Any(c => c is >= '\u0400' and <= '\u04FF');
            string Flip(string n) => cyrillic ? NameScripts.ToLatin(n) : NameScripts.ToCyrillic(n);
            (given, family, patronymic) = (Flip(given), Flip(family), Flip(patronymic));
            variations.Add("other script");
        }
        if (patronymic.Length > 0 && P(0.5))
        {
            patronymic = "";
            variations.Add("patronymic dropped");
        }
        if (P(0.1))
        {
            (given, family) = (family, given);
            variations.Add("given and family names swapped");
        }
        var (born, precision) = (member.Born, member.Precision);
        var r = U();
        if (r < 0.25 && precision != DatePrecision.Unknown)
        {
            (born, precision) = (new DateOnly(born.Year, 1, 1), DatePrecision.Year);
            variations.Add("date of birth guessed as 1 January");
        }
        else if (r < 0.40 && precision == DatePrecision.Exact && born.Day <= 12 && born.Day != born.Month)
        {
            born = new DateOnly(born.Year, born.Day, born.Month);
            variations.Add("day and month swapped");
        }
        else if (r < 0.50 && precision != DatePrecision.Unknown)
        {
            born = born.AddYears(P(0.5) ? 1 : -1);
            variations.Add("year of birth one apart");
        }
        else if (r < 0.56)
        {
            precision = DatePrecision.Unknown;
            variations.Add("date of birth unknown");
        }
        var org = from.Op == "KAZ" ? Pick(new[] { "UNHCR-KAZ-MCO", "UNHCR-KAZ-AST", "BHR", "KRCS", "SANA-SEZIM" }.Where(o => o != from.Org).ToArray()) : from.Org;
        var inForce = from.Steps.LastOrDefault(s => s.From <= on && s.Type is not null) ?? from.Steps[0];
        var u = new Unit
        {
            Op = from.Op,
            Org = org,
            Pool = from.Pool,
            On = on,
            Origin = from.Origin,
            Nationality = from.Nationality,
            Region = from.Region,
            City = from.City,
            Office = from.Office,
            Address = P(0.5) ? from.Address : $"ул. {Pick(StreetsKaz).Replace('_', ' ')}, д. {R(1, 250)}",
            Ethnicity = from.Ethnicity,
            Languages = from.Languages,
            Steps = [new Step(on, inForce.Type, inForce.Sub, $"Registered again on presentation of documents, {from.Office}")],
        };
        var again = new Member
        {
            Given = given,
            Family = family,
            Patronymic = patronymic,
            Sex = member.Sex,
            Born = born,
            Precision = precision,
            Rel = Relationship.FocalPoint,
            Marital = member.Marital,
            Phone = member.Phone.Length > 0 && P(0.4) ? member.Phone : P(0.5) ? Phone(from.Op) : "",
        };
        if (member.Passport is { } passport && P(0.6))
        {
            // Typed again by hand: a space or a dash in it must not hide the match.
            again.Passport = P(0.5) ? passport.Insert(2, " ") : passport;
            variations.Add("same passport");
        }
        if (again.Phone == member.Phone && again.Phone.Length > 0)
            variations.Add("same phone");
        u.Members.Add(again);
        Emit(batch, u, mayBeDuplicated: false);
        Planted.Add(new PlantedDuplicate(original.Id, batch.Persons[^1].Id, variations.Count == 0 ? "same details" : string.Join(", ", variations)));
        return 1;
    }

    /// <summary>A family name of the pool's list, or of the long tail formed from a given name the way the people forms it.</summary>
    private string FamilyEntry(NamePool pool)
    {
        if (pool == Korean || P(0.5))
            return Common(pool.Family);
        var root = Pick(pool.Male);
        if (pool.Style == NameStyle.None)
        {
            if (root.Split('/') is not [var latin, var cyrillic])
                return root; // Somali and Pakistani families carry the father's or grandfather's name
            var vowel = "aeiou".Contains(latin[^1]);
            return pool.Key switch
            {
                "ARB" => $"Al-{latin}/Аль-{cyrillic}",
                "IRN" => P(0.5) ? $"{latin}zadeh/{cyrillic}заде" : vowel ? $"{latin}n/{cyrillic}н" : $"{latin}i/{cyrillic}и",
                _ => vowel || P(0.25) ? $"{latin}zai/{cyrillic}зай" : $"{latin}i/{cyrillic}и",
            };
        }
        return pool.Style switch
        {
            NameStyle.Ukrainian => P(0.3) && !IsVowelOrSoft(root[^1]) ? root + "чук" : Enko(root),
            NameStyle.Kazakh when P(0.3) => (IsVowelOrSoft(root[^1]) ? root[..^1] : root) + "баев",
            NameStyle.Turkic when pool.Key == "TJK" && P(0.3) => root + "зода",
            _ => Ov(root),
        };
    }

    // Юрий → Юрьев, Сергей → Сергеев, Абдулла → Абдуллаев, Бахтиёр → Бахтиёров.
    private static string Ov(string root) => root[^1] switch
    {
        'й' when root.EndsWith("ий", StringComparison.Ordinal) => root[..^2] + "ьев",
        'й' or 'ь' => root[..^1] + "ев",
        _ when IsVowelOrSoft(root[^1]) => root + "ев",
        _ => root + "ов",
    };

    // Іван → Іваненко, Петро → Петренко, Андрій → Андрієнко.
    private static string Enko(string root) => root[^1] switch
    {
        'й' => root[..^1] + "єнко",
        'о' or 'а' or 'ь' => root[..^1] + "енко",
        _ => root + "енко",
    };

    private static bool IsVowelOrSoft(char c) => "аеёиоуыэюяәөұүіїєьй".Contains(c);

    /// <summary>Certificates of each status held, passports of some refugees and asylum-seekers, birth certificates of children.</summary>
    private void Documents(SyntheticBatch batch, Unit u, Member m, Guid personId)
    {
        var adult = Age(m.Born, today) >= 16;
        var authority = u.Op switch { "UZB" => "UNHCR Office in Uzbekistan", "TKM" => "State Migration Service of Turkmenistan", _ => $"Migration Service, {u.Office}" };
        if (adult)
        {
            StatusPaper(batch, u, personId, s => s.Type == "REF", "REFUGEE-CERT", 7, authority, u.Op == "KAZ" ? 365 : 730);
            if (u.Op == "KAZ")
                StatusPaper(batch, u, personId, s => s.Type == "ASY", "ASYLUM-SEEKER-CERT", 6, authority, 90);
        }
        if (adult || P(0.3))
        {
            StatusPaper(batch, u, personId, s => s.Sub == "STA-REC", u.Op == "KAZ" ? "STATELESS-CERT" : "RES-PERMIT-STATELESS", 9,
                u.Op == "TKM" ? authority : $"Ministry of Internal Affairs of {CountryName(u.Op)}", u.Op == "TKM" ? 1825 : 3650);
        }
        if (m.Passport is null && adult && u.Origin is { } origin && u.Steps.Any(s => s.Type is "REF" or "ASY") && P(0.35))
            m.Passport = origin switch { "AFG" => "P0", "SYR" => "N0", "UKR" => "FX", "RUS" => "75", "UZB" => "AA", "CHN" => "E", _ => "A" } + Serial("PASSPORT", 7);
        if (m.Passport is { } passport)
        {
            var validity = u.Origin is "AFG" or "SYR" or "IRQ" or "YEM" or "SOM" ? 1825 : 3650;
            // Valid when they registered: issued within the passport's validity before, once they were 16.
            var issued = Max(m.Born.AddYears(16), u.On.AddDays(-R(0, validity - 30)));
            Paper(batch, personId, "PASSPORT", passport, $"Passport authority of {CountryName(u.Origin ?? u.Op)}", issued, issued.AddDays(validity));
        }
        if (Age(m.Born, today) < 18 && P(0.5))
            Paper(batch, personId, "BIRTH-CERT", Serial("BIRTH", 7), $"Civil registry, {u.City}", Min(m.Born.AddDays(R(3, 40)), today), null);
    }

    /// <summary>The paper of a status: renewed while the status lasts (now and then lapsed), expired once it ended.</summary>
    private void StatusPaper(SyntheticBatch batch, Unit u, Guid personId, Func<Step, bool> kind, string type, int digits, string issuer, int validity)
    {
        var first = u.Steps.FindIndex(s => kind(s));
        if (first < 0)
            return;
        var last = u.Steps.FindLastIndex(s => kind(s));
        var since = u.Steps[first].From;
        DateOnly? ended = last < u.Steps.Count - 1 ? u.Steps[last + 1].From : null;
        var until = ended ?? today;
        var issued = since.AddDays((until.DayNumber - since.DayNumber) / validity * validity);
        var expires = issued.AddDays(validity);
        if (ended is null && P(0.07))
        {
            expires = today.AddDays(-R(1, 300));
            issued = expires.AddDays(-validity);
        }
        Paper(batch, personId, type, Serial(type, digits), issuer, issued, expires);
    }

    private static void Paper(SyntheticBatch batch, Guid personId, string type, string number, string issuer, DateOnly issued, DateOnly? expires) =>
        batch.Documents.Add(new PersonDocument
        {
            PersonId = personId,
            DocumentTypeCode = type,
            Number = number,
            NumberKey = PersonRules.DocumentKey(number),
            Issuer = issuer,
            IssuedOn = issued,
            ExpiresOn = expires,
        });

    private void Needs(SyntheticBatch batch, Unit u, Member m, Guid personId)
    {
        var age = Age(m.Born, u.On);
        var refugee = u.Steps.Any(s => s.Type is "REF" or "ASY");
        var mother = m.Rel == Relationship.FocalPoint && m.Sex == Sex.Female && u.Members.Count > 1;
        var chances = new (string Code, double Chance)[]
        {
            ("SP", mother ? 0.8 : 0), ("WR", mother ? 0.5 : m.Sex == Sex.Female && age >= 18 && u.Members.Count == 1 ? 0.2 : 0),
            ("ER", age >= 60 ? 0.3 : 0), ("CR", age < 18 ? 0.03 : 0), ("SM", 0.05), ("DS", 0.025),
            ("TR", refugee && age >= 18 ? 0.04 : 0), ("FU", refugee && age >= 18 ? 0.03 : 0), ("LP", u.Steps[^1].Type == "ASY" ? 0.08 : 0.01),
        };
        foreach (var (code, chance) in chances)
        {
            if (chance == 0 || !P(chance))
                continue;
            var identified = u.On.AddDays(R(0, Math.Max(0, Math.Min(1095, today.DayNumber - u.On.DayNumber))));
            var resolved = identified.AddDays(R(60, 900));
            batch.Needs.Add(new SpecificNeed
            {
                PersonId = personId,
                CategoryCode = code,
                IdentifiedOn = identified,
                ResolvedOn = P(0.25) && resolved <= today ? resolved : null,
                Notes = Pick(NeedNotes[code]),
            });
        }
    }

    private string HouseholdNumber(string op, DateOnly on)
    {
        var prefix = setting.Prefixes[op];
        return $"{prefix}-{on:yy}-H{Next($"{prefix}-{on:yy}-H").ToString("00000", CultureInfo.InvariantCulture)}";
    }

    private string PersonNumber(string op, DateOnly on)
    {
        var prefix = setting.Prefixes[op];
        return $"{prefix}-{on:yy}-{Next($"{prefix}-{on:yy}").ToString("000000", CultureInfo.InvariantCulture)}";
    }

    private int Next(string counter) => setting.LastNumbers[counter] = setting.LastNumbers.GetValueOrDefault(counter) + 1;

    /// <summary>Document numbers that rise irregularly from a random start, so no two people share one by chance.</summary>
    private string Serial(string kind, int digits)
    {
        var next = serials[kind] = serials.GetValueOrDefault(kind, R(1000, 9000) * (long)Math.Pow(10, digits - 5)) + R(1, 9);
        return next.ToString(new string('0', digits), CultureInfo.InvariantCulture);
    }
}
