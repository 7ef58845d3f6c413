using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Features.ReferenceData;
using Pana.Infrastructure.Access;
using Pana.Infrastructure.Tables;

namespace Pana.Features.Registry;

/// <summary>Upload a file in the import template, see what was imported and why rows were not, take the rejected rows home.</summary>
[Authorize(Policy = Policies.Register)]
[RequestFormLimits(MultipartBodyLengthLimit = ImportRegistry.MaxFileBytes + (64 * 1024))]
[RequestSizeLimit(ImportRegistry.MaxFileBytes + (1024 * 1024))]
public sealed class ImportModel(ImportRegistry import, ReferenceDirectory reference, CurrentUser user, IDataProtectionProvider protection,
    IStringLocalizer<UiText> t) : PageModel
{
    public const int RowsShown = 200;

    [BindProperty] public string? Operation { get; set; }
    [BindProperty(Name = "file")] public IFormFile? Upload { get; set; }

    public List<Choice> Operations { get; private set; } = [];
    public ImportReport? Report { get; private set; }
    public string? ErrorFileId { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Operations = await reference.ChoicesAsync("operations", ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Operations = await reference.ChoicesAsync("operations", ct);
        if (string.IsNullOrWhiteSpace(Operation))
        {
            ModelState.AddModelError(nameof(Operation), t["Choose the operation."]);
        }
        if (Upload is not { Length: > 0 })
        {
            ModelState.AddModelError("file", t["Choose the file to import."]);
        }
        else if (Upload.Length > ImportRegistry.MaxFileBytes)
        {
            ModelState.AddModelError("file", t["The file is larger than 20 MB; split it into smaller files."]);
        }
        if (ModelState.ErrorCount > 0)
        {
            return Page();
        }
        ImportReport report;
        await using (var stream = Upload!.OpenReadStream())
        {
            report = await import.HandleAsync(stream, Upload.FileName, Operation!, ct);
        }
        if (report.Problem is { } problem)
        {
            ModelState.AddModelError("file", problem);
            return Page();
        }
        Report = report;
        if (report.Rejected.Count > 0)
        {
            ErrorFileId = await Files().SaveAsync(report, ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetTemplateAsync(CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await ImportTemplate.WriteAsync(buffer, ct);
        return File(buffer.ToArray(), TableWriter.CsvType, "pana-import-template.csv");
    }

    public async Task<IActionResult> OnGetErrorsAsync(string? id, CancellationToken ct) =>
        await Files().TakeAsync(id, ct) is { } file ? File(file.Content, file.ContentType, file.Name) : NotFound();

    public string Errors(string key) => string.Join(" ", ModelState[key]?.Errors.Select(e => e.ErrorMessage) ?? []);

    private ImportErrorFiles Files() => new(protection, user.UserId ?? "");
}
