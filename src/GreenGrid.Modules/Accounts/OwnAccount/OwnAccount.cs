using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.OwnAccount;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The signed-in account: who am I, and change my password.</summary>
internal static class OwnAccount
{
    public static void Map(RouteGroupBuilder me)
    {
        me.MapGet("/", Get).WithSummary("The signed-in account, its role, permissions and jurisdictions.");
        me.MapPost("/password", ChangePassword).WithSummary("Change the signed-in account's password.");
    }

    private static async Task<Results<Ok<AccountView>, UnauthorizedHttpResult>> Get(Caller caller, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (await caller.Account(ct) is not { } me)
        {
            return TypedResults.Unauthorized();
        }
        var account = await db.Users.AsNoTracking().FirstAsync(a => a.Id == me.Id, ct);
        return TypedResults.Ok(AccountView.Of(account, me.Jurisdictions.Select(j => j.Id), time.GetUtcNow()));
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ChangePassword(
        ChangePasswordRequest request, Caller caller, UserManager<Account> users, AuditLog audit, CancellationToken ct)
    {
        if (await caller.Account(ct) is not { } me)
        {
            return TypedResults.Unauthorized();
        }
        var errors = new ValidationErrors();
        if (string.IsNullOrEmpty(request.CurrentPassword))
        {
            errors.Add("currentPassword", PlatformMessages.Required);
        }
        AccountRules.Password(errors, "newPassword", request.NewPassword);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var account = await users.FindByIdAsync(me.Id.ToString());
        var result = await users.ChangePasswordAsync(account!, request.CurrentPassword!, request.NewPassword!);
        if (!result.Succeeded)
        {
            return Problems.Invalid(AccountRules.ErrorsOf(result, "newPassword"));
        }
        await audit.Record(AuditAction.PasswordChanged, "account", [me.Id], null, null, ct);
        return TypedResults.NoContent();
    }
}
