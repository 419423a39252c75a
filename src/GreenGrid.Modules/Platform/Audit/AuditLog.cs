using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;

namespace GreenGrid.Platform.Audit;

/// <summary>
/// Writes the audit log. <see cref="Add"/> puts an entry into the same unit of work as the change it
/// describes, so both commit together; <see cref="Record"/> saves at once (reads, sign-ins, denials).
/// </summary>
public sealed class AuditLog(AppDb db, Caller caller, CurrentPrincipal current, CityClock clock)
{
    public async Task Add(AuditAction action, string subject, IEnumerable<long> ids, string? placePath, string? detail = null, CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        db.AuditEntries.Add(new AuditEntry
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
        });
    }

    public async Task Record(AuditAction action, string subject, IEnumerable<long> ids, string? placePath, string? detail = null, CancellationToken ct = default)
    {
        await Add(action, subject, ids, placePath, detail, ct);
        await db.SaveChangesAsync(ct);
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
