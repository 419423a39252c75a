using Microsoft.Playwright;

namespace GreenGrid.BrowserTests.Support;

internal static class PageExtensions
{
    /// <summary>
    /// Opens a page and waits until its Blazor circuit is live: a click on a button made before
    /// that is lost. (MainLayout marks the shell data-interactive="true" on its first live render.)
    /// </summary>
    public static async Task OpenAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".gg-shell[data-interactive='true']").WaitForAsync();

    public static ILocator Heading(this IPage page) => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public static ILocator Link(this IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    public static async ValueTask CloseAllAsync(this IPage page) => await page.Context.CloseAsync();
}
