using GreenGrid.Platform.Security;

namespace GreenGrid.Accounts;

/// <summary>An account as the API shows it: never its password hash, security stamp or tokens.</summary>
public sealed record AccountView(
    long Id, string UserName, string DisplayName, Role Role, long[] JurisdictionIds, long? HouseholdId,
    bool IsDisabled, bool IsLockedOut, IReadOnlySet<string> Permissions)
{
    public static AccountView Of(Account account, IEnumerable<long> jurisdictionIds, DateTimeOffset now) => new(
        account.Id, account.UserName ?? "", account.DisplayName, account.Role, jurisdictionIds.Order().ToArray(), account.HouseholdId,
        account.IsDisabled, account.LockoutEnd > now, Roles.PermissionsOf(account.Role));
}
