using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts.SignIn;

/// <summary>The outcome of one sign-in attempt.</summary>
public abstract record SignInOutcome
{
    public const string FailedMessage = "The user name or password is wrong, or the account is disabled.";
    public const string LockedOutMessage = "Too many failed attempts: the account is locked for 15 minutes.";

    public sealed record Succeeded : SignInOutcome;
    public sealed record Invalid(ValidationErrors Errors) : SignInOutcome;
    public sealed record Failed : SignInOutcome;
    public sealed record LockedOut : SignInOutcome;
}

/// <summary>
/// Checks a user name and password with lockout, signs in with the scheme set on the
/// <see cref="SignInManager{TUser}"/> (cookie or bearer) and audits success and failure alike.
/// One answer for an unknown user, a wrong password and a disabled account, so none can be told apart.
/// </summary>
public sealed class SignInAttempts(SignInManager<Account> signIn, AuditLog audit, CurrentPrincipal current)
{
    public const int UserNameMaxLength = 64;
    public const int PasswordMaxLength = 128;

    public async Task<SignInOutcome> SignIn(string? userName, string? password, bool persistent, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = errors.Text("userName", userName, UserNameMaxLength);
        if (string.IsNullOrEmpty(password))
        {
            errors.Add("password", PlatformMessages.Required);
        }
        else if (password.Length > PasswordMaxLength)
        {
            errors.Add("password", AccountMessages.PasswordTooLong(PasswordMaxLength));
        }
        if (!errors.IsEmpty)
        {
            return new SignInOutcome.Invalid(errors);
        }

        current.UserNameTried = name;
        var account = await signIn.UserManager.Users.FirstOrDefaultAsync(a => a.UserName == name, ct);
        if (account is null || account.IsDisabled)
        {
            await audit.Record(AuditAction.SignInFailed, "account", account is null ? [] : [account.Id], null, account is null ? "unknown user" : "disabled account", ct);
            return new SignInOutcome.Failed();
        }
        var result = await signIn.PasswordSignInAsync(account, password!, persistent, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            current.Principal = await signIn.CreateUserPrincipalAsync(account);
            await audit.Record(AuditAction.SignIn, "account", [account.Id], null, signIn.AuthenticationScheme, ct);
            return new SignInOutcome.Succeeded();
        }
        await audit.Record(AuditAction.SignInFailed, "account", [account.Id], null, result.IsLockedOut ? "locked out" : "wrong password", ct);
        return result.IsLockedOut ? new SignInOutcome.LockedOut() : new SignInOutcome.Failed();
    }
}
