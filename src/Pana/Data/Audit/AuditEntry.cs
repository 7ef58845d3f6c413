namespace Pana.Data.Audit;

/// <summary>One line of the append-only audit log; sealed into the hash chain once ChainIndex is set.</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime OccurredAt { get; set; }
    public string? ActorUserId { get; set; }
    public string ActorName { get; set; } = "";
    public Guid? ActorOrganisationId { get; set; }
    public string IpAddress { get; set; } = "";
    public AuditAction Action { get; set; }
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    /// <summary>The person or household the entry concerns, so that their timeline and who saw them can be read back.</summary>
    public Guid? SubjectId { get; set; }
    public string Summary { get; set; } = "";
    /// <summary>JSON list of changed fields: name, and old and new values unless the field is sensitive.</summary>
    public string Changes { get; set; } = "";
    public string CorrelationId { get; set; } = "";
    public long? ChainIndex { get; set; }
    public string? PreviousHash { get; set; }
    public string? Hash { get; set; }
}

public enum AuditAction
{
    Create,
    Update,
    Delete,
    View,
    Export,
    SignIn,
    SignInFailed,
    LockedOut,
    SignOut,
    TokenIssued,
    TokenRevoked,
    PermissionChange,
    AccessDenied,
    System,
}

/// <summary>The end of the sealed chain, so that cutting entries off the tail is detected too.</summary>
public class AuditChainHead
{
    public int Id { get; set; } = 1;
    public long LastIndex { get; set; }
    public string LastHash { get; set; } = "";
}
