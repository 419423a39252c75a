using GreenGrid.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>A person's case history as a community worker keeps it: only the events that fit are offered; a mistake is withdrawn, not erased.</summary>
public sealed class CaseTimelineTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";

    [Fact]
    public async Task A_worker_records_a_close_contact_releases_them_and_withdraws_the_release_and_the_timeline_keeps_all_three()
    {
        var resident = await browser.QueryAsync(async db =>
        {
            var community = await db.Places().Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).SingleAsync();
            return await db.Residents()
                .Where(r => r.MergedIntoId == null && !db.CaseEvents().Any(e => e.ResidentId == r.Id))
                .Where(r => db.Households().Any(h => h.Id == r.HouseholdId && db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(community))))
                .OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
        });
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        await page.OpenAsync($"/residents/{resident}/cases");
        await Expect(page.GetByTestId("category")).ToHaveAttributeAsync("data-category", "None");

        // Nobody can be released or recover before anything happened: the form does not offer it.
        await page.GetByTestId("add-event").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("field-type").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Close contact" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Released from observation" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Option, new() { Name = "Recovered and discharged" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Option, new() { Name = "Close contact" }).ClickAsync();
        var today = await dialog.GetByLabel("Date", new() { Exact = true }).InputValueAsync();
        var exposure = DateOnly.ParseExact(today, "yyyy-MM-dd").AddDays(-2);
        await dialog.GetByLabel("Last exposure").FillAsync(exposure.ToString("yyyy-MM-dd"));
        await dialog.GetByLabel("Last exposure").PressAsync("Tab");
        await dialog.GetByTestId("save-event").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("category")).ToHaveAttributeAsync("data-category", "CloseContact");
        await Expect(page.GetByTestId("observation-ends")).ToContainTextAsync(exposure.AddDays(14).ToString("yyyy-MM-dd"));

        await page.GetByTestId("add-event").ClickAsync();
        await dialog.GetByTestId("field-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Released from observation" }).ClickAsync();
        await dialog.GetByTestId("save-event").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("category")).ToHaveAttributeAsync("data-category", "None");

        // The release was a mistake: withdrawn, it stays in the timeline, struck through, and no longer counts.
        var release = page.Locator("[data-type='Released']");
        await release.GetByTestId("retract-event").ClickAsync();
        await dialog.GetByTestId("save-event").ClickAsync();
        await Expect(page.GetByTestId("category")).ToHaveAttributeAsync("data-category", "CloseContact");
        await Expect(release).ToHaveAttributeAsync("data-in-force", "false");
        await Expect(release.GetByTestId("superseded")).ToContainTextAsync("corrected by");
        await Expect(page.Locator("[data-type='CloseContact']")).ToHaveAttributeAsync("data-in-force", "true");
        await Expect(page.Locator("[data-type='Retracted']")).ToHaveCountAsync(1);
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task The_household_page_shows_each_persons_category_and_opens_their_history()
    {
        var (household, resident) = await browser.QueryAsync(async db =>
        {
            var community = await db.Places().Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).SingleAsync();
            var person = await db.Residents()
                .Where(r => r.MergedIntoId == null && !db.CaseEvents().Any(e => e.ResidentId == r.Id))
                .Where(r => db.Households().Any(h => h.Id == r.HouseholdId && db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(community))))
                .OrderBy(r => r.Id).Skip(5).FirstAsync();
            db.CaseEvents().Add(new GreenGrid.Cases.CaseEvent
            {
                ResidentId = person.Id, Type = GreenGrid.Cases.CaseEventType.Suspected, EffectiveDate = new DateOnly(2020, 3, 1),
                RecordedById = await db.Users.Where(u => u.UserName == Worker).Select(u => u.Id).SingleAsync(), RecordedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            return (person.HouseholdId, person.Id);
        });
        var page = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: Worker);
        await page.OpenAsync($"/households/{household}");
        var chip = page.Locator($"[data-testid='resident-cards'] [data-resident='{resident}'] [data-testid='case-link']");
        await Expect(chip).ToHaveAttributeAsync("data-category", "Suspected");
        await Expect(chip).ToHaveTextAsync("疑似");
        await chip.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/residents/{resident}/cases$"));
        await Expect(page.GetByTestId("timeline").Locator("li")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("timeline")).ToContainTextAsync("疑似病例");
        await page.CloseAllAsync();
    }
}
