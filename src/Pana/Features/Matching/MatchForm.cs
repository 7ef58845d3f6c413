using System.Globalization;
using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>A <see cref="MatchRecord"/> folded once for comparison: name keys, the date as known, documents and phone as keys.</summary>
internal sealed class MatchForm
{
    private MatchForm(MatchRecord r)
        : this(r.GivenName, r.FamilyName, NameForms.PatronymicRoot(r.Patronymic), r.Sex, BirthDay.Of(r.BirthDate, r.BirthDatePrecision), OriginKey(r.OriginCode), PhoneKey(r.PhoneDigits))
    {
        Documents = DocumentKeys(r.DocumentKeys);
        Household = [.. r.HouseholdGivenNames.Select(NameForms.Given).Where(f => f.HasLead)];
    }

    /// <summary>A person read field by field (the batch run): documents and household are filled in by the reader afterwards.</summary>
    internal MatchForm(string givenName, string familyName, string? patronymicRoot, Sex sex, BirthDay birth, string? origin, string? phone)
    {
        Given = NameForms.Given(givenName);
        Family = NameForms.Family(familyName);
        GivenAsFamily = NameForms.Family(givenName);
        FamilyAsGiven = NameForms.Given(familyName);
        PatronymicRoot = patronymicRoot;
        Birth = birth;
        Sex = sex;
        Origin = origin;
        this.phone = phone is null ? 0 : (long)phone.Length << 32 | long.Parse(phone, CultureInfo.InvariantCulture);
    }

    public NameForm Given { get; }
    public NameForm Family { get; }

    /// <summary>The given name folded as a family name, and the reverse: names written in swapped order compare like with like.</summary>
    public NameForm GivenAsFamily { get; }
    public NameForm FamilyAsGiven { get; }
    public string? PatronymicRoot { get; }
    public BirthDay Birth { get; }
    public Sex Sex { get; }
    public string? Origin { get; }
    public string[] Documents { get; internal set; } = [];

    // The phone key's digits (nine at most) as a number, their count above: no string per person kept by the batch run.
    private readonly long phone;

    public string? Phone => phone == 0 ? null : (phone & uint.MaxValue).ToString(CultureInfo.InvariantCulture).PadLeft((int)(phone >> 32), '0');

    public bool HasPhone => phone != 0;

    public bool SamePhone(MatchForm other) => phone == other.phone;

    /// <summary>
    /// The given name of each other member of the person's household, as the cached form every person of that spelling
    /// shares (its <see cref="NameForm.Lead"/> is what is compared): a reference each, not a copy of the word's keys.
    /// </summary>
    public NameForm[] Household { get; internal set; } = [];

    public static MatchForm Of(MatchRecord r) => new(r);

    /// <summary>The principal word of a name part as a token (Mohammad Nasir → nasir).</summary>
    public static NameToken? Principal(NameForm form) => form.HasLead ? form.Lead : null;

    /// <summary>Document numbers as compared: letters and digits only, upper case, five characters at least, each once.</summary>
    public static string[] DocumentKeys(IEnumerable<string> numbers)
    {
        string[] keys = [.. numbers.Select(DocumentKey).Where(k => k.Length >= 5).Distinct()];
        return keys.Length == 0 ? [] : keys;
    }

    /// <summary>An origin as compared: a three-letter code, not one of the XX. codes for unknown or stateless.</summary>
    public static string? OriginKey(string? code) =>
        code is { Length: 3 } o && !o.StartsWith("XX", StringComparison.OrdinalIgnoreCase) ? o.ToUpperInvariant() : null;

    private static string DocumentKey(string number) =>
        string.Create(number.Count(char.IsLetterOrDigit), number, (span, n) =>
        {
            var i = 0;
            foreach (var c in n)
            {
                if (char.IsLetterOrDigit(c))
                    span[i++] = char.ToUpperInvariant(c);
            }
        });

    // The last nine digits: +7 701 111 22 33, 8 701 111 22 33 and 701 111 22 33 are one number.
    public static string? PhoneKey(string? digits)
    {
        if (string.IsNullOrEmpty(digits))
            return null;
        var only = new string([.. digits.Where(char.IsAsciiDigit)]);
        return only.Length < 6 ? null : only.Length > 9 ? only[^9..] : only;
    }
}
