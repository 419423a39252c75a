using System.Text.RegularExpressions;
using GreenGrid.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>The administrator's accounts page, end to end: the account made there can sign in.</summary>
public sealed class AdminTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_creates_an_account_that_can_then_sign_in_and_sees_its_jurisdiction()
    {
        var admin = await browser.NewPageAsync(locale: "en-US", signedInAs: "admin");
        await admin.OpenAsync("/admin/accounts");
        await Expect(admin.Heading()).ToHaveTextAsync("Accounts");
        await Expect(admin.GetByTestId("account-table").Locator("tr[data-user='worker.tanhualin']")).ToContainTextAsync("Tanhualin Community");

        await admin.GetByTestId("new-account").ClickAsync();
        var dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("save-account").ClickAsync();
        // Nothing filled in: each field says what it needs.
        await Expect(dialog.GetByText("Required")).ToHaveCountAsync(3);
        await Expect(dialog.GetByText("Choose a role")).ToBeVisibleAsync();

        await dialog.GetByLabel("User name").FillAsync("volunteer.guoyuan");
        await dialog.GetByLabel("Display name").FillAsync("果园社区 志愿者 Guoyuan volunteer");
        await dialog.GetByTestId("field-role").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Volunteer" }).ClickAsync();
        await dialog.GetByLabel("Initial password").FillAsync("short");
        await dialog.GetByTestId("save-account").ClickAsync();
        await Expect(dialog.GetByText("At least 10 characters, with a digit and a lower-case letter").First).ToBeVisibleAsync();
        await Expect(dialog.GetByText("Add at least one place: the account sees only what lies inside it.")).ToBeVisibleAsync();

        await dialog.GetByLabel("Initial password").FillAsync("guoyuan2020x");
        await dialog.GetByLabel("Add a place to the jurisdiction").FillAsync("Guoyuan");
        await dialog.GetByTestId("place-results").GetByRole(AriaRole.Button, new() { Name = "Guoyuan Community" }).ClickAsync();
        await Expect(dialog.GetByTestId("picked-places")).ToContainTextAsync("Guoyuan Community");
        await dialog.GetByTestId("save-account").ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = admin.GetByTestId("account-table").Locator("tr[data-user='volunteer.guoyuan']");
        await Expect(row).ToContainTextAsync("Volunteer");
        await Expect(row).ToContainTextAsync("Guoyuan Community");
        await admin.CloseAllAsync();

        var volunteer = await browser.NewPageAsync(locale: "en-US");
        await volunteer.SignInAsync("volunteer.guoyuan", "guoyuan2020x", "/signin?ReturnUrl=%2Fplaces");
        await volunteer.WaitForInteractiveAsync();
        await Expect(volunteer.GetByTestId("place-table").GetByRole(AriaRole.Link)).ToHaveTextAsync(["Guoyuan Community"]);

        // The new account changes its initial password and stays signed in.
        await volunteer.GotoAsync("/account/password");
        await volunteer.GetByLabel("Current password").FillAsync("guoyuan2020x");
        await volunteer.GetByLabel("New password", new() { Exact = true }).FillAsync("guoyuan2020y");
        await volunteer.GetByLabel("New password again").FillAsync("guoyuan2020y");
        await volunteer.GetByTestId("change-password").ClickAsync();
        await Expect(volunteer.GetByTestId("password-changed")).ToBeVisibleAsync();
        await volunteer.OpenAsync("/places");
        await Expect(volunteer).ToHaveURLAsync(new Regex("/places$"));
        await volunteer.CloseAllAsync();

        // The administrator renames the account, then disables it: it can no longer sign in.
        admin = await browser.NewPageAsync(locale: "en-US", signedInAs: "admin");
        await admin.OpenAsync("/admin/accounts");
        row = admin.GetByTestId("account-table").Locator("tr[data-user='volunteer.guoyuan']");
        await row.GetByTestId("edit-account").ClickAsync();
        dialog = admin.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Display name").FillAsync("Guoyuan volunteer (renamed)");
        await dialog.GetByTestId("save-account").ClickAsync();
        await Expect(row).ToContainTextAsync("Guoyuan volunteer (renamed)");
        await row.GetByTestId("disable-account").ClickAsync();
        await Expect(row.GetByTestId("status")).ToHaveTextAsync("Disabled");
        await admin.CloseAllAsync();

        var disabled = await browser.NewPageAsync(locale: "en-US");
        await disabled.GotoAsync("/signin");
        await disabled.FillSignInAsync("volunteer.guoyuan", "guoyuan2020y");
        await Expect(disabled.GetByTestId("signin-error")).ToHaveTextAsync("The user name or password is wrong, or the account is disabled.");
        await disabled.CloseAllAsync();
    }

    [Fact]
    public async Task A_role_without_the_permission_has_no_administration_in_its_menu_and_the_page_refuses_it()
    {
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await page.OpenAsync("/");
        await Expect(page.Link("Place tree")).ToBeVisibleAsync();
        await Expect(page.Link("Accounts")).ToHaveCountAsync(0);
        await Expect(page.Link("Audit log")).ToHaveCountAsync(0);

        await page.OpenAsync("/admin/accounts");
        await Expect(page.Heading()).ToHaveTextAsync("No access to this page");
        await page.CloseAllAsync();
    }
}
