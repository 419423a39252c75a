using GreenGrid.Components.Shared;
using GreenGrid.Platform.Localization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;

namespace GreenGrid.Components;

/// <summary>The Blazor shell: layout, navigation, languages, shared components.</summary>
public static class WebShellModule
{
    public const string AccessDeniedPath = "/access-denied";

    public static WebApplicationBuilder AddWebShell(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        // A page the account's role does not open says so (the cookie's default path, /Account/AccessDenied, is no page here).
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.AccessDeniedPath = AccessDeniedPath);
        return builder;
    }

    public static WebApplication MapWebShell(this WebApplication app)
    {
        // An address that matches no page shows the not-found page, with status 404 kept.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // The API keeps answering ProblemDetails (from the platform's status code pages further out).
        app.Use((http, next) =>
        {
            if (IsApi(http.Request.Path) && http.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return next(http);
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet(Links.Culture, SwitchCulture).ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// Keeps the chosen language in the culture cookie (which request localisation reads before
    /// Accept-Language) and goes back to the page. A Blazor circuit keeps the culture it started
    /// with, so the page must load again: hence a redirect, not a change in place.
    /// </summary>
    private static RedirectHttpResult SwitchCulture(string? c, string? redirect, HttpContext http)
    {
        var culture = Languages.Normalise(c);
        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Path = "/",
                // Relative, not a date: the demo's city clock stands in 2020 and the browser's does not.
                MaxAge = TimeSpan.FromDays(365),
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                HttpOnly = true,
            });
        return TypedResults.LocalRedirect(Links.IsLocal(redirect) ? redirect! : "/");
    }

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi");
}
