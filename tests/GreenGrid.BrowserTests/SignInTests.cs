using System.Text.RegularExpressions;
using GreenGrid.Accounts;
using GreenGrid.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>Signing in and out as a person does it: the form, its errors, the account menu.</summary>
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_page_opened_while_signed_out_asks_to_sign_in_and_comes_back_to_it()
    {
        var page = await browser.NewPageAsync(locale: "en-US");
        await page.GotoAsync("/places");

        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?ReturnUrl=%2Fplaces$"));
        await Expect(page.Heading()).ToHaveTextAsync("Sign in");

        await page.FillSignInAsync("office.liangdao", DemoAccounts.Password);

        await Expect(page).ToHaveURLAsync(new Regex("/places$"));
        await Expect(page.Heading()).ToHaveTextAsync("Place tree");
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_error_and_leaves_the_visitor_signed_out()
    {
        var page = await browser.NewPageAsync(locale: "en-US");
        await page.GotoAsync("/signin");

        await page.FillSignInAsync("volunteer.tanhualin", "not-the-password-1");

        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("The user name or password is wrong, or the account is disabled.");
        await Expect(page.GetByLabel("Password")).ToHaveValueAsync(""); // never sent back inside the page
        await page.GotoAsync("/places");
        await Expect(page).ToHaveURLAsync(PageExtensions.SignInAddress());
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task Empty_fields_are_named_in_the_errors_in_the_pages_language()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.GotoAsync("/signin");

        await page.GetByTestId("sign-in").ClickAsync();

        await Expect(page.GetByTestId("userName-error")).ToHaveTextAsync("请输入用户名。");
        await Expect(page.GetByTestId("password-error")).ToHaveTextAsync("请输入密码。");
        await Expect(page.GetByTestId("signin-error")).ToHaveCountAsync(0);
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task The_account_menu_shows_who_is_signed_in_and_signing_out_closes_the_pages_again()
    {
        var page = await browser.NewPageAsync(locale: "zh-CN");
        await page.SignInAsync("worker.tanhualin", DemoAccounts.Password);
        await page.OpenAsync("/places");

        await page.GetByTestId("account-menu").ClickAsync();
        var card = page.GetByTestId("account-card");
        await Expect(card).ToContainTextAsync("昙华林社区 社区工作者");
        await Expect(card).ToContainTextAsync("worker.tanhualin");
        await Expect(card.GetByText("社区工作者", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(card).ToContainTextAsync("辖区");
        await Expect(card).ToContainTextAsync("昙华林社区");

        await page.GetByTestId("sign-out").ClickAsync();

        await Expect(page).ToHaveURLAsync(PageExtensions.SignInAddress());
        await Expect(page.Heading()).ToHaveTextAsync("登录");
        await page.GotoAsync("/places");
        await Expect(page).ToHaveURLAsync(new Regex(@"/signin\?ReturnUrl=%2Fplaces$"));
        await page.CloseAllAsync();
    }
}
