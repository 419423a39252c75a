using System.Text.RegularExpressions;
using GreenGrid.Accounts;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>Each demo role sees its own part of the city, and nothing else.</summary>
public sealed partial class JurisdictionTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_place_tree_of_each_role_starts_at_its_own_jurisdiction()
    {
        var expected = new Dictionary<string, string[]>
        {
            ["admin"] = ["Wuhan"],
            ["hq.wuhan"] = ["Wuhan"],
            ["hq.wuchang"] = ["Wuchang District"],
            ["office.liangdao"] = ["Liangdao Subdistrict"],
            ["worker.tanhualin"] = ["Tanhualin Community"],
            ["worker.neighbour"] = ["Guoyuan Community"],
            ["grid.tanhualin"] = ["Tanhualin Community"],
            ["guard.tanhualin"] = ["Binhe Factory Quarters"],
            ["volunteer.tanhualin"] = ["Tanhualin Community"],
        };
        // One browser, signing in as each account in turn, as people sharing a desk would.
        var page = await browser.NewPageAsync(locale: "en-US");
        var seen = new Dictionary<string, string[]>();
        foreach (var userName in expected.Keys)
        {
            await page.SignInAsync(userName, DemoAccounts.Password, "/signin?ReturnUrl=%2Fplaces");
            // The tree as the server renders it: nothing here needs a click, so no need to wait for the circuit.
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your jurisdiction" })).ToBeVisibleAsync();
            seen[userName] = [.. await page.GetByTestId("place-table").GetByRole(AriaRole.Link).AllInnerTextsAsync()];
        }

        Assert.Equal(expected, seen);
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_community_worker_opening_the_neighbour_community_by_its_address_finds_nothing()
    {
        var neighbour = await browser.PlaceIdAsync("Guoyuan Community");
        var own = await browser.PlaceIdAsync("Tanhualin Community");
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");

        await page.OpenAsync($"/places/{neighbour}");
        await Expect(page.Heading()).ToHaveTextAsync("Place not found");
        await Expect(page.GetByText("Guoyuan")).ToHaveCountAsync(0);

        await page.OpenAsync($"/places/{own}");
        await Expect(page.Heading()).ToHaveTextAsync("Tanhualin Community");
        // The levels above are named, not linked: their pages would not open.
        var trail = page.GetByRole(AriaRole.Navigation, new() { Name = "Where you are" });
        await Expect(trail.GetByText("Liangdao Subdistrict")).ToBeVisibleAsync();
        await Expect(trail.GetByRole(AriaRole.Link, new() { Name = "Liangdao Subdistrict" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("export-csv")).ToBeVisibleAsync();
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_resident_sees_only_their_own_household()
    {
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "resident.tanhualin");
        await page.OpenAsync("/");

        await Expect(page.Link("My household")).ToBeVisibleAsync();
        await Expect(page.Link("Place tree")).ToHaveCountAsync(0);
        await page.Link("My household").ClickAsync();

        await Expect(page.Heading()).ToHaveTextAsync(new Regex("^Household "));
        await Expect(page.GetByTestId("resident-table").GetByRole(AriaRole.Cell, new() { Name = "Head of household", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reveal")).ToHaveCountAsync(0);

        await page.OpenAsync("/places");
        await Expect(page.Heading()).ToHaveTextAsync("No access to this page");
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_gate_guard_sees_the_buildings_of_the_compound_but_no_households()
    {
        var compound = await browser.PlaceIdAsync("Binhe Factory Quarters");
        var (building, household) = await browser.QueryAsync(async db =>
        {
            var b = await db.Places().Where(p => p.ParentId == compound).OrderBy(p => p.Code).Select(p => p.Id).FirstAsync();
            return (b, await db.Households().Where(h => h.BuildingId == b).Select(h => h.Id).FirstAsync());
        });
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: "guard.tanhualin");

        await page.OpenAsync($"/places/{building}");
        await Expect(page.GetByTestId("place-kind")).ToHaveTextAsync("Building");
        await Expect(page.GetByText("Households", new() { Exact = true }).First).ToBeVisibleAsync(); // the count card
        await Expect(page.GetByTestId("households")).ToHaveCountAsync(0);

        await page.OpenAsync($"/households/{household}");
        await Expect(page.Heading()).ToHaveTextAsync("No access to this page");
        await Expect(page.GetByTestId("resident-table")).ToHaveCountAsync(0);
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_worker_reveals_one_residents_full_numbers_the_office_cannot_and_the_audit_log_shows_it()
    {
        var household = await TanhalinHousehold();

        var office = await browser.NewPageAsync(locale: "en-US", signedInAs: "office.liangdao");
        await office.OpenAsync($"/households/{household}");
        await Expect(office.GetByTestId("resident-table")).ToBeVisibleAsync();
        await Expect(office.GetByTestId("reveal")).ToHaveCountAsync(0);
        await office.CloseAllAsync();

        var worker = await browser.NewPageAsync(locale: "en-US", signedInAs: "worker.tanhualin");
        await worker.OpenAsync($"/households/{household}");
        var row = worker.GetByTestId("resident-table").Locator("tbody tr").First;
        await Expect(row.GetByTestId("id-number")).ToHaveTextAsync(MaskedIdNumber());
        await row.GetByTestId("reveal").ClickAsync();
        await Expect(row.GetByTestId("id-number")).ToHaveTextAsync(FullIdNumber());
        await Expect(row.GetByTestId("revealed")).ToBeVisibleAsync();
        var residentName = (await row.Locator("td").First.InnerTextAsync()).Trim();
        await worker.CloseAllAsync();

        var admin = await browser.NewPageAsync(locale: "en-US", signedInAs: "admin");
        await admin.OpenAsync("/admin/audit");
        await admin.GetByTestId("filter-action").ClickAsync();
        await admin.GetByRole(AriaRole.Option, new() { Name = "Show full numbers" }).ClickAsync();
        var entry = admin.GetByTestId("audit-table").Locator("tbody tr").First;
        await Expect(entry).ToContainTextAsync("worker.tanhualin");
        await Expect(entry).ToContainTextAsync("Community worker");
        await Expect(entry).ToContainTextAsync("Show full numbers");
        await Expect(entry).ToContainTextAsync("Resident");
        Assert.False(string.IsNullOrEmpty(residentName));
        await admin.CloseAllAsync();
    }

    /// <summary>A household of Tanhualin Community: the worker's, the grid worker's and the office's, not the neighbour's.</summary>
    private Task<long> TanhalinHousehold() => browser.QueryAsync(async (AppDb db) =>
    {
        var community = await db.Places().Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).SingleAsync();
        return await db.Households()
            .Where(h => db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(community)))
            .Where(h => db.Residents().Any(r => r.HouseholdId == h.Id && r.Phone != null))
            .OrderByDescending(h => h.Id).Select(h => h.Id).FirstAsync();
    });

    [GeneratedRegex(@"^\d{4}\*{10}[\dX]{4}$")]
    private static partial Regex MaskedIdNumber();

    [GeneratedRegex(@"^\d{17}[\dX]$")]
    private static partial Regex FullIdNumber();
}
