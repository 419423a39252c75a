using GreenGrid.BrowserTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace GreenGrid.BrowserTests;

/// <summary>Closed management at a compound's gate: a pass issued on the household page, scanned out and in by the guard, logged; refused once the household is under management.</summary>
public sealed class GateTests(BrowserFixture browser)
{
    private const string Worker = "worker.tanhualin";
    private const string Guard = "guard.tanhualin";

    [Fact]
    public async Task A_pass_issued_on_the_household_page_is_scanned_out_and_in_and_logged_and_refused_once_a_member_is_a_close_contact()
    {
        var (gateId, compoundId, householdId, memberId) = await browser.QueryAsync(async db =>
        {
            var guard = await db.Users.Where(u => u.UserName == Guard).Select(u => u.Id).SingleAsync();
            var compound = await db.AccountJurisdictions.Where(j => j.AccountId == guard)
                .Join(db.Places(), j => j.PlaceId, p => p.Id, (j, p) => p).Where(p => p.Kind == GreenGrid.Places.PlaceKind.Compound).FirstAsync();
            var gate = await db.Gates().Where(g => g.CompoundId == compound.Id && g.RetiredAt == null).OrderBy(g => g.Id).FirstOrDefaultAsync();
            if (gate is null)
            {
                // The demo city has no gates: the compound's first gate is open around the clock by default.
                gate = new GreenGrid.Access.Gate { CompoundId = compound.Id, Name = "北门", CreatedAt = DateTime.UtcNow };
                db.Gates().Add(gate);
                await db.SaveChangesAsync();
            }
            // A household of the guard's compound with no case record and no pass yet (the middle one: other tests take the first and the last people).
            var households = await db.Households()
                .Where(h => db.Places().Any(b => b.Id == h.BuildingId && b.Path.StartsWith(compound.Path)))
                .Where(h => db.Residents().Any(r => r.HouseholdId == h.Id && r.MergedIntoId == null && r.Status == GreenGrid.Register.ResidentStatus.Present))
                .Where(h => !db.Residents().Any(r => r.HouseholdId == h.Id && db.CaseEvents().Any(e => e.ResidentId == r.Id)))
                .Where(h => !db.Passes().Any(p => p.HouseholdId == h.Id))
                .OrderBy(h => h.Id).Select(h => h.Id).ToListAsync();
            var household = households[households.Count / 2];
            var member = await db.Residents().Where(r => r.HouseholdId == household && r.MergedIntoId == null).OrderByDescending(r => r.Id).Select(r => r.Id).FirstAsync();
            return (gate.Id, compound.Id, household, member);
        });

        // The community worker issues a pass on the household's page; its QR code carries the token.
        var desk = await browser.NewPageAsync(locale: "en-US", signedInAs: Worker);
        await desk.OpenAsync($"/households/{householdId}");
        await desk.GetByTestId("passes-link").ClickAsync();
        await Expect(desk).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/households/{householdId}/passes$"));
        await desk.WaitForInteractiveAsync();
        await Expect(desk.GetByTestId("no-passes")).ToBeVisibleAsync();
        await desk.GetByTestId("issue-pass").ClickAsync();
        await desk.GetByTestId("field-purpose").FillAsync("Buying food and medicine");
        await desk.GetByTestId("save-pass").ClickAsync();
        var card = desk.GetByTestId("pass-card");
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card).ToHaveAttributeAsync("data-status", "Active");
        await Expect(card.GetByTestId("pass-qr").Locator("svg")).ToBeVisibleAsync();
        var token = await card.GetAttributeAsync("data-token");
        var passId = long.Parse((await card.GetAttributeAsync("data-pass-id"))!);
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(token, await browser.QueryAsync(db => db.Passes().Where(p => p.Id == passId).Select(p => p.Token).SingleAsync()));
        await desk.ScreenshotForDocsAsync("gate-passes-en-desktop.png");

