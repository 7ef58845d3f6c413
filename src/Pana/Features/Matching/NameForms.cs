using System.Collections.Concurrent;
using System.Text;
using Pana.Features.Registry.Names;

namespace Pana.Features.Matching;

/// <summary>How well two names, or the same part of two names, agree; ordered from worst to best.</summary>
internal enum NameAgreement { Missing, Disagree, Weak, Fuzzy, Contained, Exact }

/// <summary>
/// One word of a name: its canonical key, a second key where the spelling is ambiguous, a coarse phonetic form, and
/// the key before the variant table (so a typo in Олександр still meets Олександр, whose canonical key is Aleksandr's).
/// </summary>
internal readonly record struct NameToken(string Key, string? Alt, string Coarse, bool Generic, string Raw);

/// <summary>One part of a name (given or family) folded for comparison: its words and their keys joined.</summary>
internal sealed class NameForm(NameToken[] tokens, string joined, string spelled, bool common)
{
    public static readonly NameForm Empty = new([], "", "", false);

    public NameToken[] Tokens { get; } = tokens;

    /// <summary>The keys of all words run together, so Abdul Rahman meets Abdurrahman and Al-Hassan meets Alhassan.</summary>
    public string Joined { get; } = joined;

    /// <summary>The keys of all words run together with the particles a family name may carry (Al-Hassan = Alhassan).</summary>
    public string Spelled { get; } = spelled;

    /// <summary>All its distinctive words are among the region's most frequent names.</summary>
    public bool Common { get; } = common;

    /// <summary>
    /// The word that best stands for this part: the first one that is not a generic opener (Mohammad, Abdul, Ghulam);
    /// a field, so the matcher's inner loops read it in place. Default when the part is empty (<see cref="HasLead"/>).
    /// </summary>
    public readonly NameToken Lead = LeadOf(tokens);

    public bool HasLead => Tokens.Length > 0;

    /// <summary>The key of <see cref="Lead"/>.</summary>
    public string? Principal => HasLead ? Lead.Key : null;

    private static NameToken LeadOf(NameToken[] tokens)
    {
        foreach (var t in tokens)
        {
            if (!t.Generic)
                return t;
        }
        return tokens.Length == 0 ? default : tokens[0];
    }
}

/// <summary>
/// Folds names for the matcher on top of <see cref="NameScripts"/>: the 2021 Kazakh Latin letters it reads
/// differently, Ё written as E, the Uzbek Latin X, Arabic-origin variants, feminine family names and
/// patronymic endings; then says how well two folded names agree.
/// </summary>
internal static class NameForms
{
    // Family-name particles that one registration writes and another drops (Al-Hassan, ibn Saud).
    private static readonly string[] Particles = ["al", "el", "ul", "ad", "as", "ash", "at", "az", "ibn", "bin", "ben", "van", "fun"];

    // Patronymic endings, folded: -ович/-ovych, -евич, -овна, -евна, -івна, Kazakh -ұлы/-қызы, Uzbek -oʻgʻli/-qizi.
    private static readonly string[] PatronymicEndings = ["uvich", "avich", "ivich", "ichna", "uvna", "avna", "ivna", "vich", "vna", "kizi", "ugli", "uli", "ich", "na"];

    /// <summary>The key of a single spelling, before the variant table (used to build that table).</summary>
    public static string? RawKey(string spelling) => NameScripts.KeyOf(NameLetters.Prenormalise(spelling));

    // Names repeat across a registry far more than people do: each spelling is folded once. Bounded, so a stream of
    // unique strings cannot grow it without end; past the bound, forms are simply not kept.
    private const int CacheLimit = 500_000;
    private static readonly ConcurrentDictionary<string, NameForm> GivenForms = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, NameForm> FamilyForms = new(StringComparer.Ordinal);

    public static NameForm Given(string? name) => Cached(GivenForms, name, family: false);

    public static NameForm Family(string? name) => Cached(FamilyForms, name, family: true);

    private static NameForm Cached(ConcurrentDictionary<string, NameForm> cache, string? name, bool family)
    {
        if (string.IsNullOrWhiteSpace(name))
            return NameForm.Empty;
        if (cache.TryGetValue(name, out var form))
            return form;
        form = Form(name, family);
        if (cache.Count < CacheLimit)
            cache.TryAdd(name, form);
        return form;
    }

    /// <summary>The father's name inside a patronymic, folded: Нұрланұлы, Нурланович and Nurlanovna all give nurlan.</summary>
    public static string? PatronymicRoot(string? patronymic)
    {
        if (string.IsNullOrWhiteSpace(patronymic) || NameScripts.KeyOf(NameLetters.Prenormalise(patronymic)) is not { } key)
            return null;
        foreach (var ending in PatronymicEndings)
        {
            if (key.Length - ending.Length >= 3 && key.EndsWith(ending, StringComparison.Ordinal))
                return NameVariants.CanonicalGiven(key[..^ending.Length]);
        }
        return NameVariants.CanonicalGiven(key);
    }

