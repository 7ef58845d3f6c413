using System.Security.Claims;
using Pana.Data.Identity;

namespace Pana.Infrastructure.Access;

/// <summary>Who is acting on this request, from where, and which organisation scopes what they see.</summary>
public sealed class CurrentUser(IHttpContextAccessor http)
{
    public const string OrganisationClaim = "pana:org";
    public const string DisplayNameClaim = "pana:name";

    private ClaimsPrincipal? Principal => http.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public string? UserId => IsAuthenticated ? Principal!.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public string Name => IsAuthenticated ? Principal!.Identity!.Name ?? "" : (http.HttpContext is null ? "system" : "anonymous");
    public Guid? OrganisationId => Guid.TryParse(Principal?.FindFirstValue(OrganisationClaim), out var id) ? id : null;
    public string IpAddress => http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "";
    public string CorrelationId => http.HttpContext?.TraceIdentifier ?? "";
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;

    /// <summary>True when records must be limited to those shared with the user's organisation.</summary>
    public bool IsScopedToOrganisation => IsInRole(Roles.PartnerCaseworker) && !IsInRole(Roles.Administrator);

    /// <summary>Government counterparts see aggregates only, never a person's data.</summary>
    public bool MaySeePersonalData => Roles.All.Any(r => r != Roles.GovernmentViewer && IsInRole(r));
}
