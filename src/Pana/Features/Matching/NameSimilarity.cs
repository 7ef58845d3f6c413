namespace Pana.Features.Matching;

/// <summary>String similarity of folded name keys: short ASCII words, so both measures run on the stack.</summary>
public static class NameSimilarity
{
    private const int MaxLength = 64;

    /// <summary>Jaro-Winkler similarity (0..1) with the usual prefix scale 0.1 over at most 4 letters.</summary>
    public static double JaroWinkler(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length == 0 || b.Length == 0)
            return a.Length == b.Length ? 1 : 0;
        if (a.SequenceEqual(b))
            return 1;
        if (a.Length > MaxLength || b.Length > MaxLength)
            return JaroWinkler(a[..Math.Min(a.Length, MaxLength)], b[..Math.Min(b.Length, MaxLength)]);
        // Names are short: which letters matched is kept in two bit masks, not arrays.
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        ulong aMatched = 0, bMatched = 0;
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = Math.Max(0, i - window); j <= to; j++)
            {
                if ((bMatched & (1UL << j)) != 0 || a[i] != b[j])
                    continue;
                aMatched |= 1UL << i;
                bMatched |= 1UL << j;
                matches++;
                break;
            }
        }
        if (matches == 0)
            return 0;
        var transpositions = 0;
        for (int i = 0, j = 0; i < a.Length; i++)
        {
            if ((aMatched & (1UL << i)) == 0)
                continue;
            while ((bMatched & (1UL << j)) == 0)
                j++;
            if (a[i] != b[j])
                transpositions++;
            j++;
        }
        double m = matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < 4 && prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
            prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }

    /// <summary>At most one edit apart: a letter changed, added or dropped, or two neighbours swapped (what <c>Distance(a, b, 1) &lt;= 1</c> says, in one pass).</summary>
    public static bool WithinOneEdit(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (Math.Abs(a.Length - b.Length) > 1)
            return false;
        var i = a.CommonPrefixLength(b);
        if (i == a.Length && i == b.Length)
            return true;
        if (a.Length == b.Length)
        {
            return a[(i + 1)..].SequenceEqual(b[(i + 1)..])
                || i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)..].SequenceEqual(b[(i + 2)..]);
        }
        return a.Length > b.Length ? a[(i + 1)..].SequenceEqual(b[i..]) : a[i..].SequenceEqual(b[(i + 1)..]);
    }

    /// <summary>Optimal-string-alignment Damerau-Levenshtein distance, giving up (returning max + 1) once it exceeds max.</summary>
    public static int Distance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
            return max + 1;
        if (a.Length > MaxLength || b.Length > MaxLength)
            return max + 1;
        var width = b.Length + 1;
        Span<int> rows = stackalloc int[3 * width];
        var twoBack = rows[..width];
        var previous = rows.Slice(width, width);
        var current = rows.Slice(2 * width, width);
        for (var j = 0; j < width; j++)
            previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var d = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d = Math.Min(d, twoBack[j - 2] + 1);
                current[j] = d;
                rowMin = Math.Min(rowMin, d);
            }
            if (rowMin > max)
                return max + 1;
            var spare = twoBack;
            twoBack = previous;
            previous = current;
            current = spare;
        }
        return previous[b.Length];
    }
}
