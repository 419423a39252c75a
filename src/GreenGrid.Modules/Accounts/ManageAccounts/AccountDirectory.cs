using GreenGrid.Register;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.ManageAccounts;

public sealed record CreateAccountRequest(string? UserName, string? DisplayName, Role? Role, string? Password, long[]? JurisdictionIds, long? HouseholdId);

public sealed record UpdateAccountRequest(string? DisplayName, Role? Role, long[]? JurisdictionIds, long? HouseholdId);

/// <summary>
/// Accounts as an administrator manages them, inside the administrator's own jurisdictions: an
/// account is theirs when every place it covers (or a resident's household) lies inside them, and
/// they can give away only places they cover themselves.
/// </summary>
public sealed class AccountDirectory(AppDb db, Caller caller, UserManager<Account> users, AuditLog audit, TimeProvider time)
{
    public async Task<List<AccountView>> List(CancellationToken ct = default)
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct);
        var views = new List<AccountView>();
        foreach (var account in accounts)
        {
            if (await Scope(account, ct) is { } jurisdictions)
            {
                views.Add(AccountView.Of(account, jurisdictions, time.GetUtcNow()));
            }
        }
        return views;
    }

    public async Task<AccountView?> Find(long id, CancellationToken ct = default)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return account is not null && await Scope(account, ct) is { } jurisdictions ? AccountView.Of(account, jurisdictions, time.GetUtcNow()) : null;
    }

    public async Task<(AccountView? Created, ValidationErrors Errors)> Create(CreateAccountRequest request, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var userName = errors.Text("userName", request.UserName, SignIn.SignInAttempts.UserNameMaxLength);
        var displayName = errors.Text("displayName", request.DisplayName, 100);
        AccountRules.Password(errors, "password", request.Password);
        var (role, jurisdictions, householdId) = await Assignment(errors, request.Role, request.JurisdictionIds, request.HouseholdId, ct);
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

    /// <returns>null when the account is not the caller's to see.</returns>
    public async Task<(AccountView? Updated, ValidationErrors Errors)?> Update(long id, UpdateAccountRequest request, CancellationToken ct = default)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || await Scope(account, ct) is null)
        {
            return null;
        }
        var errors = new ValidationErrors();
        var displayName = errors.Text("displayName", request.DisplayName, 100);
        var (role, jurisdictions, householdId) = await Assignment(errors, request.Role, request.JurisdictionIds, request.HouseholdId, ct);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        account.DisplayName = displayName!;
        account.Role = role;
        account.HouseholdId = householdId;
        await db.AccountJurisdictions.Where(j => j.AccountId == id).ExecuteDeleteAsync(ct);
        db.AccountJurisdictions.AddRange(jurisdictions.Select(p => new AccountJurisdiction { AccountId = id, PlaceId = p.Id }));
        await audit.Add(AuditAction.Update, "account", [id], jurisdictions.FirstOrDefault()?.Path, $"{account.UserName} as {role}", ct);
        await db.SaveChangesAsync(ct);
        // Sessions and tokens of the account pick up the change at once.
        await users.UpdateSecurityStampAsync(account);
        await transaction.CommitAsync(ct);
        return (AccountView.Of(account, jurisdictions.Select(j => j.Id), time.GetUtcNow()), errors);
    }

    /// <returns>null when the account is not the caller's to see.</returns>
    public async Task<AccountView?> SetDisabled(long id, bool disabled, CancellationToken ct = default)
    {
        var account = await db.Users.FirstOrDefaultAsync(a => a.Id == id, ct);
        if (account is null || await Scope(account, ct) is not { } jurisdictions)
        {
            return null;
        }
        account.IsDisabled = disabled;
        await audit.Add(AuditAction.Update, "account", [id], null, disabled ? "disabled" : "enabled", ct);
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(account);
        return AccountView.Of(account, jurisdictions, time.GetUtcNow());
    }

    /// <summary>The account's jurisdiction ids when the caller may manage it, else null.</summary>
    private async Task<long[]?> Scope(Account account, CancellationToken ct)
    {
        if (await caller.Account(ct) is not { } me || !me.Has(Permissions.AccountsManage))
        {
            return null;
        }
        var places = await db.Places().AsNoTracking()
            .Where(p => db.AccountJurisdictions.Any(j => j.AccountId == account.Id && j.PlaceId == p.Id)).ToListAsync(ct);
        if (account.HouseholdId is { } householdId)
        {
            var building = await db.Places().AsNoTracking()
                .FirstOrDefaultAsync(p => RegisterReads.Households(db).Any(h => h.Id == householdId && h.BuildingId == p.Id), ct);
            return building is not null && me.Covers(building) ? places.Select(p => p.Id).ToArray() : null;
        }
        return places.Count > 0 && places.All(me.Covers) ? places.Select(p => p.Id).ToArray() : null;
    }

    private async Task<(Role Role, List<Place> Jurisdictions, long? HouseholdId)> Assignment(
        ValidationErrors errors, Role? role, long[]? jurisdictionIds, long? householdId, CancellationToken ct)
    {
        var me = await caller.Account(ct);
        if (role is null)
        {
            errors.Add("role", $"is required: one of {string.Join(", ", AccountRules.AllRoles.Select(r => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(r.ToString())))}");
            return (default, [], null);
        }
        var ids = (jurisdictionIds ?? []).Distinct().ToArray();
        var places = await db.Places().AsNoTracking().Where(p => ids.Contains(p.Id) && p.RetiredAt == null).ToListAsync(ct);
        foreach (var id in ids.Where(id => places.All(p => p.Id != id) || !me!.Covers(places.First(p => p.Id == id))))
        {
            // A place outside the administrator's reach is answered as if it did not exist.
            errors.Add("jurisdictionIds", $"place {id} does not exist");
        }
        if (role == Role.Resident)
        {
            if (ids.Length > 0)
            {
                errors.Add("jurisdictionIds", "a resident has no jurisdiction, only a household");
            }
            if (householdId is not { } hid)
            {
                errors.Add("householdId", "is required for a resident");
            }
            else
            {
                var building = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => RegisterReads.Households(db).Any(h => h.Id == hid && h.BuildingId == p.Id), ct);
                if (building is null || !me!.Covers(building))
                {
                    errors.Add("householdId", $"household {hid} does not exist");
                }
            }
        }
        else
        {
            if (ids.Length == 0)
            {
                errors.Add("jurisdictionIds", "at least one place is required");
            }
            if (householdId is not null)
            {
                errors.Add("householdId", "only a resident's account points to a household");
            }
        }
        return (role.Value, places, role == Role.Resident ? householdId : null);
    }
}
