using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>How much of a date of birth is known: 1 January on its own counts as a year, as registries guess it.</summary>
internal enum DateKind : byte { None, Year, Month, Exact }

/// <summary>A date of birth as the matcher reads it.</summary>
internal readonly record struct BirthDay(int Year, int Month, int Day, DateKind Kind)
{
    public static BirthDay Of(DateOnly? date, DatePrecision precision)
    {
        if (date is not { } d || precision == DatePrecision.Unknown)
            return default;
        var kind = precision switch
        {
            DatePrecision.Year => DateKind.Year,
            DatePrecision.Month => DateKind.Month,
            // 1 January is the date written when only the year is known.
            _ => d.Month == 1 && d.Day == 1 ? DateKind.Year : DateKind.Exact,
        };
        return new BirthDay(d.Year, d.Month, d.Day, kind);
    }
}

/// <summary>
/// Compares dates of birth knowing how registries get them wrong: a year guessed as 1 January or kept alone,
/// a month without a day, day and month swapped (03.07 for 07.03), a year off by one, a mistyped day.
/// Weights are log2 likelihood ratios, as <see cref="PersonMatcher"/> adds them up.
/// </summary>
internal static class BirthDates
{
    /// <summary>The most two dates of birth in these years can weigh, whatever their days, months and precision.</summary>
    public static double MostFor(int yearA, int yearB)
    {
        var years = Math.Abs(yearA - yearB);
        return years switch
        {
            0 => 7,
            1 => 3.5,
            2 => -4,
            _ => OneDigitApart(yearA, yearB) ? -4 : years <= 4 ? -7 : -10,
        };
    }

    public static (double Weight, Reason Reason) Compare(BirthDay a, BirthDay b)
    {
        if (a.Kind == DateKind.None || b.Kind == DateKind.None)
            return (0, Reason.None);
        var years = Math.Abs(a.Year - b.Year);
        return a.Kind == DateKind.Exact && b.Kind == DateKind.Exact ? BothExact(a, b, years) : Partial(a, b, years);
    }

    private static (double, Reason) BothExact(BirthDay a, BirthDay b, int years)
    {
        var sameDayMonth = a.Month == b.Month && a.Day == b.Day;
        if (years == 0)
        {
            if (sameDayMonth)
                return (7, Reason.SameBirthDate);
            if (a.Month == b.Day && a.Day == b.Month)
                return (5, Reason.DayMonthSwapped);
            // A mistyped day is one digit or a day or two off (14 for 17, 21 for 12); any other day is another date.
            if (a.Month == b.Month)
                return DayTypo(a.Day, b.Day) ? (1.5, Reason.SameMonthDayDiffers) : (-2, Reason.SameYearOtherDay);
            return a.Day == b.Day ? (0.5, Reason.SameYearMonthDiffers) : (-3, Reason.SameYearOtherDay);
        }
        if (years == 1)
        {
            // A year off together with a second slip is still far likelier for one person than for two.
            if (sameDayMonth)
                return (3.5, Reason.YearOneApartSameDay);
            if (a.Month == b.Day && a.Day == b.Month)
                return (2, Reason.YearOneApart);
            return a.Month == b.Month && DayTypo(a.Day, b.Day) ? (1.5, Reason.YearOneApart) : (-4, Reason.BirthDatesDiffer);
        }
        if (sameDayMonth && OneDigitApart(a.Year, b.Year))
            return (-4, Reason.YearOneDigitApart);
        return years <= 3 ? (-9, Reason.BirthDatesDiffer) : (-12, Reason.BirthDatesDiffer);
    }

    private static (double, Reason) Partial(BirthDay a, BirthDay b, int years)
    {
        var bothMonths = a.Kind >= DateKind.Month && b.Kind >= DateKind.Month;
        return years switch
        {
            0 when bothMonths => a.Month == b.Month ? (4, Reason.SameMonthAndYear) : (-2, Reason.SameYearMonthsDiffer),
            0 => (3, Reason.SameYearOneGuessed),
            1 when bothMonths => a.Month == b.Month ? (2.5, Reason.YearOneApart) : (-4, Reason.BirthDatesDiffer),
            1 => (0.5, Reason.YearOneApart),
            2 => (-4, Reason.BirthDatesDiffer),
            <= 4 => (-7, Reason.BirthDatesDiffer),
            _ => (-10, Reason.BirthDatesDiffer),
        };
    }

    private static bool DayTypo(int x, int y) => Math.Abs(x - y) <= 2 || OneDigitApart(x, y);

    private static bool OneDigitApart(int x, int y)
    {
        var differing = 0;
        for (; x > 0 || y > 0; x /= 10, y /= 10)
        {
            if (x % 10 != y % 10)
                differing++;
        }
        return differing == 1;
    }
}
