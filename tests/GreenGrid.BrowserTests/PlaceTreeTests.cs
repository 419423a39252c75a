using System.Text.RegularExpressions;
using GreenGrid.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

public sealed partial class PlaceTreeTests(BrowserFixture browser)
{
    [Fact]
    public async Task Clicking_from_the_city_down_to_a_household_shows_its_residents_with_masked_ID_numbers()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN", signedInAs: "hq.wuhan");
        await page.OpenAsync("/places");

        await page.Link("武汉市").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("武汉市");
        await page.Link("武昌区").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("武昌区");
        await page.Link("粮道街").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("粮道街");
        await page.Link("昙华林社区").ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("昙华林社区");
        await Expect(page.GetByText("社区", new() { Exact = true }).First).ToBeVisibleAsync();

        var compound = page.GetByTestId("place-table").GetByRole(AriaRole.Link).First;
        var compoundName = await compound.InnerTextAsync();
        await compound.ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync(compoundName);

        var building = page.GetByTestId("place-table").GetByRole(AriaRole.Link).First;
        var buildingName = await building.InnerTextAsync();
        await building.ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync(buildingName);

        await page.GetByTestId("households").GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync(new Regex("^住户 "));

        // The trail leads back up to the city.
        var trail = page.GetByRole(AriaRole.Navigation, new() { Name = "当前位置" });
        foreach (var level in new[] { "武汉市", "武昌区", "粮道街", "昙华林社区", compoundName, buildingName })
        {
            await Expect(trail.GetByRole(AriaRole.Link, new() { Name = level, Exact = true })).ToBeVisibleAsync();
        }

        var table = page.GetByTestId("resident-table");
        await Expect(table.GetByRole(AriaRole.Columnheader, new() { Name = "身份证号" })).ToBeVisibleAsync();
        await Expect(table.GetByRole(AriaRole.Cell, new() { Name = "户主", Exact = true })).ToBeVisibleAsync();
        var idNumbers = await table.Locator("tbody tr td:nth-child(6)").AllInnerTextsAsync();
        Assert.NotEmpty(idNumbers);
        Assert.All(idNumbers, id => Assert.Matches(MaskedIdNumber(), id.Trim()));
        await Expect(page.GetByText("合成演示数据")).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task At_phone_width_the_menu_button_opens_the_drawer_and_the_tree_still_navigates()
    {
        var page = await browser.NewPageAsync(locale: "en-US", width: 390, height: 844, phone: true, signedInAs: "hq.wuhan");
        await page.OpenAsync("/");
        var treeInMenu = page.Link("Place tree");
        await Expect(treeInMenu).Not.ToBeInViewportAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Open the menu" }).ClickAsync();
        await Expect(treeInMenu).ToBeInViewportAsync();
        await treeInMenu.ClickAsync();

        await Expect(page.Heading()).ToHaveTextAsync("Place tree");
        await Expect(treeInMenu).Not.ToBeInViewportAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Wuhan" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Wuhan");
        await page.GetByTestId("place-cards").GetByRole(AriaRole.Link, new() { Name = "Wuchang District" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Wuchang District");
        await page.GetByTestId("place-cards").GetByRole(AriaRole.Link, new() { Name = "Liangdao Subdistrict" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Liangdao Subdistrict");
        await Expect(page.GetByText("Communities").First).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task An_unknown_place_or_address_shows_a_clear_not_found_page()
    {
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "hq.wuhan");
        await page.OpenAsync("/places/987654321");

        await Expect(page.Heading()).ToHaveTextAsync("Place not found");
        await Expect(page.GetByText("There is no place with number 987654321.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the place tree" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Place tree");

        await page.OpenAsync("/no/such/page");
        await Expect(page.Heading()).ToHaveTextAsync("Page not found");
        await page.CloseAllAsync();
    }

    /// <summary>18 characters with only the first four and the last four shown.</summary>
    [GeneratedRegex(@"^\d{4}\*{10}[\dX]{4}$")]
    private static partial Regex MaskedIdNumber();
}
