using System.Text.Json;
using GreenGrid.BrowserTests.Support;
using GreenGrid.Certification.Workflow;
using GreenGrid.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>
/// The certification test registers a compound and a resident of its own in Tanhualin: run alone,
/// after every parallel test, so that no other test counts or picks them while it runs.
/// </summary>
[CollectionDefinition(nameof(CertificationWorkflowTests), DisableParallelization = true)]
public sealed class CertificationWorkflowCollection;

/// <summary>Apply → approve → batch → revoke in the browser: a community worker attests and applies, district HQ approves and publishes, a confirmed case revokes.</summary>
[Collection(nameof(CertificationWorkflowTests))]
public sealed class CertificationWorkflowTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";
    private const string Hq = "hq.wuchang";
    private const string CompoundEn = "Xinqidian Compound";

    [Fact]
    public async Task A_worker_attests_and_applies_for_a_compound_district_hq_approves_and_publishes_it_and_a_confirmed_case_revokes_it_with_an_alert()
    {
        var worker = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        // Every compound of the demo has case events or a certification already: the worker registers a new one,
        // as the community would through the API (place, building, household, one resident).
        var (community, compound, building, resident) = await RegisterCompound(worker);

        // The community's page counts the new compound at once: not free until its controls are attested.
        await worker.OpenAsync($"/places/{community}/certification");
        await Expect(worker.GetByTestId("cert-child").Filter(new() { HasText = CompoundEn })).ToContainTextAsync("Not epidemic-free");

        await worker.OpenAsync($"/places/{compound}/certification");
        await Expect(worker.GetByTestId("cert-status")).ToContainTextAsync("Not epidemic-free");
        await worker.GetByTestId("cert-attest-all").ClickAsync();
        await Expect(worker.GetByTestId("cert-status")).ToHaveTextAsync("Epidemic-free");
        await worker.GetByTestId("cert-apply").ClickAsync();
        await Expect(worker.GetByTestId("cert-application")).ToHaveAttributeAsync("data-status", nameof(ApplicationStatus.Pending));
        await Expect(worker.GetByTestId("cert-apply")).ToHaveCountAsync(0);

        var hq = await browser.NewPageAsync(locale: "en-US", signedInAs: Hq);
        await hq.OpenAsync("/certification");
        var pending = hq.GetByTestId("cert-app").Filter(new() { HasText = CompoundEn });
        await pending.GetByTestId("cert-approve").ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);
        await hq.GetByTestId("cert-publish").ClickAsync();
        await Expect(hq.GetByTestId("cert-next-due")).ToContainTextAsync("· 0 approved waiting");
        // District HQ publishes for its district: the batch is numbered in Wuchang's own series.
        var number = await browser.QueryAsync(db => db.CertificationApplications().Where(a => a.PlaceId == compound)
            .Join(db.CertificationBatches(), a => a.BatchId, b => b.Id, (a, b) => b.Number).SingleAsync());
        var batch = hq.GetByTestId("cert-batch").Filter(new() { HasText = $"Batch {number} · Wuchang District ·" });
        await Expect(batch).ToHaveCountAsync(1);
        await Expect(batch.GetByTestId("cert-total").First).ToContainTextAsync("compounds");
        await batch.GetByRole(AriaRole.Button, new() { Name = "List" }).ClickAsync();
        await Expect(batch.GetByTestId("cert-batch-list")).ToContainTextAsync(CompoundEn);

        await worker.OpenAsync($"/places/{compound}/certification");
        await Expect(worker.GetByTestId("cert-application")).ToHaveAttributeAsync("data-status", nameof(ApplicationStatus.Approved));
        await Expect(worker.GetByTestId("cert-application")).ToContainTextAsync($"batch {number}");

        // A confirmed case for its resident, recorded on the case timeline.
        await worker.OpenAsync($"/residents/{resident}/cases");
        await worker.GetByTestId("add-event").ClickAsync();
        var dialog = worker.GetByRole(AriaRole.Dialog);
        await dialog.GetByTestId("field-type").ClickAsync();
        await worker.GetByRole(AriaRole.Option, new() { Name = "Confirmed case" }).ClickAsync();
        await dialog.GetByTestId("save-event").ClickAsync();
        await Expect(worker.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(worker.GetByTestId("category")).ToHaveAttributeAsync("data-category", "Confirmed");

        await worker.OpenAsync($"/places/{compound}/certification");
        await Expect(worker.GetByTestId("cert-status")).ToContainTextAsync("Not epidemic-free");
        await Expect(worker.GetByTestId("cert-application")).ToHaveAttributeAsync("data-status", nameof(ApplicationStatus.Revoked));
        // A building's page opens with its status and no map of what lies under it (it failed looking for one).
        await worker.OpenAsync($"/places/{building}/certification");
        await Expect(worker.GetByTestId("cert-status")).ToBeVisibleAsync();
        await Expect(worker.GetByTestId("cert-map")).ToHaveCountAsync(0);
        await hq.OpenAsync("/certification");
        await Expect(hq.GetByTestId("cert-alert").Filter(new() { HasText = CompoundEn }).First).ToContainTextAsync("revoked by a confirmed case");
        await worker.CloseAllAsync();
        await hq.CloseAllAsync();
    }

    /// <summary>
    /// A compound of Tanhualin with one building, one household and one resident, created through the API in the
    /// worker's session (as the community's own tools would): the certification model learns of the new compound
    /// when it is first asked about it, the resident when their first case event arrives.
    /// </summary>
    private async Task<(long Community, long Compound, long Building, long Resident)> RegisterCompound(IPage worker)
    {
        var community = await browser.PlaceIdAsync(WuhanDivisions.TanhualinNameEn);
        var api = worker.APIRequest;
        var compound = await Created(await api.PostAsync("/api/v1/places", new()
        {
            DataObject = new { parentId = community, kind = "compound", code = "XQD", nameZh = "新起点小区", nameEn = CompoundEn },
        }));
        var building = await Created(await api.PostAsync("/api/v1/places", new()
        {
            DataObject = new { parentId = compound, kind = "building", code = "1", nameZh = "1栋", nameEn = "Building 1" },
        }));
        var household = await Created(await api.PostAsync("/api/v1/households", new() { DataObject = new { buildingId = building, room = "101" } }));
        // Sequence 999 is one the demo's generator never issues: the number belongs to nobody else on the register.
        var idNumber = SyntheticIdNumbers.Format(WuhanDivisions.WuchangCode, new DateOnly(1984, 6, 12), 999);
        var resident = await Created(await api.PostAsync($"/api/v1/households/{household}/residents", new()
        {
            DataObject = new { name = "陈新", idNumber, relationship = "head", residence = "registered" },
        }));
        return (community, compound, building, resident);
    }

    private static async Task<long> Created(IAPIResponse response)
    {
        var body = await response.TextAsync();
        Assert.True(response.Status == 201, $"{response.Url} answered {response.Status}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetInt64();
    }
}
