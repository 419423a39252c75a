using GreenGrid.Components.Shared;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Accounts.Pages;

/// <summary>
/// Sign-out from the account menu: a POST form with an antiforgery token, so that no link, image or
/// form on another site can sign anyone out. The audit entry is written while the account is still known.
/// </summary>
internal static class SignOutEndpoint
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost(Links.SignOut, SignOut).ExcludeFromDescription();

    private static async Task<Results<RedirectHttpResult, BadRequest>> SignOut(HttpContext http, IAntiforgery antiforgery, Caller caller, AuditLog audit)
    {
        // Checked here: the antiforgery middleware enforces its token only on endpoints that bind a form.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return TypedResults.BadRequest();
        }
        if (await caller.Account(http.RequestAborted) is { } account)
        {
            await audit.Record(AuditAction.SignOut, "account", [account.Id], null, null, http.RequestAborted);
        }
        await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        return TypedResults.LocalRedirect(Links.SignIn());
    }
}