    /// <summary>How well two parts of names agree; generic openers count only when nothing else is there to compare.</summary>
    public static NameAgreement Compare(NameForm a, NameForm b)
    {
        if (a.Tokens.Length == 0 || b.Tokens.Length == 0)
            return NameAgreement.Missing;
        if (string.Equals(a.Joined, b.Joined, StringComparison.Ordinal) || string.Equals(a.Spelled, b.Spelled, StringComparison.Ordinal))
            return NameAgreement.Exact;
        var aDistinct = Distinctive(a.Tokens);
        var bDistinct = Distinctive(b.Tokens);
        NameAgreement result;
        // Single words whose run-together form is the word itself were compared once already, typos included.
        var single = a.Tokens.Length == 1 && b.Tokens.Length == 1 && ReferenceEquals(a.Joined, a.Tokens[0].Key) && ReferenceEquals(b.Joined, b.Tokens[0].Key);
        if (aDistinct > 0 && bDistinct > 0)
        {
            result = Match(a.Tokens, b.Tokens, generic: false, aDistinct, bDistinct);
            if (single)
                return result;
        }
        else if (aDistinct == 0 && bDistinct == 0)
        {
            result = Match(a.Tokens, b.Tokens, generic: true, a.Tokens.Length, b.Tokens.Length);
            if (single)
                return result;
        }
        else
        {
            // "Mohammad" against "Mohammad Nasir": the shared opener is all there is; "Ghulam" against "Rahim", nothing.
            var (aGeneric, bGeneric) = (a.Tokens.Length - aDistinct, b.Tokens.Length - bDistinct);
            result = aGeneric > 0 && bGeneric > 0 && Match(a.Tokens, b.Tokens, generic: true, aGeneric, bGeneric) >= NameAgreement.Fuzzy
                ? NameAgreement.Weak : NameAgreement.Disagree;
        }
        // Run together, the names may still be a typo apart (Abdulrahman, Abdul Rahmon; Muhammad, Mukhammat).
        if (result < NameAgreement.Fuzzy && Close(a.Joined, b.Joined))
        {
            result = NameAgreement.Fuzzy;
        }
        return result;
    }

    /// <summary>The same word: equal keys, or equal under the second reading of an ambiguous spelling.</summary>
    public static bool Same(in NameToken x, in NameToken y) =>
        string.Equals(x.Key, y.Key, StringComparison.Ordinal)
        || x.Alt is not null && (string.Equals(x.Alt, y.Key, StringComparison.Ordinal) || string.Equals(x.Alt, y.Alt, StringComparison.Ordinal))
        || y.Alt is not null && string.Equals(y.Alt, x.Key, StringComparison.Ordinal);

    /// <summary>How well two single words agree: 3 same key, 2 a typo or sound-alike, 1 similar, 0 different.</summary>
    public static int Tier(in NameToken x, in NameToken y)
    {
        if (Same(x, y))
            return 3;
        if (x.Coarse.Length >= 4 && string.Equals(x.Coarse, y.Coarse, StringComparison.Ordinal))
            return 2;
        var jw = NameSimilarity.JaroWinkler(x.Key, y.Key);
        if (jw >= 0.90 && TwoSlipsAtMost(x.Key, y.Key))
            return 2;
        var oneEdit = NameSimilarity.WithinOneEdit(x.Key, y.Key);
        if (oneEdit && Math.Min(x.Key.Length, y.Key.Length) >= 6 || AdjacentSwap(x.Key, y.Key))
            return 2;
        if ((!ReferenceEquals(x.Raw, x.Key) || !ReferenceEquals(y.Raw, y.Key)) && Close(x.Raw, y.Raw))
            return 2;
        // Similar, or one letter off in a short name (Рин for Рим), where a typo and another name look alike.
        return jw >= 0.85 || oneEdit ? 1 : 0;
    }

    /// <summary>A typo apart: Jaro-Winkler at least 0.90 and two edits at most, one edit in a word of six letters or more, or two neighbours swapped.</summary>
    public static bool Close(string x, string y) =>
        NameSimilarity.JaroWinkler(x, y) >= 0.90 && TwoSlipsAtMost(x, y) || Math.Min(x.Length, y.Length) >= 6 && NameSimilarity.WithinOneEdit(x, y) || AdjacentSwap(x, y);

    // Jaro-Winkler rewards a shared start and end, which names of one stem have (Ahmadi, Ahmadzai; Osmonova, Usenova):
    // slips of the hand change a letter or two, and the length by one at most.
    private static bool TwoSlipsAtMost(string x, string y) =>
        Math.Abs(x.Length - y.Length) <= 1 && NameSimilarity.Distance(x, y, 2) <= 2;

    // Two neighbouring letters typed in the wrong order (Ail for Ali), which Jaro-Winkler misses in short names.
    private static bool AdjacentSwap(string x, string y)
    {
        if (x.Length != y.Length || x.Length < 3)
            return false;
        var i = 0;
        while (i < x.Length && x[i] == y[i])
            i++;
        return i + 1 < x.Length && x[i] == y[i + 1] && x[i + 1] == y[i] && x.AsSpan(i + 2).SequenceEqual(y.AsSpan(i + 2));
    }