        // The guard, on a phone without a camera: the camera fails with a message, the typed code works.
        var phone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: Guard);
        await phone.OpenAsync("/gates");
        await phone.Locator($"[data-testid='gate-link'][data-gate-id='{gateId}']").ClickAsync();
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/gates/{gateId}/scan$"));
        await phone.WaitForInteractiveAsync();
        await phone.GetByTestId("camera-start").ClickAsync();
        await Expect(phone.GetByTestId("camera-problem")).ToBeVisibleAsync();
        await Expect(phone.GetByTestId("camera-start")).ToBeVisibleAsync();

        var result = phone.GetByTestId("scan-result");
        await phone.GetByTestId("direction-out").ClickAsync();
        await phone.GetByTestId("scan-code").FillAsync(token!);
        await phone.GetByTestId("scan-submit").ClickAsync();
        await Expect(result).ToHaveAttributeAsync("data-decision", "Allow");
        await Expect(result).ToHaveAttributeAsync("data-reason", "Ok");
        await Expect(result).ToContainTextAsync("放行");
        await phone.ScreenshotForDocsAsync("gate-scan-allow-zh-phone.png");

        // While they are out, the worker sees them outside.
        await desk.OpenAsync($"/places/{compoundId}/outside-now");
        await Expect(desk.Locator($"[data-testid='outside-row'][data-pass-id='{passId}']")).ToBeVisibleAsync();
        await Expect(desk.GetByTestId("hourly-chart").Locator("canvas")).ToHaveCountAsync(1);
        await desk.ScreenshotForDocsAsync("gate-outside-now-en-desktop.png");

        await phone.GetByTestId("direction-in").ClickAsync();
        await phone.GetByTestId("scan-code").FillAsync(token!);
        await phone.GetByTestId("scan-submit").ClickAsync();
        await Expect(phone.GetByTestId("recent-scans").Locator("li")).ToHaveCountAsync(2);
        await Expect(result).ToHaveAttributeAsync("data-decision", "Allow");
        await Expect(phone.GetByTestId("recent-scans").Locator("li").First).ToHaveAttributeAsync("data-decision", "Allow");

        // Both passages are in the gate's log.
        await desk.OpenAsync($"/gates/{gateId}/log");
        var rows = desk.Locator($"[data-testid='log-row'][data-pass-id='{passId}']");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-direction", "In");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-direction", "Out");
        await desk.ScreenshotForDocsAsync("gate-log-en-desktop.png");

        // A member becomes a close contact, recorded as the worker would: the household is under management, its pass suspended.
        // The server's city day (the demo runs on a clock of its own): the day its scans were counted on.
        var today = await browser.QueryAsync(db => db.Scans().Where(x => x.PassId == passId).Select(x => x.Day).FirstAsync());
        var contact = await desk.APIRequest.PostAsync($"/api/v1/residents/{memberId}/case-events", new()
        {
            DataObject = new { type = "closeContact", effectiveDate = today.ToString("yyyy-MM-dd"), lastExposure = today.AddDays(-1).ToString("yyyy-MM-dd"), source = "community" },
        });
        Assert.True(contact.Ok, $"{contact.Status}: {await contact.TextAsync()}");
        await phone.GetByTestId("direction-out").ClickAsync();
        await phone.GetByTestId("scan-code").FillAsync(token!);
        await phone.GetByTestId("scan-submit").ClickAsync();
        await Expect(result).ToHaveAttributeAsync("data-decision", "Deny");
        await Expect(result).ToHaveAttributeAsync("data-reason", "Suspended");
        await Expect(phone.GetByTestId("scan-reason")).ToHaveTextAsync("出入证已暂停：该户处于管控中");
        await phone.ScreenshotForDocsAsync("gate-scan-deny-zh-phone.png");

        // The household's page shows the pass as suspended, with why.
        await desk.OpenAsync($"/households/{householdId}/passes");
        await Expect(desk.GetByTestId("pass-card")).ToHaveAttributeAsync("data-status", "Suspended");
        await Expect(desk.GetByTestId("pass-suspended")).ToBeVisibleAsync();

        // The compound's closure page: the gate, the default closure, and a new order that enters the history.
        await desk.OpenAsync($"/compounds/{compoundId}/closure");
        await Expect(desk.Locator($"[data-testid='gate-row'][data-gate-id='{gateId}']")).ToBeVisibleAsync();
        await desk.GetByTestId("new-order").ClickAsync();
        await desk.GetByTestId("field-note").FillAsync("One gate, around the clock");
        await desk.GetByTestId("save-order").ClickAsync();
        await Expect(desk.GetByTestId("order-row").First).ToHaveAttributeAsync("data-in-force", "true");
        await Expect(desk.GetByTestId("order-history")).ToContainTextAsync("One gate, around the clock");
        await desk.ScreenshotForDocsAsync("gate-closure-en-desktop.png");

        // The worker's look at the log on a phone, in Chinese: the refusal is there too, newest first.
        // (Guards scan but do not read the log: it names people.)
        var workerPhone = await browser.NewPageAsync(locale: "zh-CN", width: 390, height: 844, phone: true, signedInAs: Worker);
        await workerPhone.OpenAsync($"/gates/{gateId}/log");
        var passages = workerPhone.Locator($"[data-testid='log-row'][data-pass-id='{passId}']");
        await Expect(passages).ToHaveCountAsync(3);
        await Expect(passages.Nth(0)).ToHaveAttributeAsync("data-decision", "Deny");
        await Expect(passages.Nth(0)).ToHaveAttributeAsync("data-reason", "Suspended");
        await Expect(passages.Nth(0)).ToContainTextAsync("出入证已暂停");
        await workerPhone.ScreenshotForDocsAsync("gate-log-zh-phone.png");
        await workerPhone.CloseAllAsync();
        await phone.CloseAllAsync();
        await desk.CloseAllAsync();
    }
}
