using System.Globalization;
using System.Text.RegularExpressions;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>
/// Tests that add residents to Tanhualin Community and check its counts: one at a time, or one
/// sees the other's new residents in its "count went up by one" (the server and demo city are shared).
/// </summary>
[CollectionDefinition(nameof(TanhualinResidents))]
public sealed class TanhualinResidents;

/// <summary>The register's pages as a community worker uses them: entering people, counts that open their lists, merging.</summary>
[Collection(nameof(TanhualinResidents))]
public sealed partial class RegisterPagesTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";

    [Fact]
    public async Task A_worker_adds_a_resident_fixes_a_mistyped_check_digit_and_the_household_and_community_counts_go_up()
    {
        var community = await browser.PlaceIdAsync("Tanhualin Community");
        var household = await TanhualinHousehold(skip: 3);
        var idNumber = IdNumber("420106", new DateOnly(1985, 3, 12), "123");
        var mistyped = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);

        await page.OpenAsync($"/places/{community}");
        var communityBefore = await CountOf(page, "residents");
        await page.OpenAsync($"/households/{household}");
        var householdBefore = int.Parse(await page.GetByTestId("resident-count").InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-US"));

        await page.GetByTestId("add-resident").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Name", new() { Exact = true }).FillAsync("测试 Test Resident");
        await dialog.GetByLabel("ID number").FillAsync(mistyped);
        await dialog.GetByTestId("field-relationship").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Other" }).ClickAsync();
        await dialog.GetByTestId("save-resident").ClickAsync();

        // The server's reason, under the field it names, and nothing was saved.
        await Expect(dialog.GetByTestId("cell-idNumber").Locator(".mud-input-helper-text.mud-input-error"))
            .ToContainTextAsync($"the check digit is {mistyped[17]} but the first 17 digits give {idNumber[17]}");
        await Expect(dialog.GetByLabel("ID number")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(dialog.GetByTestId("cell-name").Locator(".mud-input-helper-text.mud-input-error")).ToHaveCountAsync(0);

        await dialog.GetByLabel("ID number").FillAsync(idNumber);
        await dialog.GetByTestId("save-resident").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var row = page.GetByTestId("resident-table").Locator("tbody tr", new() { HasText = "测试 Test Resident" });
        await Expect(row).ToContainTextAsync("Male"); // read from the ID number
        await Expect(row.GetByTestId("id-number")).ToHaveTextAsync(idNumber[..4] + "**********" + idNumber[14..]);
        await Expect(page.GetByTestId("resident-count")).ToHaveTextAsync((householdBefore + 1).ToString(CultureInfo.InvariantCulture));

        await page.OpenAsync($"/places/{community}");
        await Expect(Count(page, "residents")).ToHaveTextAsync((communityBefore + 1).ToString("N0", CultureInfo.GetCultureInfo("en-US")));
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_worker_in_Chinese_sees_the_servers_reason_for_a_mistyped_id_number_in_Chinese()
    {
        var household = await TanhualinHousehold(skip: 4);
        var idNumber = IdNumber("420106", new DateOnly(1990, 7, 1), "456");
        var mistyped = idNumber[..17] + (idNumber[17] == '0' ? '1' : '0');
        var page = await browser.NewPageAsync(locale: "zh-CN", signedInAs: Worker);

        await page.OpenAsync($"/households/{household}");
        await page.GetByTestId("add-resident").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("cell-name").Locator("input").FillAsync("测试 错号");
        await dialog.GetByTestId("cell-idNumber").Locator("input").FillAsync(mistyped);
        await dialog.GetByTestId("save-resident").ClickAsync();

        // The server's reason (Register.IdCheckDigit), rendered in the page's language, under the field it names.
        await Expect(dialog.GetByTestId("cell-idNumber").Locator(".mud-input-helper-text.mud-input-error"))
            .ToContainTextAsync($"身份证号码校验位不符：最后一位是 {mistyped[17]}，按前 17 位应为 {idNumber[17]}");
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_count_on_the_place_page_opens_the_list_of_exactly_the_people_it_counts()
    {
        var community = await browser.PlaceIdAsync("Tanhualin Community");
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        await page.OpenAsync($"/places/{community}");
        await Expect(page.GetByTestId("export-xlsx")).ToHaveAttributeAsync("href", $"/api/v1/places/{community}/residents.xlsx");

        var floating = await CountOf(page, "floating");
        Assert.True(floating > 0, "the demo community has floating residents");
        await Count(page, "floating").ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/places/{community}/residents\\?category=floating$"));
        await Expect(page.Heading()).ToHaveTextAsync("Floating");
        await Expect(page.GetByTestId("list-total")).ToHaveTextAsync($"{floating.ToString("N0", CultureInfo.GetCultureInfo("en-US"))} in total");
        var rows = page.GetByTestId("resident-list").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(Math.Min(floating, 50));
        await Expect(rows.First).ToContainTextAsync("Floating");
        await Expect(rows.First).ToContainTextAsync(MaskedIdNumber());
        await page.CloseAllAsync();
    }

    [Fact]
    public async Task A_worker_merges_two_records_of_one_person_and_undoes_the_merge()
    {
        var (keptId, duplicateId, name) = await TwoRecordsOfOnePerson();
        var community = await browser.PlaceIdAsync("Tanhualin Community");
        var page = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);

        await page.OpenAsync($"/places/{community}");
        var before = await CountOf(page, "residents");
        await page.GetByTestId("duplicates-link").ClickAsync();
        var group = page.GetByTestId("duplicate-group").Filter(new() { HasText = $"#{duplicateId}" });
        await Expect(group).ToContainTextAsync("Same name, birth date and phone");
        await page.WaitForInteractiveAsync();
        await group.GetByTestId("open-merge").ClickAsync();

        await Expect(page.Heading()).ToHaveTextAsync("Merge two records");
        await Expect(page.GetByTestId("merge-table")).ToContainTextAsync($"#{keptId}");
        await Expect(page.GetByTestId("merge-table")).ToContainTextAsync($"#{duplicateId}");
        await page.GetByTestId("take-b-note").ClickAsync();
        await page.GetByTestId("confirm-merge").ClickAsync();

        await Expect(page.Heading()).ToHaveTextAsync("Records merged");
        var kept = page.GetByTestId("kept-record");
        await Expect(kept).ToContainTextAsync(name);
        await Expect(kept).ToContainTextAsync("entered twice");
        await page.OpenAsync($"/places/{community}");
        await Expect(Count(page, "residents")).ToHaveTextAsync((before - 1).ToString("N0", CultureInfo.GetCultureInfo("en-US")));

        var household = await browser.QueryAsync(db => db.Residents().Where(r => r.Id == keptId).Select(r => r.HouseholdId).SingleAsync());
        await page.OpenAsync($"/households/{household}");
        var merge = page.GetByTestId("merges").Locator(".gg-merge-row", new() { HasText = $"#{duplicateId}" });
        await merge.GetByTestId("undo-merge").ClickAsync();
        await Expect(merge).ToContainTextAsync("Undone");

        await page.OpenAsync($"/places/{community}");
        await Expect(Count(page, "residents")).ToHaveTextAsync(before.ToString("N0", CultureInfo.GetCultureInfo("en-US")));
        await page.CloseAllAsync();
    }

    private static ILocator Count(IPage page, string category) =>
        page.Locator($"[data-testid='register-count'][data-category='{category}'] .gg-count-value");

    private static async Task<int> CountOf(IPage page, string category) =>
        int.Parse(await Count(page, category).InnerTextAsync(), NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("en-US"));

    /// <summary>A household of Tanhualin with residents that have phones; <paramref name="skip"/> keeps tests off each other's households.</summary>
    internal Task<long> TanhualinHousehold(int skip) => browser.QueryAsync(async db =>
    {
        var community = await db.Places().Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).SingleAsync();
        return await db.Households()
            .Where(h => db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(community)))
            .Where(h => db.Residents().Any(r => r.HouseholdId == h.Id && r.Phone != null))
            .OrderBy(h => h.Id).Select(h => h.Id).Skip(skip).FirstAsync();
    });

    /// <summary>
    /// A person entered twice: a copy of a Tanhualin resident (same name, birth date and phone, another
    /// ID number) in another household, as a second entry by another worker would have made it.
    /// </summary>
    private Task<(long Kept, long Duplicate, string Name)> TwoRecordsOfOnePerson() => browser.QueryAsync(async db =>
    {
        var households = await db.Households().Where(h => db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(
                db.Places().Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).Single())))
            .OrderBy(h => h.Id).Select(h => h.Id).Skip(10).Take(2).ToListAsync();
        var original = await db.Residents().Where(r => r.HouseholdId == households[0] && r.Phone != null && r.DocumentType == DocumentType.ResidentIdCard)
            .OrderBy(r => r.Id).FirstAsync();
        var sequence = original.IdNumber[14..16] == "99" ? "01" : "99";
        var number = IdNumber(original.IdNumber[..6], original.BirthDate, sequence + original.IdNumber[16]);
        var copy = new Resident
        {
            HouseholdId = households[1], Name = original.Name, IdNumber = number, Sex = original.Sex, BirthDate = original.BirthDate,
            DocumentType = original.DocumentType, Phone = original.Phone, Relationship = Relationship.Other, Residence = original.Residence,
            Note = "entered twice", IsSynthetic = true,
        };
        db.Residents().Add(copy);
        await db.SaveChangesAsync();
        return (original.Id, copy.Id, original.Name);
    });

    private static string IdNumber(string region, DateOnly birth, string sequence)
    {
        var first17 = region + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence;
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }

    [GeneratedRegex(@"\d{4}\*{10}[\dX]{4}")]
    private static partial Regex MaskedIdNumber();
}
