using Microsoft.AspNetCore.Identity;
using Pana.Data.Reference;

namespace Pana.Data.Identity;

/// <summary>A person who signs in to Pana; the organisation scopes what a partner caseworker may see.</summary>
public class PanaUser : IdentityUser
{
    public PanaUser() => Id = Guid.CreateVersion7().ToString();

    [PersonalData]
    public string DisplayName { get; set; } = "";
    public Guid OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    /// <summary>A deactivated account cannot sign in or use its tokens; it is kept for the audit trail.</summary>
    public bool IsActive { get; set; } = true;
    public DateTime CreatedAt { get; set; }
}

/// <summary>A bearer token a program uses for /api/v1; only its SHA-256 hash is stored.</summary>
public class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public string UserId { get; set; } = "";
    public PanaUser? User { get; set; }
    public string Name { get; set; } = "";
    public string TokenHash { get; set; } = "";
    /// <summary>The first characters of the token, shown so that people can tell their tokens apart.</summary>
    public string Prefix { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }
}
