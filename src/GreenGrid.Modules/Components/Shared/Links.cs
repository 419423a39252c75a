namespace GreenGrid.Components.Shared;

/// <summary>The addresses of the pages, in one place so that links and routes agree.</summary>
internal static class Links
{
    public const string Tree = "/places";
    public const string MyHousehold = "/my-household";
    public const string ChangePassword = "/account/password";
    public const string Accounts = "/admin/accounts";
    public const string Audit = "/admin/audit";
    public const string SignOut = "/signout";

    /// <summary>Where the shell switches the language (WebShellModule maps it).</summary>
    public const string Culture = "/culture";

    public static string Place(long id) => $"/places/{id}";

    public static string Household(long id) => $"/households/{id}";

    /// <summary>The link that switches the pages to <paramref name="culture"/> and comes back to <paramref name="returnTo"/>.</summary>
    public static string CultureSwitch(string culture, string returnTo) =>
        $"{Culture}?c={Uri.EscapeDataString(culture)}&redirect={Uri.EscapeDataString(returnTo)}";

    public static string ResidentsCsv(long placeId) => $"/api/v1/places/{placeId}/residents.csv";

    public static string ResidentsXlsx(long placeId) => $"/api/v1/places/{placeId}/residents.xlsx";

    /// <summary>The sign-in page, coming back to <paramref name="returnUrl"/> afterwards (when it is a page of this site).</summary>
    public static string SignIn(string? returnUrl = null) =>
        IsLocal(returnUrl) && returnUrl != "/"
            ? $"{Platform.Security.SecurityModule.SignInPath}?ReturnUrl={Uri.EscapeDataString(returnUrl!)}"
            : Platform.Security.SecurityModule.SignInPath;

    /// <summary>
    /// Only paths of this site: an open redirect would let a link dressed as GreenGrid lead anywhere
    /// ("//evil.example", "/\evil.example" and "https://..." are not local).
    /// </summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
