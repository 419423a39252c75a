using GreenGrid.Register.Counts;
using GreenGrid.Resources;
using Microsoft.Extensions.Localization;

namespace GreenGrid.Register.Pages;

/// <summary>The register's enum values in the page's language (as Labels does for the platform's).</summary>
internal static class RegisterLabels
{
    public static string Sex(this IStringLocalizer<UiText> text, Sex sex) => text[$"Sex.{sex}"];

    public static string Relationship(this IStringLocalizer<UiText> text, Relationship relationship) => text[$"Relationship.{relationship}"];

    public static string Residence(this IStringLocalizer<UiText> text, Residence residence) => text[$"Residence.{residence}"];

    public static IEnumerable<string> Vulnerabilities(this IStringLocalizer<UiText> text, Vulnerability flags) =>
        Enum.GetValues<Vulnerability>()
            .Where(flag => flag != Vulnerability.None && flags.HasFlag(flag))
            .Select(flag => text[$"Vulnerability.{flag}"].Value);

    public static string DocumentType(this IStringLocalizer<UiText> text, DocumentType type) => text[$"Register.DocumentType.{type}"];

    public static string Status(this IStringLocalizer<UiText> text, ResidentStatus status) => text[$"Register.Status.{status}"];

    public static string Category(this IStringLocalizer<UiText> text, RegisterCategory category) => text[$"Register.Category.{category}"];

    public static string Reason(this IStringLocalizer<UiText> text, DuplicateReason reason) => text[$"Register.Reason.{reason}"];

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
