using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts.UpdateAccount;

public sealed record UpdateAccountRequest(string? DisplayName, Role? Role, long[]? JurisdictionIds, long? HouseholdId);

/// <summary>
/// Change the name, role and jurisdictions (or household) of an account the administrator manages, audited in the
/// same transaction; the account's sessions and tokens pick up the change at once.
/// </summary>
internal sealed class UpdateAccount(AppDb db, AccountScope scope, UserManager<Account> users, AuditLog audit, TimeProvider time)
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPut("/{id:long}", Update).WithSummary("Change an account's name, role and jurisdictions.");

    private static async Task<Results<Ok<AccountView>, ValidationProblem, ProblemHttpResult>> Update(
        long id, UpdateAccountRequest request, UpdateAccount update, CancellationToken ct) =>
        await update.Handle(id, request, ct) switch
        {
            null => Problems.NotFound(AccountMessages.NotFound(id)),
            ({ } updated, _) => TypedResults.Ok(updated),
            (null, var errors) => Problems.Invalid(errors),
        };

    /// <returns>null when the account is not the caller's to see.</returns>
    public async Task<(AccountView? Updated, ValidationErrors Errors)?> Handle(long id, UpdateAccountRequest request, CancellationToken ct = default)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || await scope.Of(account, ct) is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var displayName = errors.Text("displayName", request.DisplayName, 100);
        var (role, jurisdictions, householdId) = await scope.Assignment(errors, request.Role, request.JurisdictionIds, request.HouseholdId, ct);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        account.Reassign(displayName!, role, householdId);
        await db.AccountJurisdictions.Where(j => j.AccountId == id).ExecuteDeleteAsync(ct);
        db.AccountJurisdictions.AddRange(jurisdictions.Select(p => new AccountJurisdiction { AccountId = id, PlaceId = p.Id }));
        await audit.Add(AuditAction.Update, "account", [id], jurisdictions.FirstOrDefault()?.Path, $"{account.UserName} as {role}", ct);
        await db.SaveChangesAsync(ct);
        // Sessions and tokens of the account pick up the change at once.
        await users.UpdateSecurityStampAsync(account);
        await transaction.CommitAsync(ct);
        return (AccountView.Of(account, jurisdictions.Select(j => j.Id), time.GetUtcNow()), errors);
    }
}
