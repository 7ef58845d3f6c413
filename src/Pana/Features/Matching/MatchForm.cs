using Pana.Data.Registry;

namespace Pana.Features.Matching;

/// <summary>A <see cref="MatchRecord"/> folded once for comparison: name keys, the date as known, documents and phone as keys.</summary>
internal sealed class MatchForm
{
    private MatchForm(MatchRecord r)
    {
        Given = NameForms.Given(r.GivenName);
        Family = NameForms.Family(r.FamilyName);
        GivenAsFamily = NameForms.Family(r.GivenName);
        FamilyAsGiven = NameForms.Given(r.FamilyName);
        PatronymicRoot = NameForms.PatronymicRoot(r.Patronymic);
        Birth = BirthDay.Of(r.BirthDate, r.BirthDatePrecision);
        Sex = r.Sex;
        Origin = r.OriginCode is { Length: 3 } o && !o.StartsWith("XX", StringComparison.OrdinalIgnoreCase) ? o.ToUpperInvariant() : null;
        Documents = [.. r.DocumentKeys.Select(DocumentKey).Where(k => k.Length >= 5).Distinct()];
        Phone = PhoneKey(r.PhoneDigits);
        Household = [.. r.HouseholdGivenNames.Select(NameForms.Given).Select(Principal).OfType<NameToken>()];
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
    public string[] Documents { get; }
    public string? Phone { get; }

    /// <summary>The principal given-name word of each other member of the person's household.</summary>
    public NameToken[] Household { get; }

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
    private static string? PhoneKey(string? digits)
    {
        if (string.IsNullOrEmpty(digits))
            return null;
        var only = new string([.. digits.Where(char.IsAsciiDigit)]);
        return only.Length < 6 ? null : only.Length > 9 ? only[^9..] : only;
    }
}
