using Pana.Data.Registry;

namespace Pana.Features.Matching.Evaluation;

/// <summary>Registrations of the evaluation set's people: the first one, and the ones another partner made later.</summary>
internal sealed partial class EvaluationBuilder
{
    // Letters people mistype one for another, in each script.
    private static readonly Dictionary<char, string> LatinSlips = new()
    {
        ['a'] = "eo",
        ['e'] = "ia",
        ['i'] = "ye",
        ['o'] = "ua",
        ['u'] = "oy",
        ['y'] = "ie",
        ['s'] = "zc",
        ['z'] = "s",
        ['k'] = "qc",
        ['q'] = "k",
        ['n'] = "m",
        ['m'] = "n",
        ['l'] = "r",
        ['r'] = "l",
        ['d'] = "t",
        ['t'] = "d",
        ['b'] = "p",
        ['p'] = "b",
        ['v'] = "w",
        ['w'] = "v",
        ['g'] = "h",
        ['h'] = "g",
        ['f'] = "v",
        ['j'] = "zg",
        ['c'] = "k",
        ['x'] = "h",
    };

    private static readonly Dictionary<char, string> CyrillicSlips = new()
    {
        ['а'] = "оя",
        ['о'] = "а",
        ['е'] = "иэ",
        ['и'] = "еы",
        ['ы'] = "и",
        ['у'] = "ю",
        ['ю'] = "у",
        ['я'] = "а",
        ['с'] = "з",
        ['з'] = "с",
        ['к'] = "хг",
        ['х'] = "к",
        ['г'] = "к",
        ['н'] = "м",
        ['м'] = "н",
        ['т'] = "д",
        ['д'] = "т",
        ['б'] = "п",
        ['п'] = "б",
        ['в'] = "ф",
        ['ф'] = "в",
        ['л'] = "р",
        ['р'] = "л",
        ['ж'] = "ш",
        ['ш'] = "щж",
        ['щ'] = "ш",
        ['ч'] = "ц",
        ['ц'] = "ч",
        ['й'] = "и",
        ['ә'] = "а",
        ['ұ'] = "у",
        ['қ'] = "к",
        ['і'] = "и",
    };

    /// <summary>The person's first registration and, for about 30% of people, one or two more by another partner.</summary>
    public List<(MatchRecord Record, string Variation)> Registrations(EvaluationPerson p)
    {
        var h = p.Household;
        var list = new List<(MatchRecord, string)> { (Draft(p, h.Latin, h.System, variant: false).Record(NewId()), "") };
        var more = P(0.30) ? P(0.12) ? 2 : 1 : 0;
        for (var i = 0; i < more; i++)
            list.Add(Variant(p));
        return list;
    }

    private (MatchRecord, string) Variant(EvaluationPerson p)
    {
        var h = p.Household;
        var notes = new List<string>();
        var latin = P(0.55) ? !h.Latin : h.Latin;
        var system = latin ? System(h.Pool, first: false) : LatinSystem.Icao;
        if (latin != h.Latin)
            notes.Add(latin ? "written in Latin" : "written in Cyrillic");
        else if (latin && system != h.System)
            notes.Add("another transliteration");
        var d = Draft(p, latin, system, variant: true);
        // What a second partner records about phone, documents and household differs from the first.
        d.Phone = p.Phone.Length > 0 ? Weighted((p.Phone, 55), (Phone(h.Pool), 15), ("", 30)) : P(0.2) ? Phone(h.Pool) : "";
        d.Documents = p.Document.Length > 0 ? Weighted((new List<string> { p.Document }, 30), ([NewDocument()], 40), ([], 30)) : P(0.3) ? [NewDocument()] : [];
        if (P(0.35))
            d.Household = [];
        var errors = Weighted((0, 25), (1, 45), (2, 22), (3, 8));
        for (var tries = 0; notes.Count(n => !n.StartsWith("written", StringComparison.Ordinal) && n != "another transliteration") < errors && tries < 20; tries++)
        {
            if (Err(d, p) is { } note && !notes.Contains(note))
                notes.Add(note);
        }
        return (d.Record(NewId()), string.Join(", ", notes));
    }

