namespace Pana.Features.Matching;

/// <summary>What the matcher found when it compared two people; each has one sentence in <see cref="MatchReasons"/>.</summary>
internal enum Reason : byte
{
    None,
    NamesAgree,
    NamesAgreeSwapped,
    NamesSwapped,
    GivenAgrees,
    GivenAgreesSpelling,
    GivenAgreesInPart,
    GivenPartlySimilar,
    GivenDiffers,
    FamilyAgrees,
    FamilyAgreesSpelling,
    FamilyAgreesInPart,
    FamilyPartlySimilar,
    FamilyDiffers,
    PatronymicAgrees,
    PatronymicSimilar,
    PatronymicsDiffer,
    FatherAndSon,
    SameBirthDate,
    DayMonthSwapped,
    SameMonthDayDiffers,
    SameYearMonthDiffers,
    SameYearOtherDay,
    YearOneApartSameDay,
    YearOneDigitApart,
    SameMonthAndYear,
    SameYearMonthsDiffer,
    SameYearOneGuessed,
    YearOneApart,
    BirthDatesDiffer,
    SameSex,
    SexDiffers,
    SameOrigin,
    OriginsDiffer,
    SameDocument,
    SamePhone,
    PhonesDiffer,
    HouseholdAgrees,
    HouseholdDiffers,
    HouseholdMemberBearsName,
}

/// <summary>The sentences that explain a match; the English text is the key the UI localises.</summary>
internal static class MatchReasons
{
    private static readonly MatchReason[] All = Build();

    public static MatchReason Of(Reason reason) => All[(int)reason];

    private static MatchReason[] Build()
    {
        var all = new MatchReason[Enum.GetValues<Reason>().Length];
        void Add(Reason r, string text, bool agrees) => all[(int)r] = new MatchReason(text, agrees);
        Add(Reason.None, "", true);
        Add(Reason.NamesAgree, UiText.Key("Given and family names agree (in any script or order)"), true);
        Add(Reason.NamesAgreeSwapped, UiText.Key("Given and family names agree, written in swapped order"), true);
        Add(Reason.NamesSwapped, UiText.Key("Given and family names compared in swapped order"), true);
        Add(Reason.GivenAgrees, UiText.Key("Given name agrees"), true);
        Add(Reason.GivenAgreesSpelling, UiText.Key("Given name agrees, with a spelling difference"), true);
        Add(Reason.GivenAgreesInPart, UiText.Key("Given name agrees in part (one name of several)"), true);
        Add(Reason.GivenPartlySimilar, UiText.Key("Given names are only partly similar"), false);
        Add(Reason.GivenDiffers, UiText.Key("Given names differ"), false);
        Add(Reason.FamilyAgrees, UiText.Key("Family name agrees"), true);
        Add(Reason.FamilyAgreesSpelling, UiText.Key("Family name agrees, with a spelling difference"), true);
        Add(Reason.FamilyAgreesInPart, UiText.Key("Family name agrees in part (one name of several)"), true);
        Add(Reason.FamilyPartlySimilar, UiText.Key("Family names are only partly similar"), false);
        Add(Reason.FamilyDiffers, UiText.Key("Family names differ"), false);
        Add(Reason.PatronymicAgrees, UiText.Key("Patronymic agrees"), true);
        Add(Reason.PatronymicSimilar, UiText.Key("Patronymics differ in one letter"), true);
        Add(Reason.PatronymicsDiffer, UiText.Key("Patronymics differ"), false);
        Add(Reason.FatherAndSon, UiText.Key("One's patronymic is the other's given name (father and son?)"), false);
        Add(Reason.SameBirthDate, UiText.Key("Same date of birth"), true);
        Add(Reason.DayMonthSwapped, UiText.Key("Date of birth with day and month swapped"), true);
        Add(Reason.SameMonthDayDiffers, UiText.Key("Same year and month of birth, day differs"), true);
        Add(Reason.SameYearMonthDiffers, UiText.Key("Same year and day of birth, month differs"), true);
        Add(Reason.SameYearOtherDay, UiText.Key("Same year of birth, day and month differ"), false);
        Add(Reason.YearOneApartSameDay, UiText.Key("Same day and month of birth, year one apart"), true);
        Add(Reason.YearOneDigitApart, UiText.Key("Same day and month of birth, year differs in one digit"), false);
        Add(Reason.SameMonthAndYear, UiText.Key("Same month and year of birth"), true);
        Add(Reason.SameYearMonthsDiffer, UiText.Key("Same year of birth, months differ"), false);
        Add(Reason.SameYearOneGuessed, UiText.Key("Same year of birth, one date guessed"), true);
        Add(Reason.YearOneApart, UiText.Key("Year of birth one apart"), true);
        Add(Reason.BirthDatesDiffer, UiText.Key("Dates of birth differ"), false);
        Add(Reason.SameSex, UiText.Key("Same sex"), true);
        Add(Reason.SexDiffers, UiText.Key("Sex differs"), false);
        Add(Reason.SameOrigin, UiText.Key("Same country of origin"), true);
        Add(Reason.OriginsDiffer, UiText.Key("Countries of origin differ"), false);
        Add(Reason.SameDocument, UiText.Key("Same document number"), true);
        Add(Reason.SamePhone, UiText.Key("Same phone number"), true);
        Add(Reason.PhonesDiffer, UiText.Key("Phone numbers differ"), false);
        Add(Reason.HouseholdAgrees, UiText.Key("Household members' given names agree"), true);
        Add(Reason.HouseholdDiffers, UiText.Key("Household members' given names differ"), false);
        Add(Reason.HouseholdMemberBearsName, UiText.Key("A member of the other's household bears this given name"), false);
        return all;
    }
}
