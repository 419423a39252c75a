namespace GreenGrid.Platform.Audit;

/// <summary>
/// One line of the append-only audit log: who did what to which records, when and from where.
/// Nothing in the application updates or deletes an entry, and the database refuses it too
/// (triggers in the migrations).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long? AccountId { get; set; }
    public string? UserName { get; set; }
    public string? Role { get; set; }
    public string? RemoteAddress { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>The kind of record touched: "resident", "household", "place", "account", "endpoint".</summary>
    public required string Subject { get; set; }

    /// <summary>The ids of the records touched, comma-separated.</summary>
    public string? SubjectIds { get; set; }

    /// <summary>Path of the place the records belong to, so that a jurisdiction sees its own entries.</summary>
    public string? PlacePath { get; set; }
    public string? Detail { get; set; }
}

public enum AuditAction
{
    Read,
    Create,
    Update,
    Move,
    Retire,
    Export,
    Reveal,
    SignIn,
    SignInFailed,
    SignOut,
    Denied,
    PasswordChanged,
    Import,
    Merge,
    Unmerge,
}
