using GreenGrid.Platform;
namespace GreenGrid.Places;

/// <summary>
/// The levels of the place tree. Township and village are the rural forms of sub-district and
/// community: same level, different name. Households hang under buildings in their own table.
/// </summary>
[ModuleContract]
public enum PlaceKind
{
    City,
    District,
    Subdistrict,
    Township,
    Community,
    Village,
    Compound,
    Building,
}

[ModuleContract]
public static class PlaceKinds
{
    /// <summary>Depth in the tree: city 0, district 1, sub-district/township 2, community/village 3, compound 4, building 5.</summary>
    public static int Level(this PlaceKind kind) => kind switch
    {
        PlaceKind.City => 0,
        PlaceKind.District => 1,
        PlaceKind.Subdistrict or PlaceKind.Township => 2,
        PlaceKind.Community or PlaceKind.Village => 3,
        PlaceKind.Compound => 4,
        PlaceKind.Building => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Whether a place of <paramref name="child"/> kind may hang directly under one of <paramref name="parent"/> kind.</summary>
    public static bool CanHangUnder(this PlaceKind child, PlaceKind? parent) =>
        parent is null ? child == PlaceKind.City : child.Level() == parent.Value.Level() + 1;

    /// <summary>The kinds that may hang under a place of this kind, for error messages.</summary>
    public static IEnumerable<PlaceKind> ChildKinds(this PlaceKind? parent) =>
        Enum.GetValues<PlaceKind>().Where(k => k.CanHangUnder(parent));

    public static bool IsCommunityLevel(this PlaceKind kind) => kind.Level() == PlaceKind.Community.Level();
}
