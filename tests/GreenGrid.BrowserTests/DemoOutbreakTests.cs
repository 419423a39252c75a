using GreenGrid.BrowserTests.Support;
using GreenGrid.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>The demo city's simulated outbreak as a newcomer meets it: a Tanhualin household with a case, and that person's timeline.</summary>
public sealed class DemoOutbreakTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("zh-CN", 1366, 900, false, "desktop-zh")]
    [InlineData("en-US", 1366, 900, false, "desktop-en")]
    [InlineData("zh-CN", 390, 844, true, "phone-zh")]
    public async Task A_tanhualin_household_shows_its_case_chip_and_the_persons_timeline_tells_the_outbreak(string locale, int width, int height, bool phone, string shot)
    {
        var tanhualin = await browser.PlaceIdAsync("Tanhualin Community");
        var (residentId, householdId) = await browser.QueryAsync(async db =>
        {
            var path = await db.Places().Where(p => p.Id == tanhualin).Select(p => p.Path).SingleAsync();
            return await db.CaseEvents().Where(e => e.Type == CaseEventType.Confirmed)
                .Join(db.Residents(), e => e.ResidentId, r => r.Id, (e, r) => r)
                .Join(db.Households(), r => r.HouseholdId, h => h.Id, (r, h) => new { r.Id, HouseholdId = h.Id, h.BuildingId })
                .Where(x => db.Places().Any(b => b.Id == x.BuildingId && b.Path.StartsWith(path)))
                .OrderBy(x => x.Id).Select(x => ValueTuple.Create(x.Id, x.HouseholdId)).FirstAsync();
        });
        var page = await browser.NewPageAsync(locale: locale, width: width, height: height, phone: phone, signedInAs: "worker.tanhualin");

        await page.OpenAsync($"/households/{householdId}");
        await Expect(page.Locator($"[data-testid=case-link][href$='/residents/{residentId}/cases']:visible").First).ToBeVisibleAsync();
        await Expect(page.Locator(".gg-case-chip:visible").First).ToBeVisibleAsync();
        await page.ScreenshotForDocsAsync($"demo-household-{shot}.png");

        await page.OpenAsync($"/residents/{residentId}/cases");
        await Expect(page.GetByTestId("category")).ToBeVisibleAsync();
        // Confirmed, transferred, and then recovered or died: several events, one of them naming a facility.
        Assert.True(int.Parse(await page.GetByTestId("event-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 3);
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("医院|方舱")).First).ToBeVisibleAsync();
        await page.ScreenshotForDocsAsync($"demo-timeline-{shot}.png");
        await page.CloseAllAsync();
    }

}
