using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>A person as the matcher sees them: names as written, in any script; document keys and phone digits as stored.</summary>
public sealed record MatchRecord(Guid Id, string GivenName, string FamilyName, string? Patronymic, Sex Sex, DateOnly? BirthDate,
    DatePrecision BirthDatePrecision, string? OriginCode, IReadOnlyList<string> DocumentKeys, string? PhoneDigits, IReadOnlyList<string> HouseholdGivenNames)
{
    // Folded on the first comparison and kept with the record, not in a table beside it: an import folds hundreds of
    // thousands, and a ConditionalWeakTable took a lock on each addition and gave the GC a dependent handle to trace for each.
    private MatchForm? form;

    // A copy made by `with` changes some field, so it folds again rather than inherit this record's form.
    private MatchRecord(MatchRecord original)
    {
        (Id, GivenName, FamilyName, Patronymic, Sex, BirthDate, BirthDatePrecision) =
            (original.Id, original.GivenName, original.FamilyName, original.Patronymic, original.Sex, original.BirthDate, original.BirthDatePrecision);
        (OriginCode, DocumentKeys, PhoneDigits, HouseholdGivenNames) = (original.OriginCode, original.DocumentKeys, original.PhoneDigits, original.HouseholdGivenNames);
    }

    // Two threads may fold one record at once; both forms are equal and either may stay.
    internal MatchForm Form => form ??= MatchForm.Of(this);

    // Equal by the person's fields, whether or not either has been folded yet.
    public bool Equals(MatchRecord? other) =>
        other is not null && Id == other.Id && GivenName == other.GivenName && FamilyName == other.FamilyName && Patronymic == other.Patronymic
        && Sex == other.Sex && BirthDate == other.BirthDate && BirthDatePrecision == other.BirthDatePrecision && OriginCode == other.OriginCode
        && DocumentKeys.Equals(other.DocumentKeys) && PhoneDigits == other.PhoneDigits && HouseholdGivenNames.Equals(other.HouseholdGivenNames);

    public override int GetHashCode() => HashCode.Combine(Id, GivenName, FamilyName, Patronymic, Sex, BirthDate, OriginCode, PhoneDigits);
}

/// <summary>How sure the matcher is that two records are one person.</summary>
public enum MatchLevel { None, Possible, Probable, Certain }

/// <summary>One thing that agreed or disagreed; Text is an English sentence and the key the UI localises.</summary>
public sealed record MatchReason(string Text, bool Agrees);

