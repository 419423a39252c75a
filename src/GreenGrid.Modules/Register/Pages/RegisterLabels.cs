using GreenGrid.Register.Counts;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Register.Pages;

/// <summary>The register's enum values in the page's language (as Labels does for the shared ones).</summary>
internal static class RegisterLabels
{
    public static string DocumentType(this IStringLocalizer<UiText> text, DocumentType type) => text[$"Register.DocumentType.{type}"];

    public static string Status(this IStringLocalizer<UiText> text, ResidentStatus status) => text[$"Register.Status.{status}"];

    public static string Category(this IStringLocalizer<UiText> text, RegisterCategory category) => text[$"Register.Category.{category}"];

    public static string Reason(this IStringLocalizer<UiText> text, DuplicateReason reason) => text[$"Register.Reason.{reason}"];

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
