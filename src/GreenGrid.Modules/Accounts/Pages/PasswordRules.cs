using GreenGrid.Accounts.SignIn;
using GreenGrid.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Accounts.Pages;

/// <summary>
/// The password rules of Identity's options, checked on the pages before Identity checks them again,
/// so that the reason reads in the page's language (Identity's own texts are English only).
/// </summary>
internal static class PasswordRules
{
    public static Dictionary<string, string> Check(IStringLocalizer<UiText> text, PasswordOptions rules, string? password, string field)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrEmpty(password))
        {
            errors[field] = text["Validation.Required"];
        }
        else if (password.Length > SignInAttempts.PasswordMaxLength)
        {
            errors[field] = text["Validation.TooLong", SignInAttempts.PasswordMaxLength];
        }
        else if (password.Length < rules.RequiredLength
            || (rules.RequireDigit && !password.Any(char.IsAsciiDigit))
            || (rules.RequireLowercase && !password.Any(char.IsLower))
            || (rules.RequireUppercase && !password.Any(char.IsUpper))
            || (rules.RequireNonAlphanumeric && password.All(char.IsLetterOrDigit)))
        {
            errors[field] = text["Password.Rules", rules.RequiredLength];
        }
        return errors;
    }

    /// <summary>Identity's refusal, field by field: a wrong current password, or a rule it checks that the page did not.</summary>
    public static Dictionary<string, string> FromIdentity(IStringLocalizer<UiText> text, PasswordOptions rules, IdentityResult result, string field)
    {
        var errors = new Dictionary<string, string>();
        foreach (var error in result.Errors)
        {
            if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
            {
                errors["currentPassword"] = text["Password.WrongCurrent"];
            }
            else if (error.Code.StartsWith("Password", StringComparison.Ordinal))
            {
                errors[field] = text["Password.Rules", rules.RequiredLength];
            }
            else
            {
                errors[field] = error.Description;
            }
        }
        return errors;
    }
}