    // One error of the kinds registries make; null when it does not apply to this record.
    private string? Err(RegistrationDraft d, EvaluationPerson p)
    {
        var kind = Weighted(("1 January", 3), ("year only", 2), ("month only", 0.7), ("day/month swapped", 2), ("year off by one", 2), ("day typo", 0.7),
            ("names swapped", 1.5), ("patronymic dropped", 2), ("typo", 3), ("compound shortened", 1.5), ("Mohammad added", 0.6), ("sex unknown", 0.3),
            ("origin missing", 0.5), ("origin differs", 0.3));
        switch (kind)
        {
            case "1 January" when d.Born is { } b && d.Precision == DatePrecision.Exact && !(b.Month == 1 && b.Day == 1):
                d.Born = new DateOnly(b.Year, 1, 1);
                return kind;
            case "year only" when d.Born is { } b && d.Precision is DatePrecision.Exact or DatePrecision.Month:
                (d.Born, d.Precision) = (new DateOnly(b.Year, 1, 1), DatePrecision.Year);
                return kind;
            case "month only" when d.Born is { } b && d.Precision == DatePrecision.Exact:
                (d.Born, d.Precision) = (new DateOnly(b.Year, b.Month, 1), DatePrecision.Month);
                return kind;
            case "day/month swapped" when d.Born is { } b && d.Precision == DatePrecision.Exact && b.Day <= 12 && b.Day != b.Month:
                d.Born = new DateOnly(b.Year, b.Day, b.Month);
                return kind;
            case "year off by one" when d.Born is { } b:
                d.Born = new DateOnly(b.Year + (P(0.5) ? 1 : -1), b.Month, b.Month == 2 ? Math.Min(b.Day, 28) : b.Day);
                return kind;
            case "day typo" when d.Born is { } b && d.Precision == DatePrecision.Exact:
                d.Born = new DateOnly(b.Year, b.Month, Math.Clamp(b.Day + Pick(new[] { -10, -2, -1, 1, 2, 10 }), 1, 28));
                return kind;
            case "names swapped":
                (d.Given, d.Family) = (d.Family, d.Given);
                return kind;
            case "patronymic dropped" when d.Patronymic is not null:
                d.Patronymic = null;
                return kind;
            case "typo":
                var part = d.Patronymic is not null && P(0.1) ? 2 : P(0.5) ? 0 : 1;
                if (part == 0)
                    d.Given = Typo(d.Given);
                else if (part == 1)
                    d.Family = Typo(d.Family);
                else
                    d.Patronymic = Typo(d.Patronymic!);
                return kind;
            case "compound shortened" when d.Given.Contains(' '):
                var words = d.Given.Split(' ');
                d.Given = words[0].StartsWith("Abd", StringComparison.Ordinal) || words[0].StartsWith("Абд", StringComparison.Ordinal) ? string.Concat(words) : words[^1];
                return kind;
            case "Mohammad added" when p.Pool.Key == "AFG" && p.Sex == Sex.Male && !d.Given.Contains(' ') && !d.Given.StartsWith('M') && !d.Given.StartsWith('М'):
                d.Given = (d.Given.Any(char.IsAsciiLetter) ? "Mohammad " : "Мохаммад ") + d.Given;
                return kind;
            case "sex unknown":
                d.Sex = Sex.Unknown;
                return kind;
            case "origin missing" when d.Origin is not null:
                d.Origin = null;
                return kind;
            case "origin differs" when d.Origin is not null && p.Pool.Origins.Any(o => o != d.Origin):
                d.Origin = p.Pool.Origins.First(o => o != d.Origin);
                return kind;
            default:
                return null;
        }
    }

