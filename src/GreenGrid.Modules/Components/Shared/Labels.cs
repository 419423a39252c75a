using System.Globalization;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Localization;
using GreenGrid.Register;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Components.Shared;

/// <summary>
/// How the model reads on a page in the current language: place names in Chinese or English,
/// enum values through the resource files (never the C# names), numbers with the culture's separators.
/// </summary>
internal static class Labels
{
    public static bool IsChinese => Languages.IsChinese(CultureInfo.CurrentUICulture);

    public static string Name(this Place place) => IsChinese ? place.NameZh : place.NameEn;

    public static string Name(this Grid grid) => IsChinese ? grid.NameZh : grid.NameEn;

    /// <summary>A label before a value: "Grid: " in English, "网格：" in Chinese (full-width colon).</summary>
    public static string Label(this IStringLocalizer<UiText> text, string key) => text["Common.LabelFormat", text[key]];

    public static string Kind(this IStringLocalizer<UiText> text, PlaceKind kind) => text[$"Kind.{kind}"];

    /// <summary>The heading of a count of places of that kind ("Communities" / "社区").</summary>
    public static string Kinds(this IStringLocalizer<UiText> text, PlaceKind kind) => text[$"Kinds.{kind}"];

    public static string Role(this IStringLocalizer<UiText> text, Role role) => text[$"Role.{role}"];

    public static string Action(this IStringLocalizer<UiText> text, AuditAction action) => text[$"AuditAction.{action}"];

    public static string Sex(this IStringLocalizer<UiText> text, Sex sex) => text[$"Sex.{sex}"];

    public static string Relationship(this IStringLocalizer<UiText> text, Relationship relationship) => text[$"Relationship.{relationship}"];

    public static string Residence(this IStringLocalizer<UiText> text, Residence residence) => text[$"Residence.{residence}"];

    public static IEnumerable<string> Vulnerabilities(this IStringLocalizer<UiText> text, Vulnerability flags) =>
        Enum.GetValues<Vulnerability>()
            .Where(flag => flag != Vulnerability.None && flags.HasFlag(flag))
            .Select(flag => text[$"Vulnerability.{flag}"].Value);

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>The kinds below a place, top-down, that a count of its subtree can hold.</summary>
    public static IEnumerable<PlaceKind> KindsBelow(PlaceKind kind) =>
        Enum.GetValues<PlaceKind>().Where(k => k.Level() > kind.Level()).OrderBy(k => k.Level());
}
