using System.Globalization;
using System.Text.RegularExpressions;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Cases;
using GreenGrid.Demo;
using GreenGrid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>The cases panel of the place page: counts as of a day that open their lists, the children's counts and the chart.</summary>
public sealed class CaseCountPagesTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";

    [Fact]
    public async Task A_case_count_on_the_place_page_opens_the_list_of_exactly_that_many_people_and_the_chart_is_drawn()
    {
        var (compound, building) = await RecordCases();
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        await page.OpenAsync($"/places/{compound}");

        var panel = page.GetByTestId("case-counts");
        var confirmed = Count(page, "confirmed");
        await Expect(confirmed).ToBeVisibleAsync();
        var count = int.Parse(await confirmed.Locator(".gg-count-value").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-US"));
        Assert.True(count >= 1, "the confirmed case recorded for the test counts");
        await Expect(panel.GetByTestId("cases-chart").Locator("canvas")).Not.ToHaveCountAsync(0);
        // The building's row in the children's table counts the same people with their own links.
        var row = panel.GetByTestId("case-children").Locator($"tr[data-place='{building}']");
        await Expect(row.Locator("a[data-measure='confirmed']")).ToHaveAttributeAsync("href", new Regex($"/places/{building}/cases/people\\?category=confirmed&asOf="));
        await page.ScreenshotForDocsAsync("cases-panel-desktop-en.png");

        await confirmed.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/places/{compound}/cases/people\\?category=confirmed&asOf=\\d{{4}}-\\d{{2}}-\\d{{2}}$"));
        await Expect(page.Heading()).ToHaveTextAsync("Confirmed");
        await Expect(page.GetByTestId("list-total")).ToHaveTextAsync($"{count.ToString("N0", CultureInfo.GetCultureInfo("en-US"))} in total");
        var rows = page.GetByTestId("case-list").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(count, 50));
        await Expect(rows.Filter(new() { HasText = "Confirmed" })).ToHaveCountAsync(Math.Min(count, 50));
        await Expect(rows.First.GetByTestId("case-person")).ToHaveAttributeAsync("href", new Regex("^/residents/\\d+/cases$"));
        await page.ScreenshotForDocsAsync("cases-list-desktop-en.png");
        await page.CloseAllAsync();

        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: Worker);
        await phone.OpenAsync($"/places/{compound}");
        await Expect(phone.GetByTestId("case-counts")).ToContainTextAsync("确诊病例");
        await Expect(phone.GetByTestId("cases-chart").Locator("canvas")).Not.ToHaveCountAsync(0);
        await phone.ScreenshotForDocsAsync("cases-panel-phone-zh.png");
        await Count(phone, "closeContact").ClickAsync();
        await Expect(phone.Heading()).ToHaveTextAsync("密切接触者");
        await Expect(phone.GetByTestId("case-list").Locator("tbody tr")).Not.ToHaveCountAsync(0);
        await phone.ScreenshotForDocsAsync("cases-list-phone-zh.png");
        await phone.CloseAllAsync();
    }

    [Fact]
    public void Every_case_count_and_category_has_a_text_in_both_languages()
    {
        var texts = new System.Resources.ResourceManager(typeof(GreenGrid.Resources.UiText).FullName!, typeof(GreenGrid.Resources.UiText).Assembly);
        string[] keys =
        [
            .. Enum.GetNames<GreenGrid.Cases.Counts.CaseMeasure>().Select(m => $"CaseCounts.Measure.{m}"),
            .. Enum.GetNames<CaseCategory>().Select(c => $"Cases.Category.{c}"),
        ];
        foreach (var culture in new[] { CultureInfo.InvariantCulture, new CultureInfo("zh-CN") })
        {
            var set = texts.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
            Assert.DoesNotContain(keys, k => set.GetString(k) is null);
        }
    }

    private static ILocator Count(IPage page, string measure) => page.Locator($"[data-testid='case-count'][data-measure='{measure}']");

    /// <summary>
    /// Events for three people of the last building of Tanhualin: a suspected case confirmed two days
    /// ago, a close contact, a fever patient. Returns the building's compound and the building.
    /// </summary>
    private async Task<(long Compound, long Building)> RecordCases()
    {
        var communityId = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        // The demo's clock stands on its day (Demo:StandsOn), not on the real one.
        var today = new DemoOptions().StandsOn!.Value;
        return await browser.QueryAsync(async db =>
        {
            var community = await db.Places().SingleAsync(p => p.Id == communityId);
            var building = await db.Places().Where(PlacePath.Within(community.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null)
                .Where(p => db.Residents().Count(r => r.MergedIntoId == null && !db.CaseEvents().Any(e => e.ResidentId == r.Id)
                    && db.Households().Any(h => h.Id == r.HouseholdId && h.BuildingId == p.Id)) >= 3)
                .OrderByDescending(p => p.Path).FirstAsync();
            var people = await db.Residents().Where(r => r.MergedIntoId == null && !db.CaseEvents().Any(e => e.ResidentId == r.Id)
                    && db.Households().Any(h => h.Id == r.HouseholdId && h.BuildingId == building.Id))
                .OrderBy(r => r.Id).Take(3).Select(r => r.Id).ToListAsync();
            var recorder = await db.Users.Select(u => u.Id).FirstAsync();
            CaseEvent Event(long resident, CaseEventType type, int daysAgo, int? exposedDaysAgo = null) => new()
            {
                ResidentId = resident, Type = type, EffectiveDate = today.AddDays(-daysAgo), LastExposure = exposedDaysAgo is { } e ? today.AddDays(-e) : null,
                RecordedById = recorder, RecordedAt = DateTime.UtcNow, Source = CaseSource.Community,
            };
            db.CaseEvents().AddRange(
                Event(people[0], CaseEventType.Suspected, 4), Event(people[0], CaseEventType.Confirmed, 2),
                Event(people[1], CaseEventType.CloseContact, 3, exposedDaysAgo: 4),
                Event(people[2], CaseEventType.Fever, 1));
            await db.SaveChangesAsync();
            return (building.ParentId!.Value, building.Id);
        });
    }

}
