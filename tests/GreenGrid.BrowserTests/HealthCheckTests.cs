using System.Text;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

public sealed class HealthCheckTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_worker_saves_the_building_sheet_and_the_coverage_counts_the_checks()
    {
        var communityId = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        var building = await browser.QueryAsync(async db =>
        {
            var community = await db.Places().SingleAsync(p => p.Id == communityId);
            return await db.Places().Where(PlacePath.Within(community.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null)
                .Where(p => db.Households().Any(h => h.BuildingId == p.Id && db.Residents().Count(r => r.HouseholdId == h.Id && r.Status == ResidentStatus.Present && r.MergedIntoId == null) >= 2))
                .OrderByDescending(p => p.Path).Select(p => new { p.Id, p.ParentId }).FirstAsync();
        });

        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await page.OpenAsync($"/places/{building.Id}");
        await page.GetByTestId("health-checks-link").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Daily health checks");
        var before = await page.Locator("[data-testid=check-row][data-checked=true]").CountAsync();
        var inputs = page.Locator("[data-testid=temperature] input, input[data-testid=temperature]");
        await inputs.Nth(0).FillAsync("36.5");
        await inputs.Nth(0).PressAsync("Tab");
        await inputs.Nth(1).FillAsync("38.2");
        await inputs.Nth(1).PressAsync("Tab");
        await page.GetByTestId("save-checks").ClickAsync();
        await Expect(page.GetByTestId("checks-saved")).ToContainTextAsync("2 checks saved");
        await Expect(page.GetByTestId("fever-offer")).ToContainTextAsync("38.2");
        Assert.True(await page.Locator("[data-testid=check-row][data-checked=true]").CountAsync() >= Math.Min(before + 1, 2));
        await Expect(page.Locator("[data-testid=check-row][data-checked=true]").First).ToBeVisibleAsync();
        await page.ScreenshotForDocsAsync("checks-sheet-desktop-en.png");
        await page.CloseAllAsync();

        // The compound's coverage, on a phone in Chinese, counts them in the building's row.
        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: "worker.tanhualin");
        await phone.OpenAsync($"/places/{building.ParentId}/health-checks");
        await Expect(phone.Heading()).ToHaveTextAsync("每日健康监测");
        await Expect(phone.GetByTestId("coverage-rows")).ToBeVisibleAsync();
        var figure = await phone.GetByTestId("coverage-figure").InnerTextAsync();
        Assert.DoesNotContain("0 /", figure.Trim()[..3]);
        await phone.ScreenshotForDocsAsync("checks-coverage-phone-zh.png");
        await phone.OpenAsync($"/places/{building.Id}/health-checks");
        await Expect(phone.GetByTestId("checks-sheet")).ToBeVisibleAsync();
        await phone.ScreenshotForDocsAsync("checks-sheet-phone-zh.png");
        await phone.CloseAllAsync();
    }

    [Fact]
    public async Task A_community_worker_creates_a_sweep_and_imports_a_list_to_reconcile()
    {
        var communityId = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await page.OpenAsync("/sweeps");
        await page.Locator("[data-testid=sweep-name] input, input[data-testid=sweep-name]").FillAsync("Three-day sweep");
        await page.Locator("[data-testid=sweep-name] input, input[data-testid=sweep-name]").PressAsync("Tab");
        await page.GetByTestId("create-sweep").ClickAsync();
        await Expect(page.GetByTestId("sweep-buildings")).ToBeVisibleAsync();
        await page.ScreenshotForDocsAsync("sweep-detail-desktop-en.png");

        var idNumber = await browser.QueryAsync(async db =>
        {
            var community = await db.Places().SingleAsync(p => p.Id == communityId);
            var buildings = db.Places().Where(PlacePath.Within(community.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
            return await db.Residents().Where(r => db.Households().Any(h => h.Id == r.HouseholdId && buildings.Contains(h.BuildingId))).Select(r => r.IdNumber).FirstAsync();
        });
        var csv = $"姓名,身份证号,状态,日期\r\n甲,{idNumber},确诊,2020-02-20\r\n乙,X000000001,密接,2020-02-21\r\n";
        await page.OpenAsync($"/places/{communityId}/reconciliation");
        await Expect(page.GetByTestId("recon-file")).ToBeEnabledAsync();
        await page.GetByTestId("recon-file").SetInputFilesAsync(new FilePayload { Name = "lab.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await Expect(page.GetByTestId("recon-rows")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recon-rows")).ToContainTextAsync("X000000001"[..4]);
        await page.ScreenshotForDocsAsync("reconciliation-list-desktop-en.png");
        await page.CloseAllAsync();

        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: "worker.tanhualin");
        await phone.OpenAsync($"/places/{communityId}/reconciliation");
        await Expect(phone.GetByTestId("recon-imports")).ToBeVisibleAsync();
        await phone.ScreenshotForDocsAsync("reconciliation-summary-phone-zh.png");
        await phone.OpenAsync("/sweeps");
        await Expect(phone.GetByTestId("sweeps")).ToBeVisibleAsync();
        await phone.ScreenshotForDocsAsync("sweep-list-phone-zh.png");
        await phone.CloseAllAsync();
    }

}
