using GreenGrid.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>
/// The screenshots of docs/screenshots/register-*.png, desktop in English and phone in Chinese.
/// Explicit: run with <c>-- --filter-class '*RegisterScreenshots*' --explicit only</c>.
/// </summary>
public sealed class RegisterScreenshots(BrowserFixture browser)
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../docs/screenshots"));

    [Fact(Explicit = true)]
    public async Task Take_the_register_screenshots()
    {
        var community = await browser.PlaceIdAsync("Tanhualin Community");
        var (household, kept, merged) = await browser.QueryAsync(async db =>
        {
            var path = await db.Places.Where(p => p.Id == community).Select(p => p.Path).SingleAsync();
            var households = await db.Households.Where(h => db.Places.Any(b => b.Id == h.BuildingId && b.Path.StartsWith(path)))
                .Where(h => db.Residents.Count(r => r.HouseholdId == h.Id) >= 3).OrderBy(h => h.Id).Select(h => h.Id).Take(2).ToListAsync();
            var two = await db.Residents.Where(r => households.Contains(r.HouseholdId)).OrderBy(r => r.Id).Select(r => r.Id).Take(2).ToListAsync();
            return (households[0], two[0], two[1]);
        });
        foreach (var (suffix, locale, width, height, phone) in new[] { ("", "en-US", 1366, 900, false), ("-zh-phone", "zh-CN", 390, 844, true) })
        {
            var page = await browser.NewPageAsync(locale: locale, width: width, height: height, phone: phone, signedInAs: "worker.tanhualin");

            await page.OpenAsync($"/households/{household}");
            await page.GetByTestId("add-resident").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByTestId("cell-idNumber").Locator("input").FillAsync("420106198503121230");
            await dialog.GetByTestId("save-resident").ClickAsync();
            await Expect(dialog.GetByTestId("cell-idNumber").Locator(".mud-input-helper-text.mud-input-error")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"register-household-form{suffix}.png"), FullPage = !phone });
            await page.Keyboard.PressAsync("Escape");

            await page.OpenAsync($"/places/{community}");
            var counts = page.GetByTestId("register-counts");
            await Expect(counts.GetByTestId("register-count").First).ToBeVisibleAsync();
            await counts.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"register-counts{suffix}.png"), FullPage = true });

            await page.OpenAsync($"/places/{community}/residents?category=floating");
            await Expect(page.GetByTestId("list-total")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"register-list{suffix}.png") });

            await page.OpenAsync($"/residents/{kept}/merge/{merged}?place={community}");
            await Expect(page.GetByTestId("merge-table")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Folder, $"register-merge{suffix}.png"), FullPage = true });
            await page.CloseAllAsync();
        }
    }
}
