using Pana.Features.Registry.Names;

namespace Pana.Features.Matching.Evaluation;

/// <summary>
/// The textbook matcher Pana's is measured against: Jaro-Winkler similarity of the lower-cased Latin full names
/// (given then family name, through the same transliteration Pana uses), and the same date of birth; a pair is a
/// match when both hold and the similarity reaches a threshold tuned for the best F1 on the very set it is scored on.
/// </summary>
public static class JaroWinklerBaseline
{
    public static string Name(MatchRecord r) => NameScripts.ToLatin($"{r.GivenName} {r.FamilyName}").ToLowerInvariant();

    /// <summary>The similarity of two full names, or null when the dates of birth are not the same (never a match).</summary>
    public static double? Similarity(MatchRecord a, MatchRecord b, string aName, string bName) =>
        a.BirthDate is { } x && b.BirthDate == x ? NameSimilarity.JaroWinkler(aName, bName) : null;

    /// <summary>Its own blocking: the date of birth, which loses nothing the baseline could find.</summary>
    public static IReadOnlyList<string> BlockingKeys(MatchRecord r) => r.BirthDate is { } d ? [d.ToString("yyyyMMdd")] : [];
}
