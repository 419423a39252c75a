namespace GreenGrid.Components.Shared;

/// <summary>The addresses of the pages, in one place so that links and routes agree.</summary>
internal static class Links
{
    public const string Tree = "/places";

    public static string Place(long id) => $"/places/{id}";

    public static string Household(long id) => $"/households/{id}";
}
