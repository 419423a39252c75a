using System.Text;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

[Collection(nameof(TanhualinResidents))]
public sealed class ImportTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_community_worker_uploads_a_CSV_sees_the_dry_run_commits_and_the_same_file_again_changes_nothing()
    {
        var communityId = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        var building = await browser.QueryAsync(async db =>
        {
            var community = await db.Places().SingleAsync(p => p.Id == communityId);
            return await db.Places().Where(PlacePath.Within(community.Path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null)
                .OrderBy(p => p.Path).Select(p => new { p.Id, p.NameZh, Compound = db.Places().Where(c => c.Id == p.ParentId).Select(c => c.NameZh).Single() }).FirstAsync();
        });
        var residentsBefore = await ResidentsOf(building.Id);
        // Two people of a Beijing district: no demo resident has their ID numbers.
        var a = SyntheticIdNumbers.Format("110101", new DateOnly(1977, 7, 7), 1);
        var b = SyntheticIdNumbers.Format("110101", new DateOnly(1979, 9, 9), 2);
        // Building names repeat from compound to compound ("1栋"): the compound column tells them apart.
        var csv = $"小区,楼栋,房号,姓名,身份证号,联系电话,与户主关系,特殊人群,微信号\r\n{building.Compound},{building.NameZh},9-901,导入甲,{a},13900001111,户主,,wx1\r\n"
            + $"{building.Compound},{building.NameZh},9-901,导入乙,{b},13900002222,配偶,孕妇,wx2\r\n";
        var file = new FilePayload { Name = "residents.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)] };

        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await page.OpenAsync($"/places/{communityId}");
        await page.GetByTestId("import-link").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Import residents into Tanhualin Community");
        await Expect(page.GetByTestId("import-file")).ToBeEnabledAsync();
        await page.GetByTestId("import-file").SetInputFilesAsync(file);
        await Expect(page.GetByTestId("import-file-info")).ToContainTextAsync("residents.csv");
        await Expect(page.GetByTestId("import-ignored")).ToHaveTextAsync("Ignored columns: 微信号");
        await page.GetByTestId("import-check").ClickAsync();

        await Expect(page.GetByTestId("import-new")).ToContainTextAsync("2");
        await Expect(page.GetByTestId("import-problem-rows")).ToContainTextAsync("0");
        await Expect(page.GetByTestId("import-households")).ToContainTextAsync("1");
        await Expect(page.GetByTestId("import-commit")).ToBeEnabledAsync();
        await page.ScreenshotForDocsAsync("import-desktop-en.png");
        await page.GetByTestId("import-commit").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("Imported: 2 new residents in 1 new households");
        Assert.Equal(residentsBefore + 2, await ResidentsOf(building.Id));
        await page.CloseAllAsync();

        // The same file again, on a phone in Chinese: both people are already registered, nothing is new.
        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: "worker.tanhualin");
        await phone.OpenAsync($"/places/{communityId}/import");
        await Expect(phone.Heading()).ToHaveTextAsync("导入居民到昙华林社区");
        await Expect(phone.GetByTestId("import-file")).ToBeEnabledAsync();
        await phone.GetByTestId("import-file").SetInputFilesAsync(file);
        await phone.GetByTestId("import-check").ClickAsync();
        await Expect(phone.GetByTestId("import-unchanged")).ToContainTextAsync("2");
        await Expect(phone.GetByTestId("import-new")).ToContainTextAsync("0");
        await phone.ScreenshotForDocsAsync("import-phone-zh.png");
        await phone.GetByTestId("import-commit").ClickAsync();
        await Expect(phone.GetByTestId("import-done")).ToBeVisibleAsync();
        Assert.Equal(residentsBefore + 2, await ResidentsOf(building.Id));
        await phone.CloseAllAsync();
    }

    [Fact]
    public async Task A_file_with_problems_shows_them_by_row_and_column_and_cannot_be_committed()
    {
        var communityId = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        var residentsBefore = await browser.QueryAsync(db => db.Residents().CountAsync());
        var good = SyntheticIdNumbers.Format("110102", new DateOnly(1988, 8, 8), 3);
        var csv = $"楼栋,房号,姓名,身份证号,备注\r\n无此楼,1-101,错楼,{good},\r\n1栋,1-102,,110102198808080000,号码错\r\n";
        var file = new FilePayload { Name = "有问题.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) };

        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await page.OpenAsync($"/places/{communityId}/import");
        await Expect(page.GetByTestId("import-file")).ToBeEnabledAsync();
        await page.GetByTestId("import-file").SetInputFilesAsync(file);
        await Expect(page.GetByTestId("import-mapping")).ToBeVisibleAsync();
        await page.ScreenshotForDocsAsync("import-mapping-desktop-en.png");
        await page.GetByTestId("import-check").ClickAsync();

        await Expect(page.GetByTestId("import-problem-rows")).ToContainTextAsync("2");
        var problems = page.GetByTestId("import-problems");
        await Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasText = "无此楼" })).ToContainTextAsync("楼栋");
        await Expect(problems.GetByRole(AriaRole.Row).Filter(new() { HasText = "110102198808080000" })).ToContainTextAsync("身份证号");
        await Expect(page.GetByTestId("import-commit")).ToBeDisabledAsync();
        await page.CloseAllAsync();

        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: "worker.tanhualin");
        await phone.OpenAsync($"/places/{communityId}/import");
        await Expect(phone.GetByTestId("import-file")).ToBeEnabledAsync();
        await phone.GetByTestId("import-file").SetInputFilesAsync(file);
        await phone.GetByTestId("import-check").ClickAsync();
        await Expect(phone.GetByTestId("import-problems")).ToContainTextAsync("无此楼");
        await Expect(phone.GetByTestId("import-commit")).ToBeDisabledAsync();
        await phone.ScreenshotForDocsAsync("import-problems-phone-zh.png");
        Assert.Equal(residentsBefore, await browser.QueryAsync(db => db.Residents().CountAsync()));
        await phone.CloseAllAsync();
    }

    private Task<int> ResidentsOf(long buildingId) =>
        browser.QueryAsync(db => db.Residents().CountAsync(r => db.Households().Any(h => h.Id == r.HouseholdId && h.BuildingId == buildingId)));

}
