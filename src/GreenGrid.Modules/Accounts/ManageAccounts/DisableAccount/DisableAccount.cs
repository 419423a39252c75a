using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts.DisableAccount;

/// <summary>
/// Disable an account the administrator manages, or enable it again, audited; its sessions and tokens follow at
/// once (a new security stamp).
/// </summary>
internal sealed class DisableAccount(AppDb db, AccountScope scope, UserManager<Account> users, AuditLog audit, TimeProvider time)
{
    public static void Map(RouteGroupBuilder accounts)
    {
        accounts.MapPost("/{id:long}/disable", (long id, DisableAccount disable, CancellationToken ct) => Set(id, true, disable, ct))
            .WithSummary("Disable an account: its sessions and tokens stop working at once.");
        accounts.MapPost("/{id:long}/enable", (long id, DisableAccount disable, CancellationToken ct) => Set(id, false, disable, ct))
            .WithSummary("Enable a disabled account.");
    }

    private static async Task<Results<Ok<AccountView>, ProblemHttpResult>> Set(long id, bool disabled, DisableAccount disable, CancellationToken ct) =>
        await disable.Handle(id, disabled, ct) is { } account ? TypedResults.Ok(account) : Problems.NotFound(AccountMessages.NotFound(id));

    /// <returns>null when the account is not the caller's to see.</returns>
    public async Task<AccountView?> Handle(long id, bool disabled, CancellationToken ct = default)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || await scope.Of(account, ct) is not { } jurisdictions)
        {
            return null;
        }
        if (disabled)
        {
            account.Disable();
        }
        else
        {
            account.Enable();
        }
        await audit.Add(AuditAction.Update, "account", [id], null, disabled ? "disabled" : "enabled", ct);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(account);
        return AccountView.Of(account, jurisdictions, time.GetUtcNow());
    }
}
