using System.Globalization;
using System.Text;
using Icu;

namespace Pana.Features.Registry.Names;

/// <summary>
/// Renders a person's name in Latin or Cyrillic and folds it into search keys that are the same
/// for every script and transliteration of that name (Мухаммад = Muhammad = Mohammed).
/// </summary>
public static class NameScripts
{
    // Passport Latin as Kazakh documents write it: ICAO 9303 for Russian, but Y in Ю/Я/Ё (Yusupov, Aliya).
    private static readonly Dictionary<char, string> CyrillicLatin = Table(
        "а a|б b|в v|г g|д d|е e|ё yo|ж zh|з z|и i|й i|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|х kh|" +
        "ц ts|ч ch|ш sh|щ shch|ъ |ы y|ь |э e|ю yu|я ya|" +
        "ә a|ғ g|қ k|ң n|ө o|ұ u|ү u|һ h|і i|" + // Kazakh
        "є ye|ї yi|ґ g|" + // Ukrainian
        "ў u|ҳ h|ҷ j|җ j|ӣ i|ӯ u"); // Uzbek, Tajik, Turkmen

    // Turkic and Slavic Latin letters whose ASCII form is a digraph (Şükür = Shukur), not the bare base letter.
    private static readonly Dictionary<char, string> LatinDigraphs = Table(
        "ş sh|ș sh|ç ch|č ch|š sh|ž zh|ə a|ı i|ł l|ø o|đ d|ß ss|æ ae|œ oe");

    // Latin clusters in Russian spelling; context-dependent letters (e, i, y, x, ia, ye) are decided in CyrillicToken.
    private static readonly Dictionary<string, string> LatinCyrillic = Pairs(
        "shch щ|dzh дж|tch ч|you ю|zh ж|kh х|sh ш|ch ч|ts ц|ph ф|gh г|ck к|ya я|yu ю|yo ё|iu ю|ou у|oo у|" +
        "a а|b б|c к|d д|f ф|g г|h х|j дж|k к|l л|m м|n н|o о|p п|q к|r р|s с|t т|u у|v в|w в|z з")
        .ToDictionary(StringComparer.Ordinal);

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> LatinCyrillicSpans =
        LatinCyrillic.GetAlternateLookup<ReadOnlySpan<char>>();

    // ICU romanises scripts the tables do not cover (Arabic, Persian, Greek…); opened once, on first need.
    private static readonly Lazy<Transliterator?> Icu = new(OpenIcu, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock IcuGate = new();

    /// <summary>Latin (passport-style ASCII) rendering of a name in any script; Latin letters are kept as written.</summary>
    public static string ToLatin(string name)
    {
        var text = Tidy(name);
        var latin = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            if (CyrillicLatin.TryGetValue(lower, out var mapped))
            {
                latin.Append(c == lower ? mapped : Capitalised(mapped, NextIsUpper(text, i)));
            }
            else if (IsOtherScript(c))
            {
                var end = RunEnd(text, i);
                var romanised = Romanise(text[i..end]);
                // Scripts without case give lower case: a name still starts with a capital.
                var atWordStart = i == 0 || !char.IsLetter(text[i - 1]);
                latin.Append(atWordStart && romanised.Length > 0 ? Capitalised(romanised, false) : romanised);
                i = end - 1;
            }
            else
            {
                latin.Append(c);
            }
        }
        return latin.ToString();
    }

