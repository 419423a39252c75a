using GreenGrid.BrowserTests.Support;
using GreenGrid.Certification.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>Apply → approve → batch → revoke in the browser: a community worker attests and applies, district HQ approves and publishes, a confirmed case revokes.</summary>
public sealed class CertificationWorkflowTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";
    private const string Hq = "hq.wuchang";

    [Fact]
    public async Task A_worker_attests_and_applies_for_a_compound_district_hq_approves_and_publishes_it_and_a_confirmed_case_revokes_it_with_an_alert()
    {
        // A compound of Tanhualin that nobody has applied for and where no resident has a case event: eligible once attested.
        var (compound, nameEn, resident) = await browser.QueryAsync(async db =>
        {
            var community = await db.Places.Where(p => p.NameEn == "Tanhualin Community").Select(p => p.Path).SingleAsync();
            var candidates = await db.Places.Where(p => p.Kind == GreenGrid.Places.PlaceKind.Compound && p.Path.StartsWith(community) && p.RetiredAt == null)
                .Where(p => !db.CertificationApplications.Any(a => a.PlaceId == p.Id))
                .Where(p => !db.Residents.Any(r => db.CaseEvents.Any(e => e.ResidentId == r.Id)
                    && db.Households.Any(h => h.Id == r.HouseholdId && db.Places.Any(b => b.Id == h.BuildingId && b.Path.StartsWith(p.Path)))))
                .Select(p => new { p.Id, p.NameEn, p.Path }).ToListAsync();
            foreach (var c in candidates)
            {
                var person = await db.Residents.Where(r => r.MergedIntoId == null && db.Households.Any(h => h.Id == r.HouseholdId && db.Places.Any(b => b.Id == h.BuildingId && b.Path.StartsWith(c.Path))))
                    .Select(r => (long?)r.Id).FirstOrDefaultAsync();
                if (person is { } id)
                {
                    return (c.Id, c.NameEn, id);
                }
            }
            throw new InvalidOperationException("no compound of Tanhualin is free of case events and unapplied for");
        });

        var worker = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        await worker.OpenAsync($"/places/{compound}/certification");
        await worker.GetByTestId("cert-attest-all").ClickAsync();
        await Expect(worker.GetByTestId("cert-status")).ToContainTextAsync("Epidemic-free");
        await worker.GetByTestId("cert-apply").ClickAsync();
        await Expect(worker.GetByTestId("cert-application")).ToBeVisibleAsync();
        await Expect(worker.GetByTestId("cert-apply")).ToHaveCountAsync(0);

        var hq = await browser.NewPageAsync(locale: "en-US", signedInAs: Hq);
        await hq.OpenAsync("/certification");
        var pending = hq.GetByTestId("cert-app").Filter(new() { HasText = nameEn });
        await pending.GetByTestId("cert-approve").ClickAsync();
        await Expect(hq.GetByTestId("cert-app").Filter(new() { HasText = nameEn })).ToHaveCountAsync(0);
        await hq.GetByTestId("cert-publish").ClickAsync();
        var number = await browser.QueryAsync(db => db.CertificationApplications.Where(a => a.PlaceId == compound).Join(db.CertificationBatches, a => a.BatchId, b => b.Id, (a, b) => b.Number).SingleAsync());
        var batch = hq.GetByTestId("cert-batch").Filter(new() { HasText = $"Batch {number} ·" });
        await Expect(batch).ToHaveCountAsync(1);
        await Expect(batch.GetByTestId("cert-total").First).ToContainTextAsync("compounds");
        await batch.GetByRole(AriaRole.Button, new() { Name = "List" }).ClickAsync();
        await Expect(batch.GetByTestId("cert-batch-list")).ToContainTextAsync(nameEn);

        // A confirmed case for one of its residents, recorded on the case timeline.
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
        await hq.OpenAsync("/certification");
        await Expect(hq.GetByTestId("cert-alert").Filter(new() { HasText = nameEn }).First).ToContainTextAsync("revoked by");
        await worker.CloseAllAsync();
        await hq.CloseAllAsync();
    }
}
