using System.Text;

namespace Pana.Features.Matching.Evaluation;

/// <summary>The ways a Cyrillic name gets written in Latin letters, as registration staff and documents really do it.</summary>
public enum LatinSystem { Icao, Bgn, Popular, Kazakh2021, UzbekLatin, UkrainianNational }

/// <summary>
/// Transliteration for the evaluation set, written apart from the matcher's own tables on purpose, so the set
/// tests the matcher rather than repeating it: ICAO 9303 (passports), BGN/PCGN, the 2021 Kazakh Latin alphabet,
/// Uzbek Latin, the Ukrainian national system, and popular spellings that mix them (Janna, Seytkali, Yuriy).
/// </summary>
public static class EvaluationScripts
{
    private const string Vowels = "аеёиоуыэюяіїєәөұүў";

    private static readonly Dictionary<char, string> Icao = Table(
        "а a|б b|в v|г g|д d|е e|ё e|ж zh|з z|и i|й i|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|х kh|ц ts|ч ch|ш sh|щ shch|ъ ie|ы y|ь |" +
        "э e|ю iu|я ia|ә a|ғ g|қ k|ң n|ө o|ұ u|ү u|һ h|і i|ї i|є ie|ґ g|ў u|ҳ kh|ҷ j");

    private static readonly Dictionary<char, string> Bgn = Table(
        "а a|б b|в v|г g|д d|е e|ё yo|ж zh|з z|и i|й y|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|х kh|ц ts|ч ch|ш sh|щ shch|ъ |ы y|ь |" +
        "э e|ю yu|я ya|ә a|ғ gh|қ q|ң ng|ө o|ұ u|ү u|һ h|і i|ї yi|є ye|ґ g|ў u|ҳ h|ҷ j");

    private static readonly Dictionary<char, string> Kazakh2021 = Table(
        "а a|ә ä|б b|в v|г g|ғ ğ|д d|е e|ё io|ж j|з z|и i|й i|к k|қ q|л l|м m|н n|ң ñ|о o|ө ö|п p|р r|с s|т t|у u|ұ ū|ү ü|ф f|х h|һ h|" +
        "ц ts|ч ç|ш ş|щ şş|ъ |ы y|і i|ь |э e|ю iu|я ia");

    private static readonly Dictionary<char, string> Uzbek = Table(
        "а a|б b|в v|г g|ғ gʻ|д d|е e|ё yo|ж j|з z|и i|й y|к k|қ q|л l|м m|н n|о o|п p|р r|с s|т t|у u|ў oʻ|ф f|х x|ҳ h|ц ts|ч ch|ш sh|" +
        "щ sh|ъ ʼ|ы i|ь |э e|ю yu|я ya|ҷ j");

    private static readonly Dictionary<char, string> Ukrainian = Table(
        "а a|б b|в v|г h|ґ g|д d|е e|є ie|ж zh|з z|и y|і i|ї i|й i|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|х kh|ц ts|ч ch|ш sh|щ shch|ь |" +
        "ю iu|я ia|ё io|ы y|э e|ъ ");

    // Popular spellings: each letter has a few renderings people choose between.
    private static readonly Dictionary<char, string[]> Popular = new()
    {
        ['ж'] = ["zh", "j", "zh"],
        ['х'] = ["kh", "h", "kh"],
        ['й'] = ["y", "i", "y"],
        ['ю'] = ["yu", "iu", "ju"],
        ['я'] = ["ya", "ia", "ja"],
        ['ё'] = ["yo", "e", "io"],
        ['ц'] = ["ts", "c", "tz"],
        ['щ'] = ["shch", "sch", "sh"],
        ['ы'] = ["y", "i", "y"],
        ['ъ'] = [""],
        ['ь'] = ["", "", "'"],
        ['ғ'] = ["g", "gh"],
        ['қ'] = ["k", "q"],
        ['ң'] = ["n", "ng"],
        ['ә'] = ["a", "ae"],
        ['ө'] = ["o", "oe"],
        ['ұ'] = ["u"],
        ['ү'] = ["u", "ue"],
        ['і'] = ["i"],
        ['ў'] = ["u", "o'"],
        ['ҳ'] = ["h", "kh"],
        ['у'] = ["u", "u", "u", "ou"],
        ['ч'] = ["ch", "ch", "tch"],
        ['ш'] = ["sh"],
    };

    /// <summary>The name in Latin letters by one system; capitals follow the Cyrillic.</summary>
    public static string ToLatin(string cyrillic, LatinSystem system, Random rng)
    {
        var s = new StringBuilder(cyrillic.Length + 8);
        for (var i = 0; i < cyrillic.Length; i++)
        {
            var c = cyrillic[i];
            var lower = char.ToLowerInvariant(c);
            var prev = i > 0 ? char.ToLowerInvariant(cyrillic[i - 1]) : ' ';
            var wordStart = i == 0 || !char.IsLetter(cyrillic[i - 1]);
            var afterVowel = wordStart || Vowels.Contains(prev) || prev is 'ь' or 'ъ';
            var latin = Letter(lower, system, rng, wordStart, afterVowel, i + 1 < cyrillic.Length ? char.ToLowerInvariant(cyrillic[i + 1]) : ' ');
            if (latin is null)
            {
                s.Append(c);
                continue;
            }
            s.Append(c != lower && latin.Length > 0 ? char.ToUpperInvariant(latin[0]) + latin[1..] : latin);
        }
        return s.ToString();
    }

    private static string? Letter(char c, LatinSystem system, Random rng, bool wordStart, bool afterVowel, char next)
    {
        switch (system)
        {
            case LatinSystem.Bgn:
                if (c == 'е')
                    return afterVowel ? "ye" : "e";
                if (c == 'и' && next == 'й')
                    return "i";
                return Bgn.GetValueOrDefault(c);
            case LatinSystem.Kazakh2021:
                return Kazakh2021.GetValueOrDefault(c) ?? Icao.GetValueOrDefault(c);
            case LatinSystem.UzbekLatin:
                if (c == 'е')
                    return wordStart ? "ye" : "e";
                return Uzbek.GetValueOrDefault(c) ?? Icao.GetValueOrDefault(c);
            case LatinSystem.UkrainianNational:
                if (wordStart && c is 'є' or 'ї' or 'й' or 'ю' or 'я')
                    return c switch { 'є' => "ye", 'ї' => "yi", 'й' => "y", 'ю' => "yu", _ => "ya" };
                return Ukrainian.GetValueOrDefault(c) ?? Icao.GetValueOrDefault(c);
            case LatinSystem.Popular:
                if (c == 'е')
                    return wordStart && rng.NextDouble() < 0.6 ? "ye" : "e";
                if (c == 'и' && next == 'й')
                    return rng.NextDouble() < 0.5 ? "i" : "";
                if (c == 'й' && !wordStart && rng.NextDouble() < 0.3 && next == ' ')
                    return "";
                return Popular.TryGetValue(c, out var options) ? options[rng.Next(options.Length)] : Icao.GetValueOrDefault(c);
            default:
                return Icao.GetValueOrDefault(c);
        }
    }

    private static Dictionary<char, string> Table(string pairs) =>
        pairs.Split('|').ToDictionary(p => p[0], p => p[2..]);
}
