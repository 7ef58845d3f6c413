namespace Pana.Features.Matching;

/// <summary>The matcher's folding of names, for keys kept beside the registry (the duplicate check's candidates).</summary>
public static class FoldedNames
{
    /// <summary>
    /// The principal word of a name folded as a family name (any script, variants and feminine forms joined; Мухаммад
    /// Насир → nasir), and its second reading where the spelling has one (Uzbek Latin X); null for no name.
    /// </summary>
    public static (string Key, string? Alt)? Principal(string? name) =>
        MatchForm.Principal(NameForms.Family(name)) is { } token ? (token.Key, token.Alt) : null;

    /// <summary>
    /// Whether two folded words may be one name mistyped or varied: looser than the matcher's weakest agreement (Jaro-Winkler
    /// 0.85 or one edit), so a candidate it passes over could not have been scored as agreeing on that name.
    /// </summary>
    public static bool MayAgree(string x, string y) => NameSimilarity.JaroWinkler(x, y) >= 0.8 || NameSimilarity.Distance(x, y, 2) <= 2;
}
