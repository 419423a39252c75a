using GreenGrid.Platform.Security;

namespace GreenGrid.Components.Shared;

/// <summary>A jurisdiction of the signed-in account, as the shell names it.</summary>
public sealed record ShellPlace(long Id, string Code, string NameZh, string NameEn)
{
    public string Name => Labels.IsChinese ? NameZh : NameEn;
}

/// <summary>
/// The signed-in account as the pages show it (account menu, navigation, what a page offers). The
/// layout reads it once per page load and cascades it to every page; what a page may do is still
/// decided by the services it calls, this only decides what it offers.
/// </summary>
public sealed record ShellUser(long Id, string UserName, string DisplayName, Role Role, long? HouseholdId, List<ShellPlace> Jurisdictions)
{
    public bool Can(string permission) => Role.Has(permission);
}
