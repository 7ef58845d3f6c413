using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>A <see cref="MatchRecord"/> folded once for comparison: name keys, the date as known, documents and phone as keys.</summary>
internal sealed class MatchForm
{
    private MatchForm(MatchRecord r)
        : this(r.GivenName, r.FamilyName, NameForms.PatronymicRoot(r.Patronymic), r.Sex, BirthDay.Of(r.BirthDate, r.BirthDatePrecision), OriginKey(r.OriginCode), PhoneKey(r.PhoneDigits))
    {
        Documents = DocumentKeys(r.DocumentKeys);
        Household = [.. r.HouseholdGivenNames.Select(NameForms.Given).Select(Principal).OfType<NameToken>()];
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
        Phone = phone;
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
    public string? Phone { get; }

    /// <summary>The principal given-name word of each other member of the person's household.</summary>
    public NameToken[] Household { get; internal set; } = [];

    public static MatchForm Of(MatchRecord r) => new(r);

    /// <summary>The principal word of a name part as a token (Mohammad Nasir → nasir).</summary>
    public static NameToken? Principal(NameForm form)
    {
        foreach (var t in form.Tokens)
        {
            if (!t.Generic)
                return t;
        }
        return form.Tokens.Length > 0 ? form.Tokens[0] : null;
    }

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
