using System.Text;

namespace Pana.Features.Matching;

/// <summary>
/// Letter-level readings the matcher adds to <see cref="Registry.Names.NameScripts"/>: a coarse phonetic form of a key,
/// the letters it reads otherwise (2021 Kazakh Latin İ, Ё written as E, English EE), and Uzbek Latin X.
/// </summary>
internal static class NameLetters
{
    private const string CyrillicConsonants = "бвгджзйклмнпрстфхцчшщъьғқңһ";

    /// <summary>
    /// A coarse phonetic form: consonants grouped by sound (g/h/k/q, b/p/f/v, d/t, s/z/c; ch and j together),
    /// vowels kept, so Halyna meets Галина and Hadicha meets Khadija, yet Hasan stays apart from Husan.
    /// </summary>
    public static string Coarse(string key)
    {
        Span<char> buffer = stackalloc char[key.Length];
        var n = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            var next = i + 1 < key.Length ? key[i + 1] : ' ';
            char mapped;
            if (c == 'c' && next == 'h')
            {
                mapped = 'j';
                i++;
            }
            else if (c == 's' && next == 'h')
            {
                mapped = 'x';
                i++;
            }
            else
            {
                mapped = c switch
                {
                    'g' or 'h' or 'k' or 'q' => 'k',
                    'b' or 'p' or 'f' or 'v' or 'w' => 'b',
                    'd' or 't' => 'd',
                    's' or 'z' or 'c' => 's',
                    _ => c,
                };
            }
            if (n == 0 || buffer[n - 1] != mapped)
                buffer[n++] = mapped;
        }
        return new string(buffer[..n]);
    }

    /// <summary>
    /// Letters NameScripts reads otherwise than the matcher needs: the 2021 Kazakh Latin İ (a capital i); Ё after a
    /// consonant, which documents write as E as often as YO (Фёдоров = Федоров = Fyodorov = Fedorov); and the English
    /// EE for I of South Asian and Gulf spellings (Naweed = Nawid, Sakeena = Sakina), but not the Russian -eev (Andreev).
    /// </summary>
    public static string Prenormalise(string name)
    {
        if (name.AsSpan().IndexOfAny("İёЁyYeE") < 0)
            return name;
        var s = new StringBuilder(name.Length);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var prev = i > 0 ? char.ToLowerInvariant(name[i - 1]) : ' ';
            var next = i + 1 < name.Length ? char.ToLowerInvariant(name[i + 1]) : ' ';
            var afterNext = i + 2 < name.Length ? char.ToLowerInvariant(name[i + 2]) : ' ';
            if (c == 'İ')
            {
                s.Append('I');
            }
            else if (c is 'ё' or 'Ё' && CyrillicConsonants.Contains(prev))
            {
                s.Append(c == 'ё' ? 'е' : 'Е');
            }
            else if (c is 'y' or 'Y' && next == 'o' && afterNext != 'u' && prev is >= 'a' and <= 'z' && !"aeiouy".Contains(prev))
            {
                s.Append(name[i + 1] == 'O' ? 'E' : 'e'); // Pyotr, Fyodorov, Kovalyov
                i++;
            }
            else if (c is 'e' or 'E' && next == 'e' && afterNext is not ('v' or 'w') && prev is >= 'a' and <= 'z')
            {
                s.Append(c == 'E' ? 'I' : 'i');
                i++;
            }
            else
            {
                s.Append(c);
            }
        }
        return s.ToString();
    }

    // Uzbek Latin: X is Х (kh) except at the start (already kh in NameScripts).
    public static string UzbekX(string text)
    {
        var s = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            s.Append(text[i] switch
            {
                'x' when i > 0 => "kh",
                'X' when i > 0 => "KH",
                var c => c.ToString(),
            });
        }
        return s.ToString();
    }
}
