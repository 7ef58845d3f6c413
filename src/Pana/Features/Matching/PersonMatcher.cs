using System.Runtime.CompilerServices;
using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>A person as the matcher sees them: names as written, in any script; document keys and phone digits as stored.</summary>
public sealed record MatchRecord(Guid Id, string GivenName, string FamilyName, string? Patronymic, Sex Sex, DateOnly? BirthDate,
    DatePrecision BirthDatePrecision, string? OriginCode, IReadOnlyList<string> DocumentKeys, string? PhoneDigits, IReadOnlyList<string> HouseholdGivenNames);

/// <summary>How sure the matcher is that two records are one person.</summary>
public enum MatchLevel { None, Possible, Probable, Certain }

/// <summary>One thing that agreed or disagreed; Text is an English sentence and the key the UI localises.</summary>
public sealed record MatchReason(string Text, bool Agrees);

/// <summary>The score (a sum of log2 likelihood ratios), its level, and why.</summary>
public sealed record MatchResult(double Score, MatchLevel Level, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Says whether two registrations are the same person, Fellegi–Sunter style: each field's agreement adds its
/// log2 likelihood ratio (how much more often it happens for one person registered twice than for two people),
/// names compared in any script, order and transliteration, dates knowing how they are guessed and mistyped.
/// Evidence that relatives share (family name, phone, household, a twin's birth date) counts for a match only
/// when the given names agree too, so siblings, twins and a father and son stay apart. Pure and thread-safe;
/// each record is folded once and the folding cached for as long as the record lives.
/// </summary>
public static class PersonMatcher
{
    /// <summary>Level thresholds, chosen on the generated evaluation set (bench: quality).</summary>
    public const double CertainFrom = 14, ProbableFrom = 8, PossibleFrom = 3;

    private static readonly ConditionalWeakTable<MatchRecord, MatchForm> Forms = new();

    public static MatchResult Compare(MatchRecord a, MatchRecord b)
    {
        Span<Reason> found = stackalloc Reason[32];
        var count = 0;
        var score = Math.Round(Score(Form(a), Form(b), found, ref count), 2);
        var reasons = new MatchReason[count];
        for (var i = 0; i < count; i++)
            reasons[i] = MatchReasons.Of(found[i]);
        return new MatchResult(score, LevelOf(score), reasons);
    }

    /// <summary>The score alone, without reasons and without allocating: for batch runs that keep only likely pairs.</summary>
    public static double Score(MatchRecord a, MatchRecord b)
    {
        var none = 0;
        return Score(Form(a), Form(b), [], ref none);
    }

    public static MatchLevel LevelOf(double score) =>
        score >= CertainFrom ? MatchLevel.Certain : score >= ProbableFrom ? MatchLevel.Probable : score >= PossibleFrom ? MatchLevel.Possible : MatchLevel.None;

    /// <summary>
    /// Blocking keys: two records are compared only when they share one. A true pair shares at least one:
    /// both name keys in either order; family name or given name with the year of birth (a spelling error in the
    /// other); the coarse consonant skeleton of both names (vowel typos, G/H); a document number; a phone.
    /// </summary>
    public static IReadOnlyList<string> BlockingKeys(MatchRecord r)
    {
        var f = Form(r);
        var keys = new List<string>(10);
        // Both parts folded alike (as family names), so a record with given and family names swapped gets the same keys.
        var given = MatchForm.Principal(f.GivenAsFamily)?.Key;
        var family = MatchForm.Principal(f.Family)?.Key;
        if (given is not null && family is not null)
        {
            keys.Add(Pair("n:", given, family));
            // Uzbek Latin X read as KH (Raxim = Рахим) gives a second reading of the name.
            if (MatchForm.Principal(f.GivenAsFamily)?.Alt is { } givenAlt)
                keys.Add(Pair("n:", givenAlt, family));
            if (MatchForm.Principal(f.Family)?.Alt is { } familyAlt)
                keys.Add(Pair("n:", given, familyAlt));
            keys.Add(Pair("s:", Skeleton(given), Skeleton(family)));
            // A name with the first sounds of the other: a typo in one name and a wrong year together.
            keys.Add($"i:{given}|{Prefix(family)}");
            keys.Add($"i:{family}|{Prefix(given)}");
        }
        if (f.Birth.Kind != DateKind.None)
        {
            if (family is not null)
                keys.Add($"y:{family}:{f.Birth.Year}");
            if (given is not null && given != family)
                keys.Add($"y:{given}:{f.Birth.Year}");
        }
        foreach (var d in f.Documents)
            keys.Add("d:" + d);
        if (f.Phone is { Length: >= 7 } phone)
            keys.Add("p:" + phone);
        return keys;
    }

    private static MatchForm Form(MatchRecord r) => Forms.GetValue(r, MatchForm.Of);

    private static double Score(MatchForm a, MatchForm b, Span<Reason> found, ref int count)
    {
        var (score, given, bGiven) = Names(a, b, found, ref count);
        score += Patronymics(a, b, given, found, ref count);
        var (dateWeight, dateReason) = BirthDates.Compare(a.Birth, b.Birth);
        score += dateWeight;
        Note(found, ref count, dateReason);
        score += Context(a, b, given, bGiven, found, ref count);
        return score;
    }

    // Names in the written order and swapped; the better reading counts. Returns b's name parts as aligned with a's.
    private static (double, NameAgreement, NameForm) Names(MatchForm a, MatchForm b, Span<Reason> found, ref int count)
    {
        var given = NameForms.Compare(a.Given, b.Given);
        var family = NameForms.Compare(a.Family, b.Family);
        var weight = GivenWeight(given, a.Given.Common && b.Given.Common) + FamilyWeight(family, a.Family.Common && b.Family.Common);
        var bGiven = b.Given;
        var swapped = false;
        if (given < NameAgreement.Contained || family < NameAgreement.Contained)
        {
            var swappedGiven = NameForms.Compare(a.Given, b.FamilyAsGiven);
            var swappedFamily = NameForms.Compare(a.Family, b.GivenAsFamily);
            var swappedWeight = GivenWeight(swappedGiven, a.Given.Common && b.FamilyAsGiven.Common)
                + FamilyWeight(swappedFamily, a.Family.Common && b.GivenAsFamily.Common) - 1;
            if (swappedWeight > weight)
                (given, family, weight, bGiven, swapped) = (swappedGiven, swappedFamily, swappedWeight, b.FamilyAsGiven, true);
        }
        if (given >= NameAgreement.Contained && family >= NameAgreement.Contained)
        {
            Note(found, ref count, swapped ? Reason.NamesAgreeSwapped : Reason.NamesAgree);
            return (weight, given, bGiven);
        }
        if (swapped)
            Note(found, ref count, Reason.NamesSwapped);
        Note(found, ref count, given switch
        {
            NameAgreement.Exact => Reason.GivenAgrees,
            NameAgreement.Contained => Reason.GivenAgreesInPart,
            NameAgreement.Fuzzy => Reason.GivenAgreesSpelling,
            NameAgreement.Weak => Reason.GivenPartlySimilar,
            NameAgreement.Disagree => Reason.GivenDiffers,
            _ => Reason.None,
        });
        Note(found, ref count, family switch
        {
            NameAgreement.Exact => Reason.FamilyAgrees,
            NameAgreement.Contained => Reason.FamilyAgreesInPart,
            NameAgreement.Fuzzy => Reason.FamilyAgreesSpelling,
            NameAgreement.Weak => Reason.FamilyPartlySimilar,
            NameAgreement.Disagree => Reason.FamilyDiffers,
            _ => Reason.None,
        });
        return (weight, given, bGiven);
    }

    // Sharing a given name is worth less when it is Mohammad or Fatima; a different given name all but rules a match out.
    private static double GivenWeight(NameAgreement agreement, bool common) => agreement switch
    {
        NameAgreement.Exact => common ? 2 : 5,
        NameAgreement.Contained => common ? 1.5 : 3.5,
        NameAgreement.Fuzzy => common ? 1.5 : 2.5,
        NameAgreement.Weak => -0.5,
        NameAgreement.Disagree => -10,
        _ => 0,
    };

    // Family names change more (marriage, a dropped particle), so a different one weighs less than a different given name.
    private static double FamilyWeight(NameAgreement agreement, bool common) => agreement switch
    {
        NameAgreement.Exact => common ? 3 : 5.5,
        NameAgreement.Contained => common ? 2 : 3.5,
        NameAgreement.Fuzzy => 2.5,
        NameAgreement.Weak => -0.5,
        NameAgreement.Disagree => -7,
        _ => 0,
    };

    // A patronymic dropped on one side says nothing; two that differ say "another man's child".
    private static double Patronymics(MatchForm a, MatchForm b, NameAgreement given, Span<Reason> found, ref int count)
    {
        if (a.PatronymicRoot is not { } x || b.PatronymicRoot is not { } y)
            return 0;
        if (x == y)
        {
            Note(found, ref count, Reason.PatronymicAgrees);
            return 2.5;
        }
        // One letter off may be a typo in the father's name or another father (Nurlan, Nurzhan): a little either way.
        if (Math.Min(x.Length, y.Length) >= 5 && NameSimilarity.Distance(x, y, 1) <= 1)
        {
            Note(found, ref count, Reason.PatronymicSimilar);
            return 0.5;
        }
        if (NameSimilarity.JaroWinkler(x, y) >= 0.85)
            return 0;
        // A son named after his father: his patronymic is the given name both records share.
        var sharedGiven = given >= NameAgreement.Fuzzy ? MatchForm.Principal(a.Given)?.Key : null;
        Note(found, ref count, sharedGiven is not null && (sharedGiven == x || sharedGiven == y) ? Reason.FatherAndSon : Reason.PatronymicsDiffer);
        return -6;
    }

    // Sex, origin, documents, phone and household. Phone and household are shared by relatives, so they count
    // for a match only when the given names agree; and a household that holds someone of this given name is a sibling's.
    private static double Context(MatchForm a, MatchForm b, NameAgreement given, NameForm bGiven, Span<Reason> found, ref int count)
    {
        var score = 0.0;
        var givenAgrees = given >= NameAgreement.Fuzzy;
        if (a.Sex != Sex.Unknown && b.Sex != Sex.Unknown)
        {
            score += a.Sex == b.Sex ? 0.6 : -6;
            Note(found, ref count, a.Sex == b.Sex ? Reason.SameSex : Reason.SexDiffers);
        }
        if (a.Origin is not null && b.Origin is not null)
        {
            var same = string.Equals(a.Origin, b.Origin, StringComparison.Ordinal);
            score += same ? 0.7 : -2.5;
            Note(found, ref count, same ? Reason.SameOrigin : Reason.OriginsDiffer);
        }
        if (Shares(a.Documents, b.Documents))
        {
            score += 16;
            Note(found, ref count, Reason.SameDocument);
        }
        if (a.Phone is not null && b.Phone is not null)
        {
            // People change numbers, so a different phone is weak evidence; the same one is strong unless a relative's.
            var same = string.Equals(a.Phone, b.Phone, StringComparison.Ordinal);
            score += same ? givenAgrees ? 5 : 1 : -1;
            Note(found, ref count, same ? Reason.SamePhone : Reason.PhonesDiffer);
        }
        if (given < NameAgreement.Contained && (LivesWith(a.Given, b) || LivesWith(bGiven, a)))
        {
            Note(found, ref count, Reason.HouseholdMemberBearsName);
            return score - 8;
        }
        if (given >= NameAgreement.Weak && a.Household.Length > 0 && b.Household.Length > 0)
        {
            // One person registered twice lists the same family, give or take a member; two people of one name list different ones.
            var shared = SharedMembers(a.Household, b.Household);
            var (smaller, larger) = (Math.Min(a.Household.Length, b.Household.Length), Math.Max(a.Household.Length, b.Household.Length));
            var (weight, reason) = shared >= 2 && shared >= larger - 1 ? (4, Reason.HouseholdAgrees)
                : shared == 1 && larger <= 2 ? (larger == 1 ? 2 : 1, Reason.HouseholdAgrees)
                : 2 * shared < smaller ? (smaller >= 2 ? -4.5 : -1.5, Reason.HouseholdDiffers)
                : (0, Reason.None);
            score += weight;
            Note(found, ref count, reason);
        }
        return score;
    }

    // The other's household has a member bearing this given name: a sibling or a twin, not the same person.
    private static bool LivesWith(NameForm given, MatchForm other)
    {
        if (other.Household.Length == 0 || MatchForm.Principal(given) is not { } name)
            return false;
        foreach (var member in other.Household)
        {
            if (NameForms.Tier(name, member) == 3)
                return true;
        }
        return false;
    }

    private static int SharedMembers(NameToken[] x, NameToken[] y)
    {
        var shared = 0;
        var used = 0UL;
        foreach (var m in x)
        {
            for (var j = 0; j < y.Length && j < 64; j++)
            {
                if ((used & (1UL << j)) == 0 && NameForms.Tier(m, y[j]) >= 2)
                {
                    used |= 1UL << j;
                    shared++;
                    break;
                }
            }
        }
        return shared;
    }

    private static bool Shares(string[] x, string[] y)
    {
        foreach (var d in x)
        {
            if (Array.IndexOf(y, d) >= 0)
                return true;
        }
        return false;
    }

    private static void Note(Span<Reason> found, ref int count, Reason reason)
    {
        if (reason != Reason.None && count < found.Length)
            found[count++] = reason;
    }

    private static string Pair(string kind, string x, string y) => string.CompareOrdinal(x, y) <= 0 ? $"{kind}{x}|{y}" : $"{kind}{y}|{x}";

    private static string Prefix(string key)
    {
        var coarse = NameForms.Coarse(key);
        return coarse.Length <= 2 ? coarse : coarse[..2];
    }

    // The first four consonant classes of a key's coarse form: Rahimi and Ragimi, Seitkali and Seytqaly meet.
    private static string Skeleton(string key)
    {
        var coarse = NameForms.Coarse(key);
        Span<char> s = stackalloc char[4];
        var n = 0;
        foreach (var c in coarse)
        {
            if (n < 4 && c is not ('a' or 'e' or 'i' or 'o' or 'u'))
                s[n++] = c;
        }
        return n == 0 ? key : new string(s[..n]);
    }
}
