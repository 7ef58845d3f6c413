using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

[Authorize(Policy = Policies.PersonalData)]
[PostRequires(Policies.Register)]
public sealed class PersonModel(PersonRecord record, ChangeStatus status, RecordNeedsAndDocuments records, ReferenceDirectory reference,
    IAuthorizationService authorization, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public StatusForm Step { get; set; } = new();
    [BindProperty] public NeedForm Need { get; set; } = new();
    [BindProperty] public DocumentForm Document { get; set; } = new();

    public PersonView Person { get; private set; } = null!;
    public List<TimelineEntry> Timeline { get; private set; } = [];
    public bool MayEdit { get; private set; }
    public bool MayMerge { get; private set; }
    public List<Choice> Countries { get; private set; } = [];
    public List<Choice> Operations { get; private set; } = [];
    public List<Choice> Regions { get; private set; } = [];
    public List<Choice> PopulationTypes { get; private set; } = [];
    public List<Choice> SubTypes { get; private set; } = [];
    public List<Choice> Needs { get; private set; } = [];
    public List<Choice> DocumentTypes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        var step = new StatusStep(Empty(Step.PopulationTypeCode), Empty(Step.PopulationSubTypeCode), Step.EffectiveFrom ?? DateOnly.MinValue, Step.Basis, Step.Ceased);
        if (Step.EffectiveFrom is null)
        {
            ModelState.AddModelError("Step.EffectiveFrom", t["Enter the date the status takes effect."]);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        return await After(await status.AddAsync(Id, step, ct), "Step.", t["The status is changed."], ct);
    }

    public async Task<IActionResult> OnPostNeedAsync(CancellationToken ct) =>
        await After(await records.AddNeedAsync(Id, new NeedEntry(Need.CategoryCode, null, Need.Notes), ct), "Need.", t["The need is recorded."], ct);

    public async Task<IActionResult> OnPostResolveNeedAsync(Guid needId, CancellationToken ct) =>
        await After(await records.ResolveNeedAsync(Id, needId, null, ct), "", t["The need is marked resolved."], ct);

    public async Task<IActionResult> OnPostDocumentAsync(CancellationToken ct) =>
        await After(await records.AddDocumentAsync(Id, new DocumentEntry(Document.DocumentTypeCode, Document.Number ?? "", Document.Issuer, Document.IssuedOn, Document.ExpiresOn), ct),
            "Document.", t["The document is recorded."], ct);

    public async Task<IActionResult> OnPostRemoveDocumentAsync(Guid documentId, CancellationToken ct) =>
        await After(await records.RemoveDocumentAsync(Id, documentId, ct), "", t["The document is removed."], ct);

    private async Task<IActionResult> After<T>(Outcome<T> outcome, string prefix, string done, CancellationToken ct)
    {
        if (outcome.Kind == OutcomeKind.NotFound)
        {
            return NotFound();
        }
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState, f => prefix + f);
            return await LoadAsync(ct) ? Page() : NotFound();
        }
        TempData["Message"] = done;
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await record.ReadAsync(Id, ct) is not { } person)
        {
            return false;
        }
        Person = person;
        Timeline = await record.TimelineAsync(Id, ct);
        MayEdit = (await authorization.AuthorizeAsync(User, Policies.Register)).Succeeded;
        MayMerge = (await authorization.AuthorizeAsync(User, Policies.Merge)).Succeeded;
        Countries = await reference.ChoicesAsync("countries", ct);
        Operations = await reference.ChoicesAsync("operations", ct);
        Regions = await reference.ChoicesAsync("regions", ct);
        PopulationTypes = await reference.ChoicesAsync("population-types", ct);
        SubTypes = await reference.ChoicesAsync("population-sub-types", ct);
        Needs = await reference.ChoicesAsync("specific-needs", ct);
        DocumentTypes = await reference.ChoicesAsync("document-types", ct);
        return true;
    }

    private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    public sealed class StatusForm
    {
        public string? PopulationTypeCode { get; set; }
        public string? PopulationSubTypeCode { get; set; }
        public Data.Registry.CessationReason? Ceased { get; set; }
        public DateOnly? EffectiveFrom { get; set; }
        public string? Basis { get; set; }
    }

    public sealed class NeedForm
    {
        public string CategoryCode { get; set; } = "";
        public string? Notes { get; set; }
    }

    public sealed class DocumentForm
    {
        public string DocumentTypeCode { get; set; } = "";
        public string? Number { get; set; }
        public string? Issuer { get; set; }
        public DateOnly? IssuedOn { get; set; }
        public DateOnly? ExpiresOn { get; set; }
    }
}
