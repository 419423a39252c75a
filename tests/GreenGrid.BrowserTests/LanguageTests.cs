using GreenGrid.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

public sealed class LanguageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_home_page_opens_in_English_for_an_English_browser()
    {
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "hq.wuhan");
        await page.OpenAsync("/");

        await Expect(page.Heading()).ToHaveTextAsync("Welcome to GreenGrid");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Open the place tree" })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("^Welcome to GreenGrid"));
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task The_home_page_opens_in_Chinese_for_a_Chinese_browser()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN", signedInAs: "hq.wuhan");
        await page.OpenAsync("/");

        await Expect(page.Heading()).ToHaveTextAsync("欢迎使用 GreenGrid 绿格");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "打开区划树" })).ToBeVisibleAsync();
        await Expect(page.Link("区划树")).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task Switching_the_language_on_the_page_changes_the_texts_and_is_kept_after_a_reload()
    {
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "hq.wuhan");
        await page.OpenAsync("/places");
        await Expect(page.Heading()).ToHaveTextAsync("Place tree");

        await page.GetByRole(AriaRole.Link, new() { Name = "中文" }).ClickAsync();

        await Expect(page.Heading()).ToHaveTextAsync("区划树");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/places$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "武汉市" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.Heading()).ToHaveTextAsync("区划树");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Place tree");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Wuhan" })).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task The_sign_in_page_speaks_the_browsers_language_and_switches_like_the_others()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/signin");

        await Expect(page.Heading()).ToHaveTextAsync("登录");
        await Expect(page.GetByLabel("用户名")).ToBeVisibleAsync();
        await Expect(page.GetByText("演示账号（密码 greengrid2020）")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("demo-accounts").GetByRole(AriaRole.Cell, new() { Name = "社区工作者" }).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await Expect(page.Heading()).ToHaveTextAsync("Sign in");
        await Expect(page.GetByLabel("User name")).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }
}
