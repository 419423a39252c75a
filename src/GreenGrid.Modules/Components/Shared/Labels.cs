using System.Globalization;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Localization;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Components.Shared;

/// <summary>
/// How the platform's words read on a page in the current language: labels, roles and audit actions
/// through the resource files (never the C# names), numbers with the culture's separators. A module's
/// own words live with the module (PlaceLabels, RegisterLabels, CaseLabels...).
/// </summary>
internal static class Labels
{
    public static bool IsChinese => Languages.IsChinese(CultureInfo.CurrentUICulture);

    /// <summary>A label before a value: "Grid: " in English, "网格：" in Chinese (full-width colon).</summary>
    public static string Label(this IStringLocalizer<UiText> text, string key) => text["Common.LabelFormat", text[key]];

    public static string Role(this IStringLocalizer<UiText> text, Role role) => text[$"Role.{role}"];

    public static string Action(this IStringLocalizer<UiText> text, AuditAction action) => text[$"AuditAction.{action}"];

    public static string Number(int value) => value.ToString("N0", CultureInfo.CurrentCulture);
}
