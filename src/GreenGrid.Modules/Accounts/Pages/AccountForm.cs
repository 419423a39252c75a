using GreenGrid.Accounts.ManageAccounts.CreateAccount;
using GreenGrid.Accounts.ManageAccounts.UpdateAccount;
using GreenGrid.Accounts.SignIn;
using GreenGrid.Components.Shared;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Accounts.Pages;

/// <summary>The fields of the create and edit dialogs of the accounts page.</summary>
public sealed class AccountForm
{
    public const int DisplayNameMaxLength = 100;

    /// <summary>The account being edited; null when creating one.</summary>
    public long? Id { get; init; }
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public Role? Role { get; set; }
    public string? Password { get; set; }
    public List<PlaceChoice> Jurisdictions { get; set; } = [];
    public long? HouseholdId { get; set; }

    public bool IsNew => Id is null;

    public static AccountForm Of(AccountRow row) => new()
    {
        Id = row.Account.Id,
        UserName = row.Account.UserName,
        DisplayName = row.Account.DisplayName,
        Role = row.Account.Role,
        Jurisdictions = [.. row.Jurisdictions],
        HouseholdId = row.Account.HouseholdId,
    };

    public CreateAccountRequest ToCreate() =>
        new(UserName, DisplayName, Role, Password, IsResident ? [] : Jurisdictions.Select(p => p.Id).ToArray(), IsResident ? HouseholdId : null);

    public UpdateAccountRequest ToUpdate() =>
        new(DisplayName, Role, IsResident ? [] : Jurisdictions.Select(p => p.Id).ToArray(), IsResident ? HouseholdId : null);

    public bool IsResident => Role == Platform.Security.Role.Resident;

    /// <summary>
    /// What the page can tell before asking the server (CreateAccount, UpdateAccount), in the page's language.
    /// The directory checks all of it again (and what only it can: places, households, names taken).
    /// </summary>
    internal Dictionary<string, string> Validate(IStringLocalizer<UiText> text, IdentityOptions identity)
    {
        var errors = new Dictionary<string, string>();
        if (IsNew)
        {
            if (string.IsNullOrWhiteSpace(UserName))
            {
                errors["userName"] = text["Validation.Required"];
            }
            else if (UserName.Trim().Length > SignInAttempts.UserNameMaxLength)
            {
                errors["userName"] = text["Validation.TooLong", SignInAttempts.UserNameMaxLength];
            }
            else if (UserName.Trim().Any(c => !identity.User.AllowedUserNameCharacters.Contains(c)))
            {
                errors["userName"] = text["Accounts.UserNameCharacters"];
            }
            foreach (var (field, message) in PasswordRules.Check(text, identity.Password, Password, "password"))
            {
                errors[field] = message;
            }
        }
        if (string.IsNullOrWhiteSpace(DisplayName))
        {
            errors["displayName"] = text["Validation.Required"];
        }
        else if (DisplayName.Trim().Length > DisplayNameMaxLength)
        {
            errors["displayName"] = text["Validation.TooLong", DisplayNameMaxLength];
        }
        if (Role is null)
        {
            errors["role"] = text["Accounts.RoleRequired"];
        }
        else if (IsResident && HouseholdId is null)
        {
            errors["householdId"] = text["Accounts.HouseholdRequired"];
        }
        else if (!IsResident && Jurisdictions.Count == 0)
        {
            errors["jurisdictionIds"] = text["Accounts.JurisdictionRequired"];
        }
        return errors;
    }

    /// <summary>
    /// The directory's answer, field by field, in the page's language where the reason is one the
    /// page knows; any other reason is shown as the directory gave it.
    /// </summary>
    internal static Dictionary<string, string> Errors(IStringLocalizer<UiText> text, IdentityOptions identity, ValidationErrors errors) =>
        errors.ToDictionary().ToDictionary(e => e.Key, e => string.Join(" ", e.Value.Select(reason => Reason(text, identity, e.Key, reason))));

    private static string Reason(IStringLocalizer<UiText> text, IdentityOptions identity, string field, string reason) => (field, reason) switch
    {
        (_, "is required") => text["Validation.Required"],
        ("jurisdictionIds", _) when reason.EndsWith("does not exist", StringComparison.Ordinal) => text["Accounts.PlaceNotFound"],
        ("householdId", _) when reason.EndsWith("does not exist", StringComparison.Ordinal) => text["Accounts.HouseholdNotFound"],
        ("userName", _) when reason.Contains("already taken", StringComparison.Ordinal) => text["Accounts.UserNameTaken"],
        ("password", _) when reason.StartsWith("Passwords must", StringComparison.Ordinal) => text["Password.Rules", identity.Password.RequiredLength],
        _ => reason,
    };
}