/// <summary>The score (a sum of log2 likelihood ratios), its level, and why.</summary>
public sealed record MatchResult(double Score, MatchLevel Level, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// The scores from which a pair is possible, probable and certain. The defaults were chosen on the generated evaluation
/// set (bench: quality), a registry of about 6,700 records. In a larger registry more strangers share a name and a year
/// of birth, so the prior odds that two records are one person fall with its size: each doubling asks one more bit.
/// </summary>
public sealed record MatchThresholds(double Possible, double Probable, double Certain)
{
    /// <summary>Records in the evaluation set the defaults were chosen on.</summary>
    public const int CalibratedRecords = 6_700;

    public static readonly MatchThresholds Default = new(3, 8.5, 12);

    /// <summary>Thresholds for a registry of this many records; never below the defaults.</summary>
    public static MatchThresholds ForRegistryOf(long records)
    {
        var shift = Math.Max(0, Math.Log2((double)records / CalibratedRecords));
        return new MatchThresholds(Default.Possible + shift, Default.Probable + shift, Default.Certain + shift);
    }

    public MatchLevel LevelOf(double score) =>
        score >= Certain ? MatchLevel.Certain : score >= Probable ? MatchLevel.Probable : score >= Possible ? MatchLevel.Possible : MatchLevel.None;
}

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
    /// <summary>Compares two records, levels by the default thresholds.</summary>
    public static MatchResult Compare(MatchRecord a, MatchRecord b) => Compare(a, b, MatchThresholds.Default);

    /// <summary>Compares two records, levels by the given thresholds (<see cref="MatchThresholds.ForRegistryOf"/> for a large registry).</summary>
    public static MatchResult Compare(MatchRecord a, MatchRecord b, MatchThresholds thresholds) => Compare(a.Form, b.Form, thresholds);

    /// <summary>Compares two folded records (the batch run folds each person once, without a <see cref="MatchRecord"/>).</summary>
    internal static MatchResult Compare(MatchForm a, MatchForm b, MatchThresholds thresholds)
    {
        Span<Reason> found = stackalloc Reason[32];
        var count = 0;
        var score = Math.Round(Score(a, b, found, ref count), 2);
        var reasons = new MatchReason[count];
        for (var i = 0; i < count; i++)
            reasons[i] = MatchReasons.Of(found[i]);
        return new MatchResult(score, thresholds.LevelOf(score), reasons);
    }

    /// <summary>The score alone, without reasons and without allocating: for batch runs that keep only likely pairs.</summary>
    public static double Score(MatchRecord a, MatchRecord b) => Score(a.Form, b.Form);

    /// <summary>The score of two folded records, without reasons.</summary>
    internal static double Score(MatchForm a, MatchForm b)
    {
        var none = 0;
        return Score(a, b, [], ref none);
    }

    private const double SharedDocument = 16;

    /// <summary>
    /// Whether two records may reach the possible level once documents and households are known, from what they score
    /// without them (a without household, b without documents nor household): a shared document adds 16, a household at
    /// most 4, and the household's undoing a different phone 1. Lets a caller pass over a stranger without reading more.
    /// </summary>
    public static bool MayBePossible(MatchRecord withoutHousehold, MatchRecord bare, bool shareDocument) =>
        MayReach(withoutHousehold, bare, shareDocument, MatchThresholds.Default.Possible);

    /// <summary>As <see cref="MayBePossible"/>, for any score: an import held back only by a likely match reads more only of those who may reach it.</summary>
    public static bool MayReach(MatchRecord withoutHousehold, MatchRecord bare, bool shareDocument, double score) =>
        Math.Round(Score(withoutHousehold, bare) + 5 + (shareDocument ? SharedDocument : 0), 2) >= score;

    // The most a phone (5) and a household (4) can add to a score, and a hair for rounding.
    private const double MostFromPhoneAndHousehold = 9.01;

    // The most the names (4.5 + 5) and a patronymic (2.5) add besides.
    private const double MostFromNamesAndFamily = 4.5 + 5 + 2.5 + MostFromPhoneAndHousehold;

    // The most sex (0.6) and origin (0.7) add besides.
    private const double MostBesideDatesAndDocuments = MostFromNamesAndFamily + 0.6 + 0.7;

    /// <summary>
    /// Whether two folded records may reach a score, from their cheap fields alone (birth dates, sex, origin, documents)
    /// and the most the rest can add: lets the batch run pass over strangers born years apart without comparing names.
    /// </summary>
    internal static bool MayReach(MatchForm a, MatchForm b, double score) =>
        BirthDates.Compare(a.Birth, b.Birth).Weight + SexOriginAndDocuments(a, b) + MostFromNamesAndFamily >= score;

    /// <summary>
    /// Whether two people who share no document may reach a score, knowing only their years of birth: lets an import pass
    /// over namesakes born decades apart without reading them, where a row is held back only at a high level.
    /// </summary>
    public static bool MayReach(int yearA, int yearB, double score) => BirthDates.MostFor(yearA, yearB) + MostBesideDatesAndDocuments >= score;

    private static double SexOriginAndDocuments(MatchForm a, MatchForm b) =>
        SexWeight(a, b) + OriginWeight(a, b) + (Shares(a.Documents, b.Documents) ? SharedDocument : 0);

    private static double SexWeight(MatchForm a, MatchForm b) => a.Sex == Sex.Unknown || b.Sex == Sex.Unknown ? 0 : a.Sex == b.Sex ? 0.6 : -6;

    private static double OriginWeight(MatchForm a, MatchForm b) =>
        a.Origin is null || b.Origin is null ? 0 : string.Equals(a.Origin, b.Origin, StringComparison.Ordinal) ? 0.7 : -2.5;

    /// <summary>The level of a score by the default thresholds.</summary>
    public static MatchLevel LevelOf(double score) => MatchThresholds.Default.LevelOf(score);

    /// <summary>
    /// Blocking keys: two records are compared only when they share one. A true pair shares at least one: both name
    /// keys in either order; one name with the first sounds of the other (a typo and a wrong year together); family or
    /// given name with the year of birth (a typo in the other name); the coarse consonant skeletons of both names (vowel
    /// typos, G for H); a document number; a phone. Keys stay small: the largest block of the 20,000-person evaluation
    /// set holds about 200 records; in a registry of millions the keys of the commonest names grow past the batch's limit
    /// and only the keys with a year or a number keep those names in reach.
    /// </summary>
    public static IReadOnlyList<string> BlockingKeys(MatchRecord r) => BlockingKeys(r.Form);

    /// <summary>The blocking keys of a folded record.</summary>
    internal static IReadOnlyList<string> BlockingKeys(MatchForm f)
    {
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

    /// <summary>
    /// The score of two folded records, or some score below <paramref name="floor"/> as soon as what is left to compare
    /// (phone and household, the slowest part) cannot lift it there: for batch runs that keep only likely pairs.
    /// </summary>
    internal static double Score(MatchForm a, MatchForm b, double floor)
    {
        var none = 0;
        return Score(a, b, [], ref none, floor);
    }

    private static double Score(MatchForm a, MatchForm b, Span<Reason> found, ref int count, double floor = double.NegativeInfinity)
    {
        var (score, given, swapped) = Names(a, b, found, ref count);
        score += Patronymics(a, b, given, found, ref count);
        var (dateWeight, dateReason) = BirthDates.Compare(a.Birth, b.Birth);
        score += dateWeight;
        Note(found, ref count, dateReason);
        var most = score + SexOriginAndDocuments(a, b) + MostFromPhoneAndHousehold;
        if (most < floor)
            return most;
        score += Context(a, b, given, swapped, found, ref count);
        return score;
    }

    // Names in the written order and swapped; the better reading counts. Returns how well the given names agree (read
    // swapped, either part may be the given name, so the worse of the two) and whether the reading is swapped.
    private static (double, NameAgreement, bool) Names(MatchForm a, MatchForm b, Span<Reason> found, ref int count)
    {
        var given = NameForms.Compare(a.Given, b.Given);
        var family = NameForms.Compare(a.Family, b.Family);
        var weight = GivenWeight(given, a.Given.Common && b.Given.Common) + FamilyWeight(family, a.Family.Common && b.Family.Common);
        var swapped = false;
        if (given < NameAgreement.Contained || family < NameAgreement.Contained)
        {
            var swappedGiven = NameForms.Compare(a.Given, b.FamilyAsGiven);
            var swappedFamily = NameForms.Compare(a.Family, b.GivenAsFamily);
            var swappedWeight = GivenWeight(swappedGiven, a.Given.Common && b.FamilyAsGiven.Common)
                + FamilyWeight(swappedFamily, a.Family.Common && b.GivenAsFamily.Common) - 1;
            if (swappedWeight > weight)
                (given, family, weight, swapped) = (swappedGiven, swappedFamily, swappedWeight, true);
        }
        if (given >= NameAgreement.Contained && family >= NameAgreement.Contained)
        {
            Note(found, ref count, swapped ? Reason.NamesAgreeSwapped : Reason.NamesAgree);
            return (weight, swapped && family < given ? family : given, swapped);
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
        return (weight, swapped && family < given ? family : given, swapped);
    }

    // Sharing a given name is worth less when it is Mohammad or Fatima; a different given name all but rules a match out.
    private static double GivenWeight(NameAgreement agreement, bool common) => agreement switch
    {
        NameAgreement.Exact => common ? 2 : 4.5,
        NameAgreement.Contained => common ? 1.5 : 3.5,
        NameAgreement.Fuzzy => common ? 1.5 : 2.5,
        NameAgreement.Weak => -0.5,
        NameAgreement.Disagree => -10,
        _ => 0,
    };

    // Family names change more (marriage, a dropped particle), so a different one weighs less than a different given name.
    private static double FamilyWeight(NameAgreement agreement, bool common) => agreement switch
    {
        NameAgreement.Exact => common ? 3 : 5,
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
        if (Math.Min(x.Length, y.Length) >= 5 && NameSimilarity.WithinOneEdit(x, y))
        {
            Note(found, ref count, Reason.PatronymicSimilar);
            return 0.5;
        }
        // Similar names of two fathers (Farhod, Farrukh) are more often two fathers than a slip.
        if (NameSimilarity.JaroWinkler(x, y) >= 0.85)
        {
            Note(found, ref count, Reason.PatronymicsDiffer);
            return -2;
        }
        // A son named after his father: his patronymic is the given name both records share.
        var sharedGiven = given >= NameAgreement.Fuzzy ? MatchForm.Principal(a.Given)?.Key : null;
        Note(found, ref count, sharedGiven is not null && (sharedGiven == x || sharedGiven == y) ? Reason.FatherAndSon : Reason.PatronymicsDiffer);
        return -6;
    }

    // Sex, origin, documents, phone and household. Phone and household are shared by relatives, so they count
    // for a match only when the given names agree; and a household that holds someone of this given name is a sibling's.
    private static double Context(MatchForm a, MatchForm b, NameAgreement given, bool swapped, Span<Reason> found, ref int count)
    {
        var score = SexWeight(a, b) + OriginWeight(a, b);
        if (a.Sex != Sex.Unknown && b.Sex != Sex.Unknown)
            Note(found, ref count, a.Sex == b.Sex ? Reason.SameSex : Reason.SexDiffers);
        if (a.Origin is not null && b.Origin is not null)
            Note(found, ref count, string.Equals(a.Origin, b.Origin, StringComparison.Ordinal) ? Reason.SameOrigin : Reason.OriginsDiffer);
        if (Shares(a.Documents, b.Documents))
        {
            score += SharedDocument;
            Note(found, ref count, Reason.SameDocument);
        }
        // The other's household has someone of this given name. When the given names differ, even by a letter, that
        // someone is a sibling or twin, unless the name is also in the person's own household: a father and the son
        // named after him, where a typo in one record points at the other. Read swapped, either part may be the given name.
        var aInB = LivesWith(a.Given, b) || swapped && LivesWith(a.FamilyAsGiven, b);
        var bInA = LivesWith(b.Given, a) || swapped && LivesWith(b.FamilyAsGiven, a);
        var sibling = aInB && !(LivesWith(a.Given, a) || swapped && LivesWith(a.FamilyAsGiven, a))
            || bInA && !(LivesWith(b.Given, b) || swapped && LivesWith(b.FamilyAsGiven, b));
        if (given < NameAgreement.Contained && sibling)
        {
            Note(found, ref count, Reason.HouseholdMemberBearsName);
            return score - 8;
        }
        var (household, householdReason) = given >= NameAgreement.Weak ? Households(a.Household, b.Household) : (0, Reason.None);
        // With the given names agreeing, that someone is a father and the son named after him, or the person himself:
        // in one household, phone and household are the household's, not the person's, and say nothing.
        if ((aInB || bInA) && household >= 0)
        {
            Note(found, ref count, Reason.HouseholdMemberBearsName);
            return score - 1;
        }
        if (a.HasPhone && b.HasPhone)
        {
            // People change numbers, so a different phone is weak evidence; the same one is strong unless a relative's.
            var same = a.SamePhone(b);
            score += same ? given >= NameAgreement.Fuzzy ? 5 : 1 : -1;
            Note(found, ref count, same ? Reason.SamePhone : Reason.PhonesDiffer);
        }
        Note(found, ref count, householdReason);
        return score + household;
    }

    // One person registered twice lists the same family, give or take a member; two people of one name list different ones.
    private static (double, Reason) Households(NameForm[] a, NameForm[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return (0, Reason.None);
        var shared = SharedMembers(a, b);
        var (smaller, larger) = (Math.Min(a.Length, b.Length), Math.Max(a.Length, b.Length));
        return shared >= 2 && shared >= larger - 1 ? (4, Reason.HouseholdAgrees)
            : shared == 1 && larger <= 2 ? (larger == 1 ? 2 : 1, Reason.HouseholdAgrees)
            : 2 * shared <= smaller ? (smaller >= 2 ? -4.5 : -1.5, Reason.HouseholdDiffers)
            : (0, Reason.None);
    }

    // The other's household has a member bearing this given name.
    private static bool LivesWith(NameForm given, MatchForm other)
    {
        if (other.Household.Length == 0 || MatchForm.Principal(given) is not { } name)
            return false;
        foreach (var member in other.Household)
        {
            if (NameForms.Same(name, member.Lead))
                return true;
        }
        return false;
    }

    // Members of one household in both lists: the same name first, then a spelling apart, each member counted once.
    private static int SharedMembers(NameForm[] x, NameForm[] y)
    {
        var shared = 0;
        ulong usedX = 0, usedY = 0;
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < x.Length && i < 64; i++)
            {
                for (var j = 0; j < y.Length && j < 64 && (usedX & (1UL << i)) == 0; j++)
                {
                    if ((usedY & (1UL << j)) != 0 || !(pass == 0 ? NameForms.Same(x[i].Lead, y[j].Lead) : NameForms.Tier(x[i].Lead, y[j].Lead) >= 2))
                        continue;
                    usedX |= 1UL << i;
                    usedY |= 1UL << j;
                    shared++;
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
        var coarse = NameLetters.Coarse(key);
        return coarse.Length <= 2 ? coarse : coarse[..2];
    }

    // The first four consonant classes of a key's coarse form: Rahimi and Ragimi, Seitkali and Seytqaly meet.
    private static string Skeleton(string key)
    {
        var coarse = NameLetters.Coarse(key);
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
