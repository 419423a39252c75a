using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace GreenGrid.Accounts.SignIn;

public sealed record TokenRequest(string? UserName, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>
/// Bearer tokens for the API and for devices such as gate scanners: exchange a user name and password
/// (or a refresh token) for an access token. The same lockout as the sign-in page applies.
/// </summary>
internal static class TokenEndpoints
{
    public static void Map(RouteGroupBuilder auth)
    {
        auth.MapPost("/token", Token).AllowAnonymous().WithSummary("Exchange a user name and password for a bearer token.");
        auth.MapPost("/refresh", Refresh).AllowAnonymous().WithSummary("Exchange a refresh token for a new bearer token.");
    }

    private static async Task<Results<EmptyHttpResult, ValidationProblem, ProblemHttpResult>> Token(
        TokenRequest request, SignInManager<Account> signIn, SignInAttempts attempts, CancellationToken ct)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var outcome = await attempts.SignIn(request.UserName, request.Password, persistent: false, ct);
        return outcome switch
        {
            SignInOutcome.Succeeded => TypedResults.Empty, // the bearer handler has written the token response
            SignInOutcome.Invalid invalid => Problems.Invalid(invalid.Errors),
            SignInOutcome.LockedOut => TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Locked out.", detail: SignInOutcome.LockedOutMessage),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed.", detail: SignInOutcome.FailedMessage),
        };
    }

    private static async Task<Results<SignInHttpResult, ChallengeHttpResult, ValidationProblem>> Refresh(
        RefreshRequest request, SignInManager<Account> signIn, IOptionsMonitor<BearerTokenOptions> options, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 4096)
        {
            return Problems.Invalid("refreshToken", PlatformMessages.Required);
        }
        var protector = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = protector.Unprotect(request.RefreshToken);
        // A refresh token of an account since disabled, locked or changed (security stamp) is refused.
        if (ticket?.Properties?.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { IsDisabled: false } account)
        {
            return TypedResults.Challenge();
        }
        var principal = await signIn.CreateUserPrincipalAsync(account);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }
}
