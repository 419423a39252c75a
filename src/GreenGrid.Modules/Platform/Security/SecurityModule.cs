using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Limits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Platform.Security;

/// <summary>
/// Accounts, sign-in, permissions, jurisdictions and the audit log. Pages sign in with a cookie;
/// the API and devices (gate scanners) with a bearer token; a request with an
/// <c>Authorization: Bearer</c> header is read as a token, any other as a cookie session.
/// </summary>
public static class SecurityModule
{
    public const string CookieOrBearer = "CookieOrBearer";
    public const string SignInPath = "/signin";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<Account>(options =>
            {
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
            })
            .AddEntityFrameworkStores<AppDb>()
            .AddSignInManager();

        // The key ring that encrypts cookies, bearer tokens and antiforgery tokens lives in the database:
        // a restart or a second instance on the same database accepts what the first one issued. The
        // application name, not the content root (the default), says which instances share the keys.
        services.AddDataProtection().SetApplicationName("GreenGrid").PersistKeysToDbContext<AppDb>();

        // Bearer tokens decrypted once per token, not per request (see RememberedTickets).
        services.AddOptions<Microsoft.AspNetCore.Authentication.BearerToken.BearerTokenOptions>(IdentityConstants.BearerScheme).PostConfigure(options =>
            options.BearerTokenProtector = new RememberedTickets(options.BearerTokenProtector
                ?? throw new InvalidOperationException("the bearer token protector should be set by now")));
        services.AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddCookie(IdentityConstants.ApplicationScheme, options =>
            {
                options.LoginPath = SignInPath;
                options.LogoutPath = "/signout";
                options.Cookie.Name = "GreenGrid.Session";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = TimeSpan.FromHours(12);
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    // An API caller gets a status code, not a redirect to the sign-in page.
                    OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => ApiOrRedirect(context, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync,
                };
            });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder().AddPermissionPolicies();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, DeniedAuditor>();
        services.AddCascadingAuthenticationState();

        services.AddScoped<CurrentPrincipal>();
        services.AddScoped<Caller>();
        services.AddSingleton<CallerCache>();
        services.AddAppDbInterceptor(provider => provider.GetRequiredService<CallerCache>().InvalidatedBy(entity => entity is Account or AccountJurisdiction));
        services.AddScoped<AuditLog>();
        services.AddScoped<CircuitHandler, PrincipalCircuitHandler>();
        services.AddHttpContextAccessor();
        return builder;
    }

    /// <summary>Between authentication and authorization: make the caller known to every service of the request.</summary>
    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            var current = context.RequestServices.GetRequiredService<CurrentPrincipal>();
            current.RemoteAddress = context.Connection.RemoteIpAddress?.ToString();
            current.Principal = context.User;
            await next();
        });
        app.UseRequestLimits(); // writes count per signed-in account
        app.UseAuthorization();
        return app;
    }

    private static AuthorizationBuilder AddPermissionPolicies(this AuthorizationBuilder authorization)
    {
        foreach (var permission in Permissions.All)
        {
            authorization.AddPolicy(permission, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
        }
        return authorization;
    }

    private static Task ApiOrRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
