using GreenGrid.Accounts.ManageAccounts;
using GreenGrid.Accounts.ManageAccounts.CreateAccount;
using GreenGrid.Accounts.ManageAccounts.DisableAccount;
using GreenGrid.Accounts.ManageAccounts.ListAccounts;
using GreenGrid.Accounts.ManageAccounts.ReadAccount;
using GreenGrid.Accounts.ManageAccounts.UpdateAccount;
using GreenGrid.Accounts.SignIn;
using GreenGrid.Platform.Security;

namespace GreenGrid.Accounts;

/// <summary>Accounts: sign-in (cookie and bearer token), one's own account, and administration.</summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<SignInAttempts>();
        // The administration's use cases (each resolved by its endpoint and by the accounts page).
        builder.Services.AddScoped<AccountScope>();
        builder.Services.AddScoped<ListAccounts>();
        builder.Services.AddScoped<ReadAccount>();
        builder.Services.AddScoped<CreateAccount>();
        builder.Services.AddScoped<UpdateAccount>();
        builder.Services.AddScoped<DisableAccount>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        TokenEndpoints.Map(app.MapGroup("/api/v1/auth").WithTags("Accounts").RequireSignInLimits());
        OwnAccount.OwnAccount.Map(app.MapGroup("/api/v1/me").WithTags("Accounts").RequirePermission(Permissions.SignedIn));
        // Administrators create accounts, give them a role and jurisdictions, and disable them.
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts").RequirePermission(Permissions.AccountsManage);
        ListAccounts.Map(accounts);
        ReadAccount.Map(accounts);
        CreateAccount.Map(accounts);
        UpdateAccount.Map(accounts);
        DisableAccount.Map(accounts);
        // The account menu's sign-out form posts here.
        Pages.SignOutEndpoint.Map(app);
        return app;
    }
}
