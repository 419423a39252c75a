using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Accounts.ManageAccounts.CreateAccount;

public sealed record CreateAccountRequest(string? UserName, string? DisplayName, Role? Role, string? Password, long[]? JurisdictionIds, long? HouseholdId);

/// <summary>
/// Create an account with a password, a role and jurisdictions inside the administrator's own (or a household for a
/// resident), with its audit entry in the same transaction.
/// </summary>
internal sealed class CreateAccount(AppDb db, AccountScope scope, UserManager<Account> users, AuditLog audit, TimeProvider time)
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/", Create).WithSummary("Create an account with a role and jurisdictions (or a household for a resident).");

    private static async Task<Results<Created<AccountView>, ValidationProblem>> Create(CreateAccountRequest request, CreateAccount create, CancellationToken ct)
    {
        var (created, errors) = await create.Handle(request, ct);
        return created is null ? Problems.Invalid(errors) : TypedResults.Created($"/api/v1/accounts/{created.Id}", created);
    }

    public async Task<(AccountView? Created, ValidationErrors Errors)> Handle(CreateAccountRequest request, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var userName = errors.Text("userName", request.UserName, SignIn.SignInAttempts.UserNameMaxLength);
        var displayName = errors.Text("displayName", request.DisplayName, 100);
        AccountRules.Password(errors, "password", request.Password);
        var (role, jurisdictions, householdId) = await scope.Assignment(errors, request.Role, request.JurisdictionIds, request.HouseholdId, ct);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        var account = new Account
        {
            UserName = userName, DisplayName = displayName!, Role = role, HouseholdId = householdId, CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(account, request.Password!);
        if (!result.Succeeded)
        {
            return (null, AccountRules.ErrorsOf(result, "password"));
        }
        db.AccountJurisdictions.AddRange(jurisdictions.Select(p => new AccountJurisdiction { AccountId = account.Id, PlaceId = p.Id }));
        await audit.Add(AuditAction.Create, "account", [account.Id], jurisdictions.FirstOrDefault()?.Path, $"{account.UserName} as {role}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (AccountView.Of(account, jurisdictions.Select(j => j.Id), time.GetUtcNow()), errors);
    }
}
