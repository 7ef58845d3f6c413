using Pana.Features.ReferenceData;

namespace Pana.Features.Identity.Users;

/// <summary>The fields of a user account that the create and edit forms share.</summary>
public sealed class UserFields
{
    public string DisplayName { get; set; } = "";
    public string? Email { get; set; }
    public Guid OrganisationId { get; set; }
    public string[] Roles { get; set; } = [];
    public List<OrganisationRow> Choices { get; set; } = [];
}
