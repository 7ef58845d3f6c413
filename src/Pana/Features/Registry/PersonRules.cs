using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Features.Registry.Names;
using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>The rules a person's record keeps, and how details are written onto it (renderings, search keys).</summary>
public sealed partial class PersonRules(PanaDb db, IStringLocalizer<UiText> t, TimeProvider clock)
{
    private CodeLists? lists;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// From now on (for this request) codes are checked against the lists read here once, not a query per code:
    /// for an import, where a file checks the same few codes a hundred thousand times.
    /// </summary>
    public async Task UseCodeListsAsync(CancellationToken ct)
    {
        lists = new CodeLists(
            (await db.Countries.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            await db.Regions.ToDictionaryAsync(r => r.Code, r => r.CountryCode, StringComparer.Ordinal, ct),
            await db.Operations.ToDictionaryAsync(o => o.Code, o => o.CountryCode, StringComparer.Ordinal, ct),
            (await db.PopulationTypes.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            await db.PopulationSubTypes.ToDictionaryAsync(c => c.Code, c => c.PopulationTypeCode, StringComparer.Ordinal, ct),
            (await db.SpecificNeedCategories.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            (await db.DocumentTypes.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal));
    }

    private sealed record CodeLists(HashSet<string> Countries, Dictionary<string, string> Regions, Dictionary<string, string> OperationCountries,
        HashSet<string> PopulationTypes, Dictionary<string, string> PopulationSubTypes, HashSet<string> NeedCategories, HashSet<string> DocumentTypes);

    public async Task CheckAsync(Errors errors, string prefix, PersonDetails d, string operationCode, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(d.GivenName) && string.IsNullOrWhiteSpace(d.FamilyName))
        {
            errors.Add(prefix + "GivenName", t["Enter at least a given name or a family name."]);
        }
        foreach (var (field, value) in new[] { ("GivenName", d.GivenName), ("FamilyName", d.FamilyName), ("Patronymic", d.Patronymic) })
        {
            if ((value?.Length ?? 0) > 100)
            {
                errors.Add(prefix + field, t["A name is at most 100 characters."]);
            }
        }
        if (d.BirthDate is { } born)
        {
            if (born > Today)
            {
                errors.Add(prefix + "BirthDate", t["The date of birth is in the future."]);
            }
            else if (born.Year < 1900)
            {
                errors.Add(prefix + "BirthDate", t["The date of birth is before 1900."]);
            }
        }
        else if (d.BirthDatePrecision != DatePrecision.Unknown)
        {
            errors.Add(prefix + "BirthDate", t["Enter the date of birth, or mark it as unknown."]);
        }
        await CheckCountryAsync(errors, prefix + "NationalityCode", d.NationalityCode, ct);
        await CheckCountryAsync(errors, prefix + "OriginCode", d.OriginCode, ct);
        if (!string.IsNullOrWhiteSpace(d.RegionCode))
        {
            bool known;
            if (lists is not null)
            {
                known = lists.Regions.GetValueOrDefault(d.RegionCode) is { } regionCountry && lists.OperationCountries.GetValueOrDefault(operationCode) == regionCountry;
            }
            else
            {
                var country = await db.Operations.Where(o => o.Code == operationCode).Select(o => o.CountryCode).SingleOrDefaultAsync(ct);
                known = await db.Regions.AnyAsync(r => r.Code == d.RegionCode && r.CountryCode == country, ct);
            }
            if (!known)
            {
                errors.Add(prefix + "RegionCode", t["The region {0} is not in this operation's country.", d.RegionCode]);
            }
        }
        var digits = Digits(d.Phone);
        if (!string.IsNullOrWhiteSpace(d.Phone) && (digits.Length < 6 || digits.Length > 15))
        {
            errors.Add(prefix + "Phone", t["A phone number has 6 to 15 digits."]);
        }
        if (d.ConsentGiven && d.ConsentDate is null)
        {
            errors.Add(prefix + "ConsentDate", t["Enter when consent was given."]);
        }
        if (d.ConsentDate > Today)
        {
            errors.Add(prefix + "ConsentDate", t["The date of consent is in the future."]);
        }
    }

    public async Task CheckStatusAsync(Errors errors, string prefix, StatusStep s, CancellationToken ct)
    {
        if (s.PopulationTypeCode is null && s.Ceased is null)
        {
            errors.Add(prefix + "PopulationTypeCode", t["Choose a population type, or why the person ceased to be of concern."]);
        }
        if (s.PopulationTypeCode is not null
            && !(lists?.PopulationTypes.Contains(s.PopulationTypeCode) ?? await db.PopulationTypes.AnyAsync(p => p.Code == s.PopulationTypeCode, ct)))
        {
            errors.Add(prefix + "PopulationTypeCode", t["Unknown population type {0}.", s.PopulationTypeCode]);
        }
        if (s.PopulationSubTypeCode is not null
            && !(lists is not null
                ? lists.PopulationSubTypes.GetValueOrDefault(s.PopulationSubTypeCode) is { } type && type == s.PopulationTypeCode
                : await db.PopulationSubTypes.AnyAsync(p => p.Code == s.PopulationSubTypeCode && p.PopulationTypeCode == s.PopulationTypeCode, ct)))
        {
            errors.Add(prefix + "PopulationSubTypeCode", t["The sub-type {0} does not belong to the population type.", s.PopulationSubTypeCode]);
        }
        if (s.EffectiveFrom > Today.AddDays(1))
        {
            errors.Add(prefix + "EffectiveFrom", t["The status cannot take effect in the future."]);
        }
    }

    public async Task CheckNeedAsync(Errors errors, string prefix, NeedEntry n, CancellationToken ct)
    {
        if (!(lists?.NeedCategories.Contains(n.CategoryCode) ?? await db.SpecificNeedCategories.AnyAsync(c => c.Code == n.CategoryCode, ct)))
        {
            errors.Add(prefix + "CategoryCode", t["Unknown specific need {0}.", n.CategoryCode]);
        }
    }

    public async Task CheckDocumentAsync(Errors errors, string prefix, DocumentEntry d, CancellationToken ct)
    {
        if (!(lists?.DocumentTypes.Contains(d.DocumentTypeCode) ?? await db.DocumentTypes.AnyAsync(c => c.Code == d.DocumentTypeCode, ct)))
        {
            errors.Add(prefix + "DocumentTypeCode", t["Unknown document type {0}.", d.DocumentTypeCode]);
        }
        if (string.IsNullOrWhiteSpace(d.Number))
        {
            errors.Add(prefix + "Number", t["Enter the document number."]);
        }
        if (d.IssuedOn is { } issued && d.ExpiresOn is { } expires && expires < issued)
        {
            errors.Add(prefix + "ExpiresOn", t["The document expires before it was issued."]);
        }
    }

    private async Task CheckCountryAsync(Errors errors, string field, string? code, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(code) && !(lists?.Countries.Contains(code) ?? await db.Countries.AnyAsync(c => c.Code == code, ct)))
        {
            errors.Add(field, t["Unknown country {0}.", code]);
        }
    }

    /// <summary>Writes the details onto the person, with Latin and Cyrillic renderings and fresh search keys.</summary>
    public void Apply(Person p, PersonDetails d)
    {
        p.GivenName = Clean(d.GivenName);
        p.FamilyName = Clean(d.FamilyName);
        p.Patronymic = Clean(d.Patronymic);
        var full = string.Join(' ', new[] { p.GivenName, p.Patronymic, p.FamilyName }.Where(n => n.Length > 0));
        p.LatinName = NameScripts.ToLatin(full);
        p.CyrillicName = NameScripts.ToCyrillic(full);
        p.Sex = d.Sex;
        (p.BirthDate, p.BirthDatePrecision) = d.BirthDatePrecision switch
        {
            DatePrecision.Unknown => (null, DatePrecision.Unknown),
            DatePrecision.Year when d.BirthDate is { } b => (new DateOnly(b.Year, 1, 1), DatePrecision.Year),
            DatePrecision.Month when d.BirthDate is { } b => (new DateOnly(b.Year, b.Month, 1), DatePrecision.Month),
            _ => (d.BirthDate, d.BirthDatePrecision),
        };
        p.NationalityCode = Code(d.NationalityCode);
        p.OriginCode = Code(d.OriginCode);
        p.Ethnicity = Clean(d.Ethnicity);
        p.Languages = Clean(d.Languages);
        p.MaritalStatus = d.MaritalStatus;
        p.Phone = Clean(d.Phone);
        p.PhoneDigits = Digits(d.Phone);
        p.RegionCode = string.IsNullOrWhiteSpace(d.RegionCode) ? null : d.RegionCode.Trim();
        p.City = Clean(d.City);
        p.Address = Clean(d.Address);
        p.ConsentGiven = d.ConsentGiven;
        p.ConsentDate = d.ConsentGiven ? d.ConsentDate : null;
        p.ConsentPurpose = d.ConsentGiven ? Clean(d.ConsentPurpose) : "";
        p.UpdatedAt = clock.GetUtcNow().UtcDateTime;
    }

    /// <summary>The search keys of a person's names in every script they are written or rendered in.</summary>
    public static IEnumerable<string> NameKeys(Person p) =>
        new[] { p.GivenName, p.FamilyName, p.Patronymic, p.LatinName, p.CyrillicName }.SelectMany(NameScripts.Keys).Distinct();

    /// <summary>The rows of <see cref="NameKeys"/>, each carrying the name the search sorts by.</summary>
    public static IEnumerable<PersonNameKey> NameKeyRows(Person p) =>
        NameKeys(p).Select(k => new PersonNameKey { PersonId = p.Id, Key = k, SortName = p.LatinName });

    public async Task WriteNameKeysAsync(Person p, bool isNew, CancellationToken ct)
    {
        var wanted = NameKeys(p).ToHashSet();
        var existing = isNew ? [] : await db.PersonNameKeys.Where(k => k.PersonId == p.Id).ToListAsync(ct);
        // The sort name is part of a key row's key: a renamed person's rows are replaced, not changed.
        var kept = existing.Where(k => wanted.Contains(k.Key) && k.SortName == p.LatinName).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        db.PersonNameKeys.RemoveRange(existing.Where(k => !kept.Contains(k.Key)));
        db.PersonNameKeys.AddRange(NameKeyRows(p).Where(k => !kept.Contains(k.Key)));
    }

    public static string Digits(string? s) => s is null ? "" : new string(s.Where(char.IsAsciiDigit).ToArray());

    public static string DocumentKey(string? number) => number is null ? "" : new string(number.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();

    public PersonDocument Document(Guid personId, DocumentEntry d) => new()
    {
        PersonId = personId,
        DocumentTypeCode = d.DocumentTypeCode,
        Number = d.Number.Trim(),
        NumberKey = DocumentKey(d.Number),
        Issuer = Clean(d.Issuer),
        IssuedOn = d.IssuedOn,
        ExpiresOn = d.ExpiresOn,
    };

    private static string Clean(string? s) => s is null ? "" : Spaces().Replace(s.Trim(), " ");

    private static string? Code(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim().ToUpperInvariant();

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();
}
