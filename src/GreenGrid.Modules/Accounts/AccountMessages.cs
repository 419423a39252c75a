using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Accounts;

/// <summary>The messages of the accounts module (texts in Resources/Messages.resx under <c>Accounts.</c>).</summary>
internal static class AccountMessages
{
    public static Message NotFound(object id) => new("Accounts.NotFound", id);
    public static Message RoleRequired => new("Accounts.RoleRequired", AccountRules.AllRoles.Select(Role).ToList());
    public static Message ResidentHasNoJurisdiction => new("Accounts.ResidentHasNoJurisdiction");
    public static Message HouseholdRequired => new("Accounts.HouseholdRequired");
    public static Message JurisdictionRequired => new("Accounts.JurisdictionRequired");
    public static Message OnlyResidentHousehold => new("Accounts.OnlyResidentHousehold");
    public static Message PasswordTooLong(int max) => new("Accounts.PasswordTooLong", max);
    public static Message WrongPassword => new("Accounts.WrongPassword");

    /// <summary>Identity's refusals: a wrong current password has its own words; the rest (rules, user names) Identity's English.</summary>
    public static Message Identity(IdentityError error) => error.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
        ? WrongPassword
        : new("Accounts.Identity", error.Description);

    private static Label Role(Role role) => new($"Role.{role}", System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(role.ToString()));
}
