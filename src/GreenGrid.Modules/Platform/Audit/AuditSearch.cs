using System.Linq.Expressions;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Platform.Audit;

public sealed record AuditQuery(DateTime? From, DateTime? To, AuditAction? Action, string? UserName, string? Subject, int Skip = 0, int Take = 100);

public sealed record AuditEntryView(long Id, DateTime At, string? UserName, string? Role, string? RemoteAddress, AuditAction Action, string Subject, string? SubjectIds, string? Detail);

public sealed record AuditPage(int Total, AuditEntryView[] Entries);

/// <summary>
/// Searching the audit log, for administrators and HQ, inside their jurisdictions: an entry belongs
/// to the place of the records it touched. Entries that belong to no place (an unknown user's failed
/// sign-in) are seen only by those whose jurisdiction is a whole city.
/// </summary>
public sealed class AuditSearch(AppDb db, Caller caller)
{
    public const int MaxTake = 500;

    public async Task<AuditPage> Find(AuditQuery query, CancellationToken ct = default)
    {
        var account = await caller.Account(ct);
        if (account is null || !account.Has(Permissions.AuditRead))
        {
            return new AuditPage(0, []);
        }
        var entries = db.AuditEntries.AsNoTracking().Where(InJurisdiction(account));
        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            entries = entries.Where(e => e.UserName == query.UserName.Trim());
        }
        if (!string.IsNullOrWhiteSpace(query.Subject))
        {
            entries = entries.Where(e => e.Subject == query.Subject.Trim());
        }
        var total = await entries.CountAsync(ct);
        var page = await entries.OrderByDescending(e => e.Id).Skip(query.Skip).Take(query.Take)
            .Select(e => new AuditEntryView(e.Id, e.At, e.UserName, e.Role, e.RemoteAddress, e.Action, e.Subject, e.SubjectIds, e.Detail))
            .ToArrayAsync(ct);
        return new AuditPage(total, page);
    }

    /// <summary>Entries whose place lies in the caller's jurisdictions; placeless ones only for a whole city.</summary>
    private static Expression<Func<AuditEntry, bool>> InJurisdiction(CallerAccount account)
    {
        var inPlaces = TreePaths.WithinAny<AuditEntry>(e => e.PlacePath, account.Jurisdictions.Select(j => j.Path).ToArray());
        if (!account.Jurisdictions.Any(j => j.ParentId == null))
        {
            return inPlaces; // a NULL path compares false, so placeless entries stay out
        }
        var placeless = Expression.Equal(Expression.Property(inPlaces.Parameters[0], nameof(AuditEntry.PlacePath)), Expression.Constant(null, typeof(string)));
        return Expression.Lambda<Func<AuditEntry, bool>>(Expression.OrElse(placeless, inPlaces.Body), inPlaces.Parameters);
    }
}

internal static class AuditEndpoints
{
    public static void Map(RouteGroupBuilder audit) =>
        audit.MapGet("/", Search).WithSummary("Search the audit log inside the caller's jurisdictions, newest first.");

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> Search(
        AuditSearch search, CancellationToken ct, DateTime? from = null, DateTime? to = null, string? action = null,
        string? userName = null, string? subject = null, int skip = 0, int take = 100)
    {
        var errors = new ValidationErrors();
        if (skip < 0)
        {
            errors.Add("skip", PlatformMessages.NotNegative);
        }
        if (take is < 1 or > AuditSearch.MaxTake)
        {
            errors.Add("take", PlatformMessages.Between(1, AuditSearch.MaxTake));
        }
        if (from is not null && to is not null && from > to)
        {
            errors.Add("to", PlatformMessages.NotBeforeFrom);
        }
        AuditAction? parsedAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (Enum.TryParse<AuditAction>(action.Trim(), ignoreCase: true, out var known) && Enum.IsDefined(known))
            {
                parsedAction = known;
            }
            else
            {
                errors.Add("action", PlatformMessages.OneOf(Enum.GetNames<AuditAction>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)));
            }
        }
        errors.Text("userName", userName, 256, required: false);
        errors.Text("subject", subject, 32, required: false);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var query = new AuditQuery(from?.ToUniversalTime(), to?.ToUniversalTime(), parsedAction, userName, subject, skip, take);
        return TypedResults.Ok(await search.Find(query, ct));
    }
}
