using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GreenGrid.BrowserTests.Support;

internal static class PageExtensions
{
    /// <summary>
    /// A full-page screenshot into docs/screenshots of the repository (found upwards from the
    /// test's folder) when GREENGRID_SCREENSHOTS=1, so that refreshing them is a choice; otherwise none.
    /// </summary>
    public static async Task ScreenshotForDocsAsync(this IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("GREENGRID_SCREENSHOTS") != "1")
        {
            return;
        }
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "GreenGrid.slnx")))
        {
            folder = folder.Parent;
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder?.FullName ?? Path.GetTempPath(), "docs", "screenshots", name), FullPage = true });
    }

    /// <summary>
    /// Opens a page and waits until its Blazor circuit is live: a click on a button made before
    /// that is lost. (MainLayout marks the shell data-interactive="true" on its first live render.)
    /// </summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    /// <summary>
    /// Signs in on the sign-in page as a user would (the page renders statically, so there is no
    /// circuit to wait for) and waits until the browser has left it. Waits are on events, not on
    /// polling: every test signs in, and polling would add its interval to each of them.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string userName, string password, string path = "/signin")
    {
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit });
        await page.FillSignInAsync(userName, password);
        await page.WaitForURLAsync(url => !SignInAddress().IsMatch(url), new() { WaitUntil = WaitUntilState.Commit });
    }

    public static async Task FillSignInAsync(this IPage page, string userName, string password)
    {
        await page.Locator("#userName").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }

    /// <summary>The sign-in page, with or without a return address.</summary>
    public static Regex SignInAddress() => new(@"/signin(\?|$)");

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".gg-shell[data-interactive='true']").WaitForAsync();

    public static ILocator Heading(this IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public static ILocator Link(this IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async ValueTask CloseAllAsync(this IPage page) => await page.Context.CloseAsync();
}
