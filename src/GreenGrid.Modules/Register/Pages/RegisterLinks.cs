using System.Text.Json;
using GreenGrid.Register.Counts;

namespace GreenGrid.Register.Pages;

/// <summary>The addresses of the register's pages (as Links does for the shell's).</summary>
internal static class RegisterLinks
{
    /// <summary>A category as the address and the API name it: camelCase ("movedOut").</summary>
    public static string Name(RegisterCategory category) => JsonNamingPolicy.CamelCase.ConvertName(category.ToString());

    public static RegisterCategory? Parse(string? name) =>
        Enum.TryParse<RegisterCategory>(name, ignoreCase: true, out var category) && Enum.IsDefined(category) ? category : null;

    public static string Residents(long placeId, RegisterCategory category) => $"/places/{placeId}/residents?category={Name(category)}";

    public static string Duplicates(long placeId) => $"/places/{placeId}/duplicates";

    public static string Merge(long keptId, long mergedId, long placeId) => $"/residents/{keptId}/merge/{mergedId}?place={placeId}";
}
