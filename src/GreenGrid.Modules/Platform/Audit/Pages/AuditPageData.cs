using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;

namespace GreenGrid.Platform.Audit.Pages;

/// <summary>The filters of the audit page, as a user sets them: days of the city, not instants.</summary>
public sealed record AuditFilter(DateOnly? From, DateOnly? To, AuditAction? Action, string? UserName, string? Subject);

/// <summary>Reads the audit log for the page, in a scope acting as the page's caller; <see cref="AuditSearch"/> keeps it inside the caller's jurisdictions.</summary>
internal sealed class AuditPageData(IServiceScopeFactory scopes, CurrentPrincipal current, CityClock clock)
{
    public const int PageSize = 50;

    /// <summary>The kinds of records the log names (AuditEntry.Subject), for the filter.</summary>
    public static readonly string[] Subjects = ["account", "household", "resident", "place", "grid", "endpoint"];

    public async Task<AuditPage> Find(AuditFilter filter, int page, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        var query = new AuditQuery(
            filter.From is { } from ? clock.StartOf(from) : null,
            // "To" is inclusive: up to the start of the next day.
            filter.To is { } to ? clock.StartOf(to.AddDays(1)) : null,
            filter.Action,
            string.IsNullOrWhiteSpace(filter.UserName) ? null : filter.UserName.Trim(),
            filter.Subject,
            Skip: Math.Max(0, page - 1) * PageSize,
            Take: PageSize);
        return await scope.ServiceProvider.GetRequiredService<AuditSearch>().Find(query, ct);
    }
}