    // Pairs each word of the shorter side with its best unused partner on the other side; the worst pair decides.
    private static NameAgreement Match(NameToken[] a, NameToken[] b, bool generic, int aCount, int bCount)
    {
        var (shorter, longer) = aCount <= bCount ? (a, b) : (b, a);
        var used = 0UL;
        var worst = 3;
        foreach (var s in shorter)
        {
            if (s.Generic != generic)
                continue;
            var best = 0;
            var bestIndex = -1;
            for (var j = 0; j < longer.Length && j < 64; j++)
            {
                if (longer[j].Generic != generic || (used & (1UL << j)) != 0)
                    continue;
                var tier = Tier(s, longer[j]);
                if (tier > best)
                {
                    best = tier;
                    bestIndex = j;
                    if (tier == 3)
                        break;
                }
            }
            if (bestIndex >= 0)
                used |= 1UL << bestIndex;
            worst = Math.Min(worst, best);
        }
        return worst switch
        {
            3 => aCount == bCount ? NameAgreement.Exact : NameAgreement.Contained,
            2 => NameAgreement.Fuzzy,
            1 => NameAgreement.Weak,
            _ => NameAgreement.Disagree,
        };
    }

    private static int Distinctive(NameToken[] tokens)
    {
        var n = 0;
        foreach (var t in tokens)
        {
            if (!t.Generic)
                n++;
        }
        return n;
    }

    private static NameForm Form(string? name, bool family)
    {
        if (string.IsNullOrWhiteSpace(name))
            return NameForm.Empty;
        var text = NameLetters.Prenormalise(name);
        var keys = NameScripts.Keys(text);
        if (keys.Count == 0)
            return NameForm.Empty;
        // Uzbek Latin writes Х as X (Raxim = Рахим); elsewhere X is KS (Maxim): a word with an inner x keeps both readings.
        var alts = text.AsSpan(1).IndexOfAny('x', 'X') >= 0 ? NameScripts.Keys(NameLetters.UzbekX(text)) : null;
        var tokens = new List<NameToken>(keys.Count);
        var spelled = new StringBuilder();
        for (var i = 0; i < keys.Count; i++)
        {
            var key = Canonical(keys[i], family);
            spelled.Append(key);
            if (family && keys.Count > 1 && Array.IndexOf(Particles, keys[i]) >= 0)
                continue;
            var alt = alts is not null && alts.Count == keys.Count && alts[i] != keys[i] ? Canonical(alts[i], family) : null;
            tokens.Add(new NameToken(key, alt, NameLetters.Coarse(key), NameVariants.IsGeneric(key), key == keys[i] ? key : keys[i]));
        }
        if (tokens.Count == 0)
            return NameForm.Empty;
        var joined = tokens.Count == 1 ? AbdForm(tokens[0].Key) : AbdForm(string.Concat(tokens.Select(t => t.Key)));
        var distinct = tokens.Where(t => !t.Generic).ToList();
        var common = distinct.Count > 0 ? distinct.All(t => NameVariants.IsCommon(t.Key)) : tokens.Any(t => NameVariants.IsCommon(t.Key));
        return new NameForm([.. tokens], joined, AbdForm(spelled.ToString()), common);
    }

    private static string Canonical(string key, bool family)
    {
        if (family)
            return NameVariants.CanonicalFamily(Masculine(key));
        key = AbdForm(NameVariants.CanonicalGiven(key));
        // Tajik -ullo and Arabic -ullah are one ending (Rahmatullo = Rahmatullah).
        if (key.Length >= 6 && key.EndsWith("ulu", StringComparison.Ordinal))
            key = key[..^1] + "a";
        return key;
    }

    // Abd al-Rahman = Abdul Rahman = Abdurrahman = Abdirahman: "abd" + the article's vowel and l, dropped.
    private static string AbdForm(string key)
    {
        if (key.Length < 6 || !key.StartsWith("abd", StringComparison.Ordinal))
            return key;
        var rest = 3;
        if (key[rest] is 'a' or 'e' or 'i' or 'u')
            rest++;
        if (key[rest] == 'l' && rest + 1 < key.Length)
            rest++;
        return rest == 3 ? key : string.Concat("abd", key.AsSpan(rest));
    }

    // Юсупова, Seitkalieva, Nikitina, Kovalskaya: the feminine form of a family name meets the masculine.
    private static string Masculine(string key)
    {
        if (key.Length >= 6 && key.EndsWith("skaia", StringComparison.Ordinal))
            return key[..^3] + "i";
        if (key.Length >= 5 && (key.EndsWith("uva", StringComparison.Ordinal) || key.EndsWith("ava", StringComparison.Ordinal) || key.EndsWith("ina", StringComparison.Ordinal)))
            return key[..^1];
        return key;
    }
}
