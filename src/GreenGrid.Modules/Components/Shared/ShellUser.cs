using GreenGrid.Places;
using GreenGrid.Platform.Security;

namespace GreenGrid.Components.Shared;

/// <summary>A jurisdiction of the signed-in account, as the shell names it.</summary>
public sealed record ShellPlace(long Id, PlaceKind Kind, string Code, string NameZh, string NameEn)
{
    public string Name => Labels.IsChinese ? NameZh : NameEn;
}

/// <summary>
/// The signed-in account as the shell shows it (account menu, navigation, what a page offers).
/// The layout reads it once per page load and cascades it; what a page may do is still decided by
/// the services it calls, this only decides what it offers.
/// </summary>
public sealed record ShellUser(long Id, string UserName, string DisplayName, Role Role, long? HouseholdId, List<ShellPlace> Jurisdictions)
{
    public bool Can(string permission) => Role.Has(permission);

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
                account.Places().Select(p => new ShellPlace(p.Id, p.Kind, p.Code, p.NameZh, p.NameEn)).ToList());
    }
}
