using GreenGrid.Accounts.ManageAccounts;
using GreenGrid.Accounts.SignIn;
using GreenGrid.Platform.Security;

namespace GreenGrid.Accounts;

/// <summary>Accounts: sign-in (cookie and bearer token), one's own account, and administration.</summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignInAttempts>();
        builder.Services.AddScoped<AccountDirectory>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        TokenEndpoints.Map(app.MapGroup("/api/v1/auth").WithTags("Accounts").RequireSignInLimits());
        OwnAccount.OwnAccount.Map(app.MapGroup("/api/v1/me").WithTags("Accounts").RequirePermission(Permissions.SignedIn));
        ManageAccounts.ManageAccounts.Map(app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequirePermission(Permissions.AccountsManage));
        // The account menu's sign-out form posts here.
        Pages.SignOutEndpoint.Map(app);
        return app;
    }
}
