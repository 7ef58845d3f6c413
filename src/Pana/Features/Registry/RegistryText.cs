using Pana.Data.Registry;
using Pana.Features.Matching;

namespace Pana.Features.Registry;

/// <summary>The English names of the registry's choices, which are also their localization keys.</summary>
public static class RegistryText
{
    public static string Of(Sex sex) => sex switch
    {
        Sex.Female => UiText.Key("Female"),
        Sex.Male => UiText.Key("Male"),
        _ => UiText.Key("Unknown"),
    };

    public static string Of(DatePrecision precision) => precision switch
    {
        DatePrecision.Exact => UiText.Key("Exact date"),
        DatePrecision.Month => UiText.Key("Month and year known"),
        DatePrecision.Year => UiText.Key("Year known only"),
        _ => UiText.Key("Date unknown"),
    };

    public static string Of(MaritalStatus status) => status switch
    {
        MaritalStatus.Single => UiText.Key("Single"),
        MaritalStatus.Married => UiText.Key("Married"),
        MaritalStatus.Divorced => UiText.Key("Divorced"),
        MaritalStatus.Widowed => UiText.Key("Widowed"),
        MaritalStatus.Separated => UiText.Key("Separated"),
        _ => UiText.Key("Unknown"),
    };

    public static string Of(Relationship relationship) => relationship switch
    {
        Relationship.FocalPoint => UiText.Key("Focal point"),
        Relationship.Spouse => UiText.Key("Spouse"),
        Relationship.Son => UiText.Key("Son"),
        Relationship.Daughter => UiText.Key("Daughter"),
        Relationship.Father => UiText.Key("Father"),
        Relationship.Mother => UiText.Key("Mother"),
        Relationship.Brother => UiText.Key("Brother"),
        Relationship.Sister => UiText.Key("Sister"),
        Relationship.Grandchild => UiText.Key("Grandchild"),
        Relationship.Grandparent => UiText.Key("Grandparent"),
        Relationship.SonInLaw => UiText.Key("Son-in-law"),
        Relationship.DaughterInLaw => UiText.Key("Daughter-in-law"),
        Relationship.Nephew => UiText.Key("Nephew"),
        Relationship.Niece => UiText.Key("Niece"),
        Relationship.OtherRelative => UiText.Key("Other relative"),
        _ => UiText.Key("Not related"),
    };

    public static string Of(CessationReason reason) => reason switch
    {
        CessationReason.Naturalised => UiText.Key("Naturalised"),
        CessationReason.NationalityConfirmed => UiText.Key("Nationality confirmed"),
        CessationReason.Resettled => UiText.Key("Resettled"),
        CessationReason.Repatriated => UiText.Key("Repatriated"),
        CessationReason.Deceased => UiText.Key("Deceased"),
        _ => UiText.Key("Ceased to be of concern"),
    };

    public static string Of(MatchLevel level) => level switch
    {
        MatchLevel.Certain => UiText.Key("Certain match"),
        MatchLevel.Probable => UiText.Key("Probable match"),
        _ => UiText.Key("Possible match"),
    };

    /// <summary>A date of birth as precisely as it is known: 1987, 03.1987 or 14.03.1987.</summary>
    public static string BirthDate(DateOnly? date, DatePrecision precision) => (date, precision) switch
    {
        (null, _) => "—",
        ({ } d, DatePrecision.Year) => d.Year.ToString(System.Globalization.CultureInfo.CurrentCulture),
        ({ } d, DatePrecision.Month) => d.ToString("MM.yyyy", System.Globalization.CultureInfo.CurrentCulture),
        ({ } d, _) => d.ToString("d", System.Globalization.CultureInfo.CurrentCulture),
    };
}
