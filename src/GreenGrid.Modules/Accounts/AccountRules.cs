using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Accounts;

/// <summary>Checks shared by the account endpoints and pages.</summary>
internal static class AccountRules
{
    public static void Password(ValidationErrors errors, string field, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(field, PlatformMessages.Required);
        }
        else if (password.Length > SignIn.SignInAttempts.PasswordMaxLength)
        {
            errors.Add(field, AccountMessages.PasswordTooLong(SignIn.SignInAttempts.PasswordMaxLength));
        }
    }

    /// <summary>Identity's own reasons (too short, needs a digit, password wrong) under one field.</summary>
    public static ValidationErrors ErrorsOf(IdentityResult result, string field)
    {
        var errors = new ValidationErrors();
        foreach (var error in result.Errors)
        {
            var target = error.Code switch
            {
                "PasswordMismatch" => "currentPassword",
                "DuplicateUserName" or "InvalidUserName" => "userName",
                _ => field,
            };
            errors.Add(target, AccountMessages.Identity(error));
        }
        return errors;
    }

    public static readonly IReadOnlyList<Role> AllRoles = Enum.GetValues<Role>();
}