    private RegistrationDraft Draft(EvaluationPerson p, bool latin, LatinSystem system, bool variant)
    {
        var style = p.Pool.Style;
        var (born, precision) = p.Known switch
        {
            DatePrecision.Exact => ((DateOnly?)p.Born, DatePrecision.Exact),
            // Only the year is known: one registrar keeps it as a year, another writes 1 January.
            DatePrecision.Year => (new DateOnly(p.Born.Year, 1, 1), P(0.5) ? DatePrecision.Year : DatePrecision.Exact),
            DatePrecision.Month => (new DateOnly(p.Born.Year, p.Born.Month, 1), DatePrecision.Month),
            _ => (null, DatePrecision.Unknown),
        };
        var patronymic = p.Patronymic.Length == 0 || latin && P(0.7) ? null : Write(p.Patronymic, latin, system);
        return new RegistrationDraft
        {
            Given = Write(p.Given, latin, system, variant ? -1 : latin ? p.LatinSpelling : p.CyrillicSpelling),
            Family = Write(p.Family, latin, system, variant ? -1 : 0, p.Sex == Sex.Female ? style : null),
            Patronymic = patronymic,
            Sex = p.Sex,
            Born = born,
            Precision = precision,
            Origin = p.Origin,
            Documents = p.Document.Length > 0 ? [p.Document] : [],
            Phone = p.Phone,
            Household = [.. p.Household.Members.Where(m => m != p).Select(m => Write(m.Given, latin, system, latin ? m.LatinSpelling : m.CyrillicSpelling))],
        };
    }

    // A name as one registration writes it; spelling -1 lets a second registrar choose another of the spellings in use.
    private string Write(EvaluationName name, bool latin, LatinSystem system, int spelling, NamingStyle? feminine = null)
    {
        if (name.IsCyrillicNative)
        {
            var cyrillic = feminine is { } style ? EvaluationNames.Feminine(style, name.Cyrillic[0]) : name.Cyrillic[0];
            return latin ? EvaluationScripts.ToLatin(cyrillic, system, rng) : cyrillic;
        }
        var spellings = latin ? name.Latin : name.Cyrillic;
        var index = spelling >= 0 ? spelling : P(0.5) ? 0 : R(0, spellings.Length - 1);
        return spellings[Math.Min(index, spellings.Length - 1)];
    }

    private string Write(string cyrillic, bool latin, LatinSystem system) => latin ? EvaluationScripts.ToLatin(cyrillic, system, rng) : cyrillic;

    // One slip of the hand: a similar letter, a letter dropped or doubled, two letters swapped; never the first letter.
    private string Typo(string s)
    {
        var letters = Enumerable.Range(1, Math.Max(0, s.Length - 1)).Where(i => char.IsLetter(s[i])).ToList();
        if (letters.Count < 2)
            return s;
        var i = Pick(letters);
        var c = char.ToLowerInvariant(s[i]);
        var slips = c < 128 ? LatinSlips : CyrillicSlips;
        return Weighted(("similar", 50), ("drop", 20), ("double", 15), ("swap", 15)) switch
        {
            "similar" when slips.TryGetValue(c, out var to) => s[..i] + to[R(0, to.Length - 1)] + s[(i + 1)..],
            "drop" => s.Remove(i, 1),
            "swap" when i + 1 < s.Length && char.IsLetter(s[i + 1]) && char.ToLowerInvariant(s[i + 1]) != c => s[..i] + s[i + 1] + s[i] + s[(i + 2)..],
            _ => s.Insert(i, s[i].ToString()),
        };
    }

    private string NewDocument() => $"{(char)('A' + R(0, 25))}{R(1000000, 9999999)}";

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>A registration being written, before it becomes a <see cref="MatchRecord"/>.</summary>
    private sealed class RegistrationDraft
    {
        public string Given = "", Family = "";
        public string? Patronymic, Origin;
        public Sex Sex;
        public DateOnly? Born;
        public DatePrecision Precision;
        public List<string> Documents = [];
        public string Phone = "";
        public List<string> Household = [];

        public MatchRecord Record(Guid id) => new(id, Given, Family, Patronymic, Sex, Born, Precision, Origin,
            [.. Documents.Select(x => x.ToUpperInvariant())], Phone.Length == 0 ? null : new string([.. Phone.Where(char.IsAsciiDigit)]), Household);
    }
}
