namespace Pana.Features.ReferenceData;

internal static class Text
{
    /// <summary>True when the term is empty or found in any of the values, ignoring case in any script.</summary>
    public static bool Matches(string? term, params string?[] values) =>
        string.IsNullOrWhiteSpace(term) || values.Any(v => v?.Contains(term.Trim(), StringComparison.CurrentCultureIgnoreCase) == true);
}
