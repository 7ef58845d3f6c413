using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pana.Data;
using Pana.Infrastructure;

namespace Pana.Features.ReferenceData;

/// <summary>An administrator renames, deactivates or adds an entry of a reference list; a concurrent edit is refused.</summary>
public sealed partial class SaveReferenceItem(PanaDb db, IStringLocalizer<UiText> t)
{
    /// <example>{"nameEn":"Afghanistan","nameRu":"Афганистан","nameKk":"Ауғанстан","isActive":true,"version":0}</example>
    public sealed record Command(string NameEn, string NameRu, string NameKk, bool IsActive, int Version);

    public async Task<Outcome<ReferenceRow>> UpdateAsync(ReferenceKind kind, string code, Command c, CancellationToken ct = default)
    {
        var item = await kind.FindAsync(db, code, ct);
        if (item is null)
        {
            return Outcome<ReferenceRow>.Missing();
        }
        var errors = Check(c);
        if (errors.Any)
        {
            return Outcome<ReferenceRow>.Invalid(errors);
        }
        db.Entry(item).Property(nameof(item.Version)).OriginalValue = c.Version;
        Apply(item, c);
        return await SaveAsync(kind, item, ct);
    }

    public async Task<Outcome<ReferenceRow>> AddAsync(ReferenceKind kind, string code, Command c, CancellationToken ct = default)
    {
        var errors = Check(c);
        code = (code ?? "").Trim().ToUpperInvariant();
        if (!kind.CanAdd)
        {
            errors.Add("Code", t["Entries cannot be added to this list."]);
        }
        else if (!CodePattern().IsMatch(code))
        {
            errors.Add("Code", t["A code is 2 to 20 capital letters, digits or dashes."]);
        }
        else if (await kind.FindAsync(db, code, ct) is not null)
        {
            errors.Add("Code", t["The code {0} is already in the list.", code]);
        }
        if (errors.Any)
        {
            return Outcome<ReferenceRow>.Invalid(errors);
        }
        var item = kind.Add(db, code);
        Apply(item, c);
        return await SaveAsync(kind, item, ct);
    }

    private async Task<Outcome<ReferenceRow>> SaveAsync(ReferenceKind kind, Data.Reference.IReferenceItem item, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Outcome<ReferenceRow>.Ok(kind.RowOf(item));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<ReferenceRow>.Conflict(t["Someone else changed this entry while you were editing. Reload to see their changes; nothing was saved."]);
        }
    }

    private Errors Check(Command c)
    {
        var errors = new Errors();
        foreach (var (field, value) in new[] { ("NameEn", c.NameEn), ("NameRu", c.NameRu), ("NameKk", c.NameKk) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, t["Enter the name in all three languages."]);
            }
            else if (value.Length > 200)
            {
                errors.Add(field, t["A name is at most 200 characters."]);
            }
        }
        return errors;
    }

    private static void Apply(Data.Reference.IReferenceItem item, Command c)
    {
        item.NameEn = c.NameEn.Trim();
        item.NameRu = c.NameRu.Trim();
        item.NameKk = c.NameKk.Trim();
        item.IsActive = c.IsActive;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,19}$")]
    private static partial Regex CodePattern();
}
