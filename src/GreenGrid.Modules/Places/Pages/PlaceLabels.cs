using GreenGrid.Components.Shared;
using GreenGrid.Platform;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Places.Pages;

/// <summary>
/// How places read on a page in the current language: their names in Chinese or English, their
/// kinds through the resource files. Every module's pages name places this way, so that a place
/// reads the same everywhere.
/// </summary>
[ModuleContract]
internal static class PlaceLabels
{
    public static string Name(this Place place) => Labels.IsChinese ? place.NameZh : place.NameEn;

    public static string Kind(this IStringLocalizer<UiText> text, PlaceKind kind) => text[$"Kind.{kind}"];

    /// <summary>The heading of a count of places of that kind ("Communities" / "社区").</summary>
    public static string Kinds(this IStringLocalizer<UiText> text, PlaceKind kind) => text[$"Kinds.{kind}"];

    /// <summary>The kinds below a place, top-down, that a count of its subtree can hold.</summary>
    public static IEnumerable<PlaceKind> KindsBelow(PlaceKind kind) =>
        Enum.GetValues<PlaceKind>().Where(k => k.Level() > kind.Level()).OrderBy(k => k.Level());
}

/// <summary>How a grid reads on the pages of the place tree (grids are the place tree's own business).</summary>
internal static class GridLabels
{
    public static string Name(this Grid grid) => Labels.IsChinese ? grid.NameZh : grid.NameEn;
}