    /// <summary>Cyrillic rendering, in Russian spelling, of a name written in Latin; Cyrillic letters are kept as written.</summary>
    public static string ToCyrillic(string name)
    {
        var text = Tidy(name);
        var cyrillic = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (IsOtherScript(text[i]))
            {
                var runEnd = RunEnd(text, i);
                cyrillic.Append(WordToCyrillic(Romanise(text[i..runEnd])));
                i = runEnd - 1;
                continue;
            }
            if (!IsLatinLetter(text[i]))
            {
                cyrillic.Append(text[i]);
                continue;
            }
            var end = i;
            while (end < text.Length && (IsLatinLetter(text[end]) || IsApostrophe(text[end]) && end > i))
                end++;
            cyrillic.Append(WordToCyrillic(text[i..end]));
            i = end - 1;
        }
        return cyrillic.ToString();
    }

    /// <summary>
    /// Search keys of a name: one per word (split on spaces, hyphens and punctuation; apostrophes inside
    /// a word are dropped, as Uzbek Oʻ/Gʻ and Ukrainian Дем'ян need), lower-case ASCII, equal for every
    /// spelling of the word in any script. Keys shorter than 2 letters are dropped.
    /// </summary>
    public static IReadOnlyList<string> Keys(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return [];
        var keys = new List<string>(4);
        foreach (var word in AsciiWords(name))
        {
            if (Fold(word) is { } key && !keys.Contains(key))
                keys.Add(key);
        }
        return keys;
    }

    /// <summary>
    /// Key of one search term, folded as <see cref="Keys"/> folds a word; a term of several words gives its
    /// longest key (the most selective). Null when no key of 2 letters or more is left.
    /// </summary>
    public static string? KeyOf(string word)
    {
        string? longest = null;
        foreach (var key in Keys(word))
        {
            if (longest is null || key.Length > longest.Length)
                longest = key;
        }
        return longest;
    }

    /// <summary>True when the native ICU library was loaded; false means the built-in fallback is in use.</summary>
    internal static bool UsesIcu => Icu.Value is not null;

    // Folds one lower-case ASCII word so that its spellings meet: consonant digraphs first, then glides, then vowels.
    private static string? Fold(string word)
    {
        var s = new StringBuilder(word.Length + 4);
        for (var i = 0; i < word.Length; i++)
        {
            var c = word[i];
            // Uzbek and Azeri x is kh (Xurshid, Baxtiyor); elsewhere x is ks (Alexei, Maxim).
            if (c == 'x')
                s.Append(i == 0 || i + 1 < word.Length && !IsVowel(word[i + 1]) && word[i + 1] != 'y' ? "h" : "ks");
            else if (c == 'j' && i == 0 && word.Length > 1 && word[1] == 'u')
                s.Append('y'); // Jusupov, Julia: initial Ju is the German/Polish spelling of Yu.
            else
                s.Append(c);
        }
        s.Replace("shch", "sh").Replace("sch", "sh").Replace("tch", "ch").Replace("dzh", "j").Replace("dj", "j")
            .Replace("zh", "j").Replace("kh", "h").Replace("gh", "g").Replace("ph", "f").Replace("ts", "c")
            .Replace("ck", "k").Replace('q', 'k').Replace('w', 'v').Replace('y', 'i');
        var folded = Collapse(s.ToString()).Replace("ie", "e"); // Yerlan = Ерлан, Sergeyev = Сергеев
        if (folded.Length > 1 && folded[0] == 'i' && IsVowel(folded[1]))
            folded = folded[1..]; // initial Ya/Ia/Yu/Iu: Юсупов = Yusupov = Iusupov
        var vowels = new StringBuilder(folded);
        var firstVowel = true;
        for (var i = 0; i < vowels.Length; i++)
        {
            if (!IsVowel(vowels[i]))
                continue;
            // o=u meets Mohammad/Muhammad; e=a after the first vowel meets Mohammed/Muhammad, yet keeps Elena≠Alena.
            if (vowels[i] == 'o')
                vowels[i] = 'u';
            else if (vowels[i] == 'e' && !firstVowel)
                vowels[i] = 'a';
            firstVowel = false;
        }
        if (vowels.Length > 2 && vowels[^1] == 'h' && IsVowel(vowels[^2]))
            vowels.Length--; // Abdullah = Абдулла
        var key = Collapse(vowels.ToString());
        return key.Length >= 2 ? key : null;
    }

    // Splits a name into lower-case ASCII words: Cyrillic by table, Latin diacritics by decomposition, other scripts by ICU.
    private static List<string> AsciiWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = char.ToLowerInvariant(text[i]);
            if (c is >= 'a' and <= 'z')
            {
                word.Append(c);
            }
            else if (IsApostrophe(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            else if (CyrillicLatin.TryGetValue(c, out var mapped) || LatinDigraphs.TryGetValue(c, out mapped))
            {
                word.Append(mapped);
            }
            else if (IsLatinLetter(c))
            {
                word.Append(BaseLetter(c));
            }
            else if (IsOtherScript(c))
            {
                var end = RunEnd(text, i);
                foreach (var r in Romanise(text[i..end]).ToLowerInvariant())
                {
                    if (r is >= 'a' and <= 'z')
                        word.Append(r);
                }
                i = end - 1;
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }
        if (word.Length > 0)
            words.Add(word.ToString());
        return words;
    }

    // Latin word to Russian spelling, token by token, longest Latin cluster first.
    private static string WordToCyrillic(string word)
    {
        var ascii = new StringBuilder(word.Length + 4);
        foreach (var c in word)
        {
            var lower = char.ToLowerInvariant(c);
            if (LatinDigraphs.TryGetValue(lower, out var mapped))
                ascii.Append(c == lower ? mapped : Capitalised(mapped, false));
            else
                ascii.Append(IsApostrophe(c) ? '\'' : BaseLetter(c));
        }
        var source = ascii.ToString();
        var s = source.ToLowerInvariant();
        var allCaps = source.Count(char.IsUpper) > 1 && !source.Any(char.IsLower);
        var cyrillic = new StringBuilder(s.Length + 4);
        for (var i = 0; i < s.Length;)
        {
            var (length, cyr) = CyrillicToken(s, i);
            if (char.IsUpper(source[i]))
                cyr = Capitalised(cyr, allCaps);
            cyrillic.Append(cyr);
            i += length;
        }
        return cyrillic.ToString();
    }

    // The Cyrillic for the Latin cluster at s[i]: context rules first, then the plain table.
    private static (int Length, string Cyrillic) CyrillicToken(string s, int i)
    {
        var rest = s.AsSpan(i);
        var prev = i > 0 ? s[i - 1] : ' ';
        var next = i + 1 < s.Length ? s[i + 1] : ' ';
        var atEnd = i + 1 == s.Length;
        var afterVowel = IsVowel(prev) || prev == 'y';
        switch (s[i])
        {
            case '\'':
                return (1, ""); // Uzbek Oʻ/Gʻ and other apostrophes carry no Russian letter
            case 'o' when next == '\'':
                return (2, "у"); // Uzbek Oʻtkir = Уткир
            case 'l' when rest.SequenceEqual("llah"):
                return (4, "лла"); // Abdullah = Абдулла
            case 'y' when rest.StartsWith("ye"):
                return (2, i == 0 || afterVowel ? "е" : "ье");
            case 'i' when rest.StartsWith("ia") && (i == 0 || afterVowel):
                return (2, "я");
            case 'i' when rest.SequenceEqual("ia") && i > 0:
                return (2, "ия"); // Maria, Julia, Natalia
            case 'i' or 'y' when rest.Length == 2 && rest[1] is 'i' or 'y' && i > 0:
                return (2, rest.SequenceEqual("yy") ? "ый" : "ий"); // Dmitriy, Iurii
            case 'e':
                return (1, i == 0 || prev is 'a' or 'o' or 'u' ? "э" : "е");
            case 'x':
                return (1, i == 0 || !IsVowel(next) && !atEnd ? "х" : "кс");
        }
        for (var length = Math.Min(4, rest.Length); length >= 2; length--)
        {
            if (LatinCyrillicSpans.TryGetValue(rest[..length], out var cluster))
                return (length, cluster);
        }
        return s[i] switch
        {
            // Vowel + i/y before a consonant or at the end is й: Kairat, Seitkali, Sergey.
            'i' or 'y' when afterVowel && prev != 'i' && (atEnd || !IsVowel(next)) => (1, "й"),
            'y' when i == 0 => (1, "й"),
            'y' when atEnd => (1, s.EndsWith("uly") || s.EndsWith("yzy") ? "ы" : "ий"), // Dmitry; Kazakh -uly, -kyzy
            'y' => (1, "ы"),
            'i' => (1, "и"),
            _ => (1, LatinCyrillicSpans.TryGetValue(rest[..1], out var letter) ? letter : s[i].ToString()),
        };
    }

    private static Transliterator? OpenIcu()
    {
        try
        {
            // Without a version confined, icu.net takes the highest supported libicuuc.so.NN it finds (libicu72 here).
            Wrapper.Init();
            return Transliterator.CreateInstance("Any-Latin; Latin-ASCII", Transliterator.UTransDirection.Forward, null);
        }
        catch (Exception)
        {
            return null; // No usable libicu: Cyrillic and Latin still work from the tables; other scripts lose their letters.
        }
    }

    private static string Romanise(string run)
    {
        var icu = Icu.Value;
        if (icu is null)
            return FallbackRomanise(run);
        // ICU transliterators are not documented as safe for concurrent use; names are short, so a lock is cheap.
        lock (IcuGate)
            return icu.Transliterate(run);
    }

    internal static string FallbackRomanise(string run) =>
        new(run.Select(BaseLetter).Where(c => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z').ToArray());

    // Base ASCII letter of a decomposable Latin letter (é → e, Ğ → G); other characters come back unchanged.
    private static char BaseLetter(char c)
    {
        if (c < 128)
            return c;
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        return decomposed[0] < 128 ? decomposed[0] : c;
    }

    private static string Tidy(string name) =>
        string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Collapse(string s)
    {
        var collapsed = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c)
                collapsed.Append(c);
        }
        return collapsed.ToString();
    }

    private static string Capitalised(string s, bool allCaps) =>
        s.Length == 0 ? s : allCaps ? s.ToUpperInvariant() : char.ToUpperInvariant(s[0]) + s[1..];

    // ЖАННА → ZHANNA but Жанна → Zhanna: a capital followed by a capital is part of an all-caps word.
    private static bool NextIsUpper(string text, int i) =>
        i + 1 < text.Length && char.IsLetter(text[i + 1])
            ? char.IsUpper(text[i + 1])
            : i > 0 && char.IsUpper(text[i - 1]);

    private static int RunEnd(string text, int start)
    {
        var end = start + 1;
        while (end < text.Length && (IsOtherScript(text[end]) || CharUnicodeInfo.GetUnicodeCategory(text[end]) is
                   UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark))
            end++;
        return end;
    }

    private static bool IsOtherScript(char c) =>
        char.IsLetter(c) && !IsLatinLetter(c) && !CyrillicLatin.ContainsKey(char.ToLowerInvariant(c)) && !IsApostrophe(c);

    private static bool IsLatinLetter(char c) =>
        char.IsLetter(c) && (c < 0x250 || c is >= '\u1E00' and <= '\u1EFF');

    private static bool IsApostrophe(char c) => c is '\'' or '’' or '‘' or 'ʻ' or 'ʼ' or '`' or '´';

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';

    private static Dictionary<char, string> Table(string pairs) =>
        Pairs(pairs).ToDictionary(pair => pair.Key[0], pair => pair.Value);

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string pairs) =>
        pairs.Split('|').Select(pair => KeyValuePair.Create(pair[..pair.IndexOf(' ')], pair[(pair.IndexOf(' ') + 1)..]));
}
