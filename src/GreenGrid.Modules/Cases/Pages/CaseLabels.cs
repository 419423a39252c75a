using GreenGrid.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace GreenGrid.Cases.Pages;

/// <summary>The cases module's enum values in the page's language, and the colour of each category.</summary>
internal static class CaseLabels
{
    public static string CaseType(this IStringLocalizer<UiText> text, CaseEventType type) => text[$"Cases.Type.{type}"];

    public static string CaseCategory(this IStringLocalizer<UiText> text, CaseCategory category) => text[$"Cases.Category.{category}"];

    public static string CaseSource(this IStringLocalizer<UiText> text, CaseSource source) => text[$"Cases.Source.{source}"];

    public static string Placement(this IStringLocalizer<UiText> text, CasePlacement placement) => text[$"Cases.Placement.{placement}"];

    /// <summary>Red for cases, orange for the suspected, blue for contacts: the colours of the daily reports.</summary>
    public static Color ColorOf(CaseCategory category) => category switch
    {
        Cases.CaseCategory.Confirmed => Color.Error,
        Cases.CaseCategory.Asymptomatic => Color.Secondary,
        Cases.CaseCategory.Suspected or Cases.CaseCategory.Fever => Color.Warning,
        Cases.CaseCategory.CloseContact => Color.Info,
        Cases.CaseCategory.Recovered => Color.Success,
        Cases.CaseCategory.Died => Color.Dark,
        _ => Color.Default,
    };

    public static string Link(long residentId) => $"/residents/{residentId}/cases";

    public static MarkupString Day(DateOnly? day) => new(day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—");
}
