using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pana.Data.Registry;
using Pana.Features.ReferenceData;
using Pana.Infrastructure;
using Pana.Infrastructure.Access;

namespace Pana.Features.Registry;

/// <summary>Registering a household with its members in one flow, with the duplicate check before anything is saved.</summary>
[Authorize(Policy = Policies.Register)]
public sealed class RegisterModel(RegisterHousehold register, ReferenceDirectory reference, IStringLocalizer<UiText> t) : PageModel
{
    [BindProperty] public string OperationCode { get; set; } = "KAZ";
    [BindProperty] public string? Office { get; set; }
    [BindProperty] public List<MemberForm> Members { get; set; } = [new() { Relationship = Relationship.FocalPoint }];

    public RegistryChoices Choices { get; private set; } = null!;
    public IReadOnlyDictionary<int, DuplicateReport> Duplicates { get; private set; } = new Dictionary<int, DuplicateReport>();

    public async Task OnGetAsync(CancellationToken ct) => Choices = await RegistryChoices.LoadAsync(reference, ct);

    public async Task<IActionResult> OnPostAddMemberAsync(CancellationToken ct)
    {
        var first = Members.FirstOrDefault()?.Person ?? new PersonDetails();
        // A new member lives where the household lives and usually shares its origin.
        Members.Add(new MemberForm
        {
            Relationship = Relationship.Son,
            Person = new PersonDetails
            {
                FamilyName = first.FamilyName,
                OriginCode = first.OriginCode,
                NationalityCode = first.NationalityCode,
                RegionCode = first.RegionCode,
                City = first.City,
                Address = first.Address,
                Phone = first.Phone,
                Languages = first.Languages,
                Ethnicity = first.Ethnicity,
                ConsentGiven = first.ConsentGiven,
                ConsentDate = first.ConsentDate,
                ConsentPurpose = first.ConsentPurpose,
                BirthDatePrecision = DatePrecision.Exact,
            },
            PopulationTypeCode = Members.FirstOrDefault()?.PopulationTypeCode,
            StatusFrom = Members.FirstOrDefault()?.StatusFrom,
        });
        ModelState.Clear();
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostRemoveMemberAsync(int index, CancellationToken ct)
    {
        if (index > 0 && index < Members.Count)
        {
            Members.RemoveAt(index);
        }
        ModelState.Clear();
        return await PageAsync(ct);
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var outcome = await register.HandleAsync(new RegisterHousehold.Command(OperationCode, Office, null, null, Members.Select(m => m.ToMember()).ToList()), ct);
        if (!outcome.Succeeded)
        {
            outcome.CopyTo(ModelState);
            return await PageAsync(ct);
        }
        if (!outcome.Value!.Saved)
        {
            Duplicates = outcome.Value.Duplicates;
            return await PageAsync(ct);
        }
        TempData["Message"] = t["Household {0} is registered.", outcome.Value.RegistrationNumber!].Value;
        return Redirect($"/Registry/Household/{outcome.Value.HouseholdId}");
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        Choices = await RegistryChoices.LoadAsync(reference, ct);
        return Page();
    }

    /// <summary>One member as the form carries it.</summary>
    public sealed class MemberForm
    {
        public PersonDetails Person { get; set; } = new() { BirthDatePrecision = DatePrecision.Exact };
        public Relationship Relationship { get; set; }
        public string? PopulationTypeCode { get; set; }
        public string? PopulationSubTypeCode { get; set; }
        public DateOnly? StatusFrom { get; set; }
        public string? StatusBasis { get; set; }
        public string? NeedCode { get; set; }
        public string? NeedNotes { get; set; }
        public string? DocumentTypeCode { get; set; }
        public string? DocumentNumber { get; set; }
        public string? DocumentIssuer { get; set; }
        public DateOnly? DocumentIssued { get; set; }
        public DateOnly? DocumentExpires { get; set; }
        /// <summary>After a duplicate check: "new", or the id of the person already registered.</summary>
        public string? Decision { get; set; }

        public RegisterHousehold.Member ToMember() => new(
            Person, Relationship,
            string.IsNullOrEmpty(PopulationTypeCode) ? null : new StatusStep(PopulationTypeCode, Empty(PopulationSubTypeCode), StatusFrom ?? DateOnly.FromDateTime(DateTime.UtcNow), StatusBasis),
            string.IsNullOrEmpty(NeedCode) ? null : [new NeedEntry(NeedCode, null, NeedNotes)],
            string.IsNullOrEmpty(DocumentTypeCode) || string.IsNullOrWhiteSpace(DocumentNumber) ? null
                : [new DocumentEntry(DocumentTypeCode, DocumentNumber, DocumentIssuer, DocumentIssued, DocumentExpires)],
            ConfirmedNew: Decision == "new",
            ExistingPersonId: Guid.TryParse(Decision, out var id) ? id : null);

        private static string? Empty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
    }
}
