using Microsoft.EntityFrameworkCore;
using Pana.Data;
using Pana.Data.Registry;
using Pana.Infrastructure;

namespace Pana.Features.Registry;

/// <summary>Adds and resolves a person's specific needs, and adds, changes and removes their documents.</summary>
public sealed class RecordNeedsAndDocuments(PanaDb db, PersonScope scope, PersonRules rules)
{
    public async Task<Outcome<NeedView>> AddNeedAsync(Guid personId, NeedEntry need, CancellationToken ct = default)
    {
        if (!await scope.Persons.AnyAsync(p => p.Id == personId, ct))
        {
            return Outcome<NeedView>.Missing();
        }
        var errors = new Errors();
        await rules.CheckNeedAsync(errors, "", need, ct);
        if (errors.Any)
        {
            return Outcome<NeedView>.Invalid(errors);
        }
        var n = new SpecificNeed { PersonId = personId, CategoryCode = need.CategoryCode, IdentifiedOn = need.IdentifiedOn ?? rules.Today, Notes = need.Notes?.Trim() ?? "" };
        db.SpecificNeeds.Add(n);
        await db.SaveChangesAsync(ct);
        return Outcome<NeedView>.Ok(new NeedView(n.Id, n.CategoryCode, n.IdentifiedOn, n.ResolvedOn, n.Notes));
    }

    public async Task<Outcome<bool>> ResolveNeedAsync(Guid personId, Guid needId, DateOnly? on, CancellationToken ct = default)
    {
        var need = await scope.Persons.AnyAsync(p => p.Id == personId, ct)
            ? await db.SpecificNeeds.SingleOrDefaultAsync(n => n.Id == needId && n.PersonId == personId, ct)
            : null;
        if (need is null)
        {
            return Outcome<bool>.Missing();
        }
        need.ResolvedOn = on ?? rules.Today;
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }

    public async Task<Outcome<DocumentView>> AddDocumentAsync(Guid personId, DocumentEntry document, CancellationToken ct = default)
    {
        if (!await scope.Persons.AnyAsync(p => p.Id == personId, ct))
        {
            return Outcome<DocumentView>.Missing();
        }
        var errors = new Errors();
        await rules.CheckDocumentAsync(errors, "", document, ct);
        if (errors.Any)
        {
            return Outcome<DocumentView>.Invalid(errors);
        }
        var d = rules.Document(personId, document);
        db.PersonDocuments.Add(d);
        await db.SaveChangesAsync(ct);
        return Outcome<DocumentView>.Ok(DocumentView.Of(d, rules.Today));
    }

    public async Task<Outcome<DocumentView>> UpdateDocumentAsync(Guid personId, Guid documentId, DocumentEntry entry, CancellationToken ct = default)
    {
        var document = await scope.Persons.AnyAsync(p => p.Id == personId, ct)
            ? await db.PersonDocuments.SingleOrDefaultAsync(d => d.Id == documentId && d.PersonId == personId, ct)
            : null;
        if (document is null)
        {
            return Outcome<DocumentView>.Missing();
        }
        var errors = new Errors();
        await rules.CheckDocumentAsync(errors, "", entry, ct);
        if (errors.Any)
        {
            return Outcome<DocumentView>.Invalid(errors);
        }
        var updated = rules.Document(personId, entry);
        (document.DocumentTypeCode, document.Number, document.NumberKey, document.Issuer, document.IssuedOn, document.ExpiresOn) =
            (updated.DocumentTypeCode, updated.Number, updated.NumberKey, updated.Issuer, updated.IssuedOn, updated.ExpiresOn);
        await db.SaveChangesAsync(ct);
        return Outcome<DocumentView>.Ok(DocumentView.Of(document, rules.Today));
    }

    public async Task<Outcome<bool>> RemoveDocumentAsync(Guid personId, Guid documentId, CancellationToken ct = default)
    {
        var document = await scope.Persons.AnyAsync(p => p.Id == personId, ct)
            ? await db.PersonDocuments.SingleOrDefaultAsync(d => d.Id == documentId && d.PersonId == personId, ct)
            : null;
        if (document is null)
        {
            return Outcome<bool>.Missing();
        }
        db.PersonDocuments.Remove(document);
        await db.SaveChangesAsync(ct);
        return Outcome<bool>.Ok(true);
    }
}
