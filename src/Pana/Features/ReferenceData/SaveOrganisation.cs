using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Data.Reference;
using Pana.Infrastructure;

namespace Pana.Features.ReferenceData;

/// <summary>An administrator adds or changes an organisation (UN office, NGO partner, government body, donor).</summary>
public sealed partial class SaveOrganisation(PanaDb db, IStringLocalizer<UiText> t)
{
    /// <example>{"code":"KRCS","type":"NgoPartner","acronym":"KRCS","nameEn":"Kazakh Red Crescent Society","nameRu":"Казахстанское общество Красного Полумесяца","nameKk":"Қазақстан Қызыл Жарты Ай қоғамы","countryCode":"KAZ","city":"Almaty","isActive":true,"version":0}</example>
    public sealed record Command(string Code, OrganisationType Type, string? Acronym, string NameEn, string NameRu, string NameKk,
        string? CountryCode, string? City, bool IsActive, int Version);

    public async Task<Outcome<OrganisationRow>> HandleAsync(Guid? id, Command c, CancellationToken ct = default)
    {
        Organisation? org = null;
        if (id is { } existing)
        {
            org = await db.Organisations.SingleOrDefaultAsync(o => o.Id == existing, ct);
            if (org is null)
            {
                return Outcome<OrganisationRow>.Missing();
            }
        }
        var errors = new Errors();
        var code = (c.Code ?? "").Trim().ToUpperInvariant();
        if (!CodePattern().IsMatch(code))
        {
            errors.Add("Code", t["A code is 2 to 30 capital letters, digits or dashes."]);
        }
        else if (await db.Organisations.AnyAsync(o => o.Code == code && o.Id != (id ?? Guid.Empty), ct))
        {
            errors.Add("Code", t["The code {0} is already in the list.", code]);
        }
        foreach (var (field, value) in new[] { ("NameEn", c.NameEn), ("NameRu", c.NameRu), ("NameKk", c.NameKk) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, t["Enter the name in all three languages."]);
            }
        }
        if (!Enum.IsDefined(c.Type))
        {
            errors.Add("Type", t["Choose the type of organisation."]);
        }
        var country = string.IsNullOrWhiteSpace(c.CountryCode) ? null : c.CountryCode.Trim().ToUpperInvariant();
        if (country is not null && !await db.Countries.AnyAsync(k => k.Code == country, ct))
        {
            errors.Add("CountryCode", t["Unknown country {0}.", country]);
        }
        if (errors.Any)
        {
            return Outcome<OrganisationRow>.Invalid(errors);
        }
        if (org is null)
        {
            org = new Organisation();
            db.Organisations.Add(org);
        }
        else
        {
            db.Entry(org).Property(o => o.Version).OriginalValue = c.Version;
        }
        org.Code = code;
        org.Type = c.Type;
        org.Acronym = (c.Acronym ?? "").Trim();
        org.NameEn = c.NameEn.Trim();
        org.NameRu = c.NameRu.Trim();
        org.NameKk = c.NameKk.Trim();
        org.CountryCode = country;
        org.City = (c.City ?? "").Trim();
        org.IsActive = c.IsActive;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<OrganisationRow>.Conflict(t["Someone else changed this entry while you were editing. Reload to see their changes; nothing was saved."]);
        }
        return Outcome<OrganisationRow>.Ok(OrganisationRow.Of(org));
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,29}$")]
    private static partial Regex CodePattern();
}

public sealed record OrganisationRow(Guid Id, string Code, OrganisationType Type, string Acronym, string NameEn, string NameRu, string NameKk,
    string? CountryCode, string City, bool IsActive, int Version)
{
    public string Name => ReferenceNames.Pick(NameEn, NameRu, NameKk);
    public static OrganisationRow Of(Organisation o) =>
        new(o.Id, o.Code, o.Type, o.Acronym, o.NameEn, o.NameRu, o.NameKk, o.CountryCode, o.City, o.IsActive, o.Version);
}
