using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;

namespace GreenGrid.Platform.Audit;

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts an entry into the same unit of work as the change it
/// describes, so both commit together; <see cref="Record"/> stores an entry on its own at once (reads,
/// sign-ins, denials, changes already saved) through the group commit (docs/adr/0024-audit-entries-by-group-commit.md).
/// </summary>
public sealed class AuditLog(AppDb db, Caller caller, CurrentPrincipal current, CityClock clock, GroupCommit commits)
{
    public async Task Add(AuditAction action, string subject, IEnumerable<long> ids, string? placePath, string? detail = null, CancellationToken ct = default) =>
        db.AuditEntries.Add(await Entry(action, subject, ids, placePath, detail, ct));

    /// <summary>
    /// Returns once the entry is committed. Sixteen audited reads at once wait for one commit together
    /// instead of sixteen in a row; a failed commit throws here, so the read it audits is not answered.
    /// The entry goes alone: this unit of work must hold nothing unsaved (else <see cref="Add"/> it to that change).
    /// </summary>
    public async Task Record(AuditAction action, string subject, IEnumerable<long> ids, string? placePath, string? detail = null, CancellationToken ct = default)
    {
        if (db.ChangeTracker.HasChanges() || db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("AuditLog.Record stores its entry on its own: save the change first, or Add the entry to it");
        }
        await commits.Insert([await Entry(action, subject, ids, placePath, detail, ct)]);
    }

    private async Task<AuditEntry> Entry(AuditAction action, string subject, IEnumerable<long> ids, string? placePath, string? detail, CancellationToken ct)
    {
        var account = await caller.Account(ct);
        return new AuditEntry
        {
            At = clock.UtcNow,
            AccountId = account?.Id,
            UserName = account?.UserName ?? current.UserNameTried,
            Role = account?.Role.ToString(),
            RemoteAddress = current.RemoteAddress,
            Action = action,
            Subject = subject,
            SubjectIds = Truncate(string.Join(",", ids), AuditDbConfig.SubjectIdsMaxLength),
            // An entry with no place of its own (a sign-in, a denial) belongs to the acting account's place.
            PlacePath = placePath ?? account?.Jurisdictions.FirstOrDefault()?.Path,
            Detail = Truncate(detail, AuditDbConfig.DetailMaxLength),
        };
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
