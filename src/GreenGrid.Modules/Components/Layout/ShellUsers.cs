using GreenGrid.Places;
using GreenGrid.Components.Shared;
using GreenGrid.Platform.Security;

namespace GreenGrid.Components.Layout;

/// <summary>How the layout reads the signed-in account that it cascades to the pages.</summary>
internal static class ShellUsers
{
    /// <summary>Reads the caller in a scope of its own, so that it never shares a DbContext with a page's load.</summary>
    public static async Task<ShellUser?> Load(IServiceScopeFactory scopes, CurrentPrincipal current, CancellationToken ct = default)
    {
        if (current.Principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        await using var scope = scopes.CreateScopeAs(current);
        var account = await scope.ServiceProvider.GetRequiredService<Caller>().Account(ct);
        return account is null
            ? null
            : new ShellUser(account.Id, account.UserName, account.DisplayName, account.Role, account.HouseholdId,
                account.Places().Select(p => new ShellPlace(p.Id, p.Code, p.NameZh, p.NameEn)).ToList());
    }
}
