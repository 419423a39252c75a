using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Accounts;

/// <summary>
/// The first account of a real deployment (no demo): with <c>Accounts:InitialAdminPassword</c> set and
/// no account in the database, start-up creates <c>admin</c>, administrator of every city.
/// </summary>
public static class InitialAdmin
{
    public const string UserName = "admin";

    public static async Task EnsureInitialAdminAsync(this WebApplication app, CancellationToken ct = default)
    {
        var password = app.Configuration["Accounts:InitialAdminPassword"];
        if (string.IsNullOrEmpty(password))
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        if (await db.Users.AnyAsync(ct))
        {
            return;
        }
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var admin = new Account
        {
            UserName = UserName, DisplayName = "系统管理员 Administrator", Role = Role.Administrator,
            CreatedAt = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Accounts:InitialAdminPassword: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
        var cities = await db.Places().Where(p => p.ParentId == null).Select(p => p.Id).ToListAsync(ct);
        db.AccountJurisdictions.AddRange(cities.Select(id => new AccountJurisdiction { AccountId = admin.Id, PlaceId = id }));
        await db.SaveChangesAsync(ct);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("GreenGrid.Accounts")
            .LogWarning("Created the initial administrator '{UserName}'; change its password after signing in", UserName);
    }
}
