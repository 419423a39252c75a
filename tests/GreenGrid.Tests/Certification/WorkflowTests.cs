using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenGrid.Certification;
using GreenGrid.Certification.ChartCertification;
using GreenGrid.Certification.ReadCertification;
using GreenGrid.Certification.ReadRevocations;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Certification;

/// <summary>The certification workflow over HTTP: attest, apply, review at the right level, batch, revoke through a recorded case.</summary>
public abstract class WorkflowTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly string[] Six = ["publicity", "closedManagement", "sweep", "disinfection", "supply", "mobilisation"];

    private sealed record Town(Chain Chain, long ResidentId, HttpClient Community, HttpClient Subdistrict, HttpClient District);

    private async Task<Town> NewTown()
    {
        var chain = await new TreeBuilder(App).Chain();
        var household = await new TreeBuilder(App).AddHousehold(chain.Building.Id, 2);
        await using var scope = App.Services.CreateAsyncScope();
        var resident = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).Select(r => r.Id).FirstAsync(Ct);
        return new Town(chain, resident, await App.ClientAs(Role.CommunityWorker, chain.Community.Id), await App.ClientAs(Role.SubdistrictOffice, chain.Subdistrict.Id),
            await App.ClientAs(Role.Headquarters, chain.District.Id));
    }

    private static async Task AttestAll(HttpClient client, long compoundId)
    {
        foreach (var control in Six)
        {
            var response = await client.PostAsJsonAsync($"/api/v1/places/{compoundId}/controls", new { control, date = "2020-02-10" }, GreenGridApp.Json, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        }
    }

    private static async Task<ApplicationView> Ok(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<ApplicationView>(GreenGridApp.Json, Ct))!;
    }

    private static Task<HttpResponseMessage> Apply(HttpClient client, long placeId) =>
        client.PostAsJsonAsync($"/api/v1/places/{placeId}/certification/applications", new { note = "六个到位" }, GreenGridApp.Json, Ct);

    private static Task<HttpResponseMessage> Approve(HttpClient client, long applicationId) =>
        client.PostAsync($"/api/v1/certification/applications/{applicationId}/approve", null, Ct);

    private static async Task<CertificationView> Certification(HttpClient client, long placeId, string? asOf = null) =>
        (await client.GetFromJsonAsync<CertificationView>($"/api/v1/places/{placeId}/certification{(asOf is null ? "" : "?asOf=" + asOf)}", GreenGridApp.Json, Ct))!;

    /// <summary>Ends the public notice of an application (as if its days had passed).</summary>
    private async Task EndNotice(long applicationId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var app = await db.CertificationApplications().FirstAsync(a => a.Id == applicationId, Ct);
        app.NoticeUntil = app.AppliedOn.AddDays(-1);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task A_compound_is_attested_applied_for_approved_by_its_district_published_in_a_batch_and_revoked_by_a_new_confirmed_case_with_every_certified_ancestor()
    {
        var t = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        var status = await Certification(t.Community, t.Chain.Compound.Id);
        Assert.Equal("epidemicFree", status.Status);
        Assert.True(status.Eligible);
        Assert.Equal(6, status.Controls.Count);

        var compound = await Ok(await Apply(t.Community, t.Chain.Compound.Id), HttpStatusCode.Created);
        Assert.Equal(ApplicationStatus.Pending, compound.Status);
        Assert.Equal(6, compound.Attestations.Count);
        Assert.Equal(ApplicationStatus.Approved, (await Ok(await Approve(t.District, compound.Id))).Status);
        var community = await Ok(await Apply(t.Community, t.Chain.Community.Id), HttpStatusCode.Created);
        await Ok(await Approve(t.District, community.Id));
        // A sub-district is applied for by its office and reviewed by city HQ after the public notice.
        var subdistrict = await Ok(await Apply(t.Subdistrict, t.Chain.Subdistrict.Id), HttpStatusCode.Created);
        Assert.Equal(new DateOnly(2020, 3, 1), subdistrict.NoticeUntil);
        Assert.Contains("public notice until 2020-03-01", string.Join("|", await ProblemAssert.NamesField(await Approve(App.Hq, subdistrict.Id), HttpStatusCode.Conflict, "id")));
        Assert.Equal(HttpStatusCode.Forbidden, (await Approve(t.District, subdistrict.Id)).StatusCode);
        await EndNotice(subdistrict.Id);
        Assert.Equal(ApplicationStatus.Approved, (await Ok(await Approve(App.Hq, subdistrict.Id))).Status);

        var published = await t.District.PostAsync("/api/v1/certification/batches", null, Ct);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var batch = (await published.Content.ReadFromJsonAsync<BatchView>(GreenGridApp.Json, Ct))!;
        Assert.Equal(1, batch.Number);
        // The sub-district is inside the district too: all three are in the district's batch, compounds first.
        Assert.Equal([t.Chain.Compound.Id, t.Chain.Community.Id, t.Chain.Subdistrict.Id], batch.Entries.Select(e => e.PlaceId));
        Assert.Equal([1, 2, 3], batch.Entries.Select(e => e.Seq));
        Assert.Contains(batch.Totals, l => l is { Level: "compound", Certified: 1, Total: 1, Percent: 100.0 });
        Assert.Equal(HttpStatusCode.Conflict, (await t.District.PostAsync("/api/v1/certification/batches", null, Ct)).StatusCode);
        var csv = await t.District.GetStringAsync($"/api/v1/certification/batches/{batch.Id}.csv", Ct);
        Assert.Contains(t.Chain.Compound.NameZh, csv);
        Assert.Contains("100.0", csv);
        var xlsx = await t.District.GetAsync($"/api/v1/certification/batches/{batch.Id}.xlsx", Ct);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);

        var recorded = await t.Community.PostAsJsonAsync($"/api/v1/residents/{t.ResidentId}/case-events",
            new { type = "confirmed", effectiveDate = "2020-02-28", source = "lab" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var eventId = JsonDocument.Parse(await recorded.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("event").GetProperty("id").GetInt64();

        var revoked = (await t.District.GetFromJsonAsync<List<ApplicationView>>("/api/v1/certification/applications?status=revoked", GreenGridApp.Json, Ct))!;
        Assert.Equal([compound.Id, community.Id, subdistrict.Id], revoked.Where(a => a.PlaceId == t.Chain.Compound.Id || a.PlaceId == t.Chain.Community.Id || a.PlaceId == t.Chain.Subdistrict.Id).Select(a => a.Id).Order());
        Assert.All(revoked.Where(a => a.RevokedByEventId == eventId), a => Assert.Contains($"event {eventId}", a.RevokedReason));
        Assert.Equal(3, revoked.Count(a => a.RevokedByEventId == eventId));
        var alerts = (await t.District.GetFromJsonAsync<List<AlertView>>("/api/v1/certification/revocations", GreenGridApp.Json, Ct))!;
        Assert.Equal(3, alerts.Count(a => a.CaseEventId == eventId && a.EventType == "confirmed"));
        var after = await Certification(t.Community, t.Chain.Compound.Id);
        Assert.Equal("notEpidemicFree", after.Status);
        Assert.Equal(new DateOnly(2020, 3, 13), after.FreeFrom);
        Assert.Contains(after.Reasons, r => r is { Code: "recentCase", Person: "居某", Date: { } d } && d == new DateOnly(2020, 2, 28));
        Assert.Equal(ApplicationStatus.Revoked, after.Certification?.Status);
    }

    [Fact]
    public async Task Applying_for_a_place_that_is_not_eligible_is_refused_with_the_reasons()
    {
        var t = await NewTown();
        await t.Community.PostAsJsonAsync($"/api/v1/places/{t.Chain.Compound.Id}/controls", new { control = "publicity", date = "2020-02-10" }, GreenGridApp.Json, Ct);
        var reasons = string.Join("|", await ProblemAssert.NamesField(await Apply(t.Community, t.Chain.Compound.Id), HttpStatusCode.Conflict, "id"));
        Assert.Contains("not epidemic-free", reasons);
        Assert.Contains("disinfection is not attested", reasons);
        Assert.DoesNotContain("publicity is not attested", reasons);
        var community = string.Join("|", await ProblemAssert.NamesField(await Apply(t.Community, t.Chain.Community.Id), HttpStatusCode.Conflict, "id"));
        Assert.Contains($"({t.Chain.Compound.Id}) is not epidemic-free", community);
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_keeps_it_and_a_community_cannot_review_and_another_district_gets_404()
    {
        var t = await NewTown();
        var other = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        var app = await Ok(await Apply(t.Community, t.Chain.Compound.Id), HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Forbidden, (await Approve(t.Community, app.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Approve(other.District, app.Id)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.District.GetAsync($"/api/v1/places/{t.Chain.Compound.Id}/certification", Ct)).StatusCode);
        await ProblemAssert.NamesField(await t.District.PostAsJsonAsync($"/api/v1/certification/applications/{app.Id}/reject", new { reason = " " }, GreenGridApp.Json, Ct),
            HttpStatusCode.BadRequest, "reason");
        var rejected = await Ok(await t.District.PostAsJsonAsync($"/api/v1/certification/applications/{app.Id}/reject", new { reason = "消杀记录不全" }, GreenGridApp.Json, Ct));
        Assert.Equal(ApplicationStatus.Rejected, rejected.Status);
        Assert.Equal("消杀记录不全", rejected.RejectReason);
        Assert.Equal(HttpStatusCode.Conflict, (await Approve(t.District, app.Id)).StatusCode);
        // After a rejection the community may apply again.
        Assert.Equal(HttpStatusCode.Created, (await Apply(t.Community, t.Chain.Compound.Id)).StatusCode);
    }

    [Fact]
    public async Task Asking_about_a_building_or_a_retired_place_does_not_rebuild_the_citys_model()
    {
        var t = await NewTown();
        var empty = await new TreeBuilder(App).Create(t.Chain.Compound.Id, GreenGrid.Places.PlaceKind.Building);
        Assert.Equal(HttpStatusCode.OK, (await App.Hq.PostAsync($"/api/v1/places/{empty.Id}/retire", null, Ct)).StatusCode);
        var city = App.Services.GetRequiredService<GreenGrid.Certification.CityCertification>();
        Assert.Equal(HttpStatusCode.OK, (await t.District.GetAsync($"/api/v1/places/{t.Chain.Compound.Id}/certification", Ct)).StatusCode);
        var builds = city.Builds;

        foreach (var url in new[] { $"/api/v1/places/{t.Chain.Building.Id}/certification", $"/api/v1/places/{t.Chain.Building.Id}/certification/curve", $"/api/v1/places/{empty.Id}/certification" })
        {
            var response = await t.District.GetAsync(url, Ct);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        Assert.Equal(builds, city.Builds);
    }

    [Fact]
    public async Task A_building_has_its_compounds_status_so_a_confirmed_resident_makes_it_not_free()
    {
        var t = await NewTown();
        var before = await Certification(t.Community, t.Chain.Building.Id);
        Assert.Equal(t.Chain.Compound.Id, before.AssessedWith);
        Assert.Equal((await Certification(t.Community, t.Chain.Compound.Id)).Status, before.Status);
        Assert.False(before.Eligible);

        var recorded = await t.Community.PostAsJsonAsync($"/api/v1/residents/{t.ResidentId}/case-events",
            new { type = "confirmed", effectiveDate = "2020-02-28", source = "lab" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);

        var building = await Certification(t.Community, t.Chain.Building.Id);
        Assert.Equal("notEpidemicFree", building.Status);
        Assert.Contains(building.Reasons, r => r.ResidentId == t.ResidentId);
        Assert.Null((await Certification(t.Community, t.Chain.Compound.Id)).AssessedWith);
    }

    [Fact]
    public async Task Bad_attestations_name_each_field()
    {
        var t = await NewTown();
        var response = await t.Community.PostAsJsonAsync($"/api/v1/places/{t.Chain.Compound.Id}/controls", new { control = "prayer" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "control");
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "date");
        var future = await t.Community.PostAsJsonAsync($"/api/v1/places/{t.Chain.Compound.Id}/controls", new { control = "sweep", date = "2020-03-01" }, GreenGridApp.Json, Ct);
        Assert.Contains("future", string.Join("|", await ProblemAssert.NamesField(future, HttpStatusCode.BadRequest, "date")));
        var community = await t.Community.PostAsJsonAsync($"/api/v1/places/{t.Chain.Community.Id}/controls", new { control = "sweep", date = "2020-02-20" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(community, HttpStatusCode.Conflict, "id");
        await ProblemAssert.NamesField(await t.Community.GetAsync("/api/v1/certification/applications?status=nope", Ct), HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task A_withdrawn_control_revokes_the_certified_compound()
    {
        var t = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        var app = await Ok(await Apply(t.Community, t.Chain.Compound.Id), HttpStatusCode.Created);
        await Ok(await Approve(t.District, app.Id));
        var sweep = (await Certification(t.Community, t.Chain.Compound.Id)).Controls.Single(c => c.Control == "sweep");
        var withdrawn = await t.Community.PostAsJsonAsync($"/api/v1/certification/controls/{sweep.Id}/withdraw", new { date = "2020-02-28" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var status = await Certification(t.Community, t.Chain.Compound.Id);
        Assert.Equal(ApplicationStatus.Revoked, status.Certification?.Status);
        Assert.Contains("sweep withdrawn", status.Certification?.RevokedReason);
        Assert.Contains(status.Reasons, r => r is { Code: "controlMissing", Control: "sweep" });
    }

    [Fact]
    public async Task A_certified_compound_may_open_movement_inside_it_seven_days_after_certification()
    {
        var t = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        var app = await Ok(await Apply(t.Community, t.Chain.Compound.Id), HttpStatusCode.Created);
        await Ok(await Approve(t.District, app.Id));

        var sixDays = (await Certification(t.Community, t.Chain.Compound.Id, "2020-03-05")).Reopening.Single();
        var sevenDays = (await Certification(t.Community, t.Chain.Compound.Id, "2020-03-06")).Reopening.Single();
        Assert.Equal(("movementInsideCompound", new DateOnly(2020, 3, 6), false), (sixDays.Relaxation, sixDays.From, sixDays.InForce));
        Assert.True(sevenDays.InForce);
        // The community has no rule of its own: nothing to relax there.
        Assert.Empty((await Certification(t.Community, t.Chain.Community.Id, "2020-03-06")).Reopening);
    }

    [Fact]
    public async Task A_compound_created_moved_or_retired_after_its_community_was_read_counts_for_its_community_at_once()
    {
        var t = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        Assert.Equal("epidemicFree", (await Certification(t.Community, t.Chain.Community.Id)).Status);

        // A new compound has no control attested yet: its community is not free from the moment it exists.
        var added = await new TreeBuilder(App).Create(t.Chain.Community.Id, PlaceKind.Compound);
        var community = await Certification(t.Community, t.Chain.Community.Id);
        Assert.Equal("notEpidemicFree", community.Status);
        Assert.Contains(community.Reasons, r => r.Code == "childNotFree" && r.PlaceId == added.Id);
        Assert.Contains(community.Children, c => c.Id == added.Id && c.Status == "notEpidemicFree");

        // Hung under the neighbouring community, it blocks that one instead.
        var neighbour = await new TreeBuilder(App).Create(t.Chain.Subdistrict.Id, PlaceKind.Community);
        var district = await App.ClientAs(Role.Headquarters, t.Chain.District.Id);
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsJsonAsync($"/api/v1/places/{added.Id}/move", new { newParentId = neighbour.Id }, GreenGridApp.Json, Ct)).StatusCode);
        Assert.Equal("epidemicFree", (await Certification(t.Community, t.Chain.Community.Id)).Status);
        Assert.Equal("notEpidemicFree", (await Certification(district, neighbour.Id)).Status);

        // Retired, it blocks nothing.
        Assert.Equal(HttpStatusCode.OK, (await district.PostAsync($"/api/v1/places/{added.Id}/retire", null, Ct)).StatusCode);
        var after = await Certification(district, neighbour.Id);
        Assert.Equal("epidemicFree", after.Status);
        Assert.DoesNotContain(after.Children, c => c.Id == added.Id);
    }

    [Fact]
    public async Task The_curve_of_a_place_shows_the_share_of_its_compounds_free_per_day()
    {
        var t = await NewTown();
        await AttestAll(t.Community, t.Chain.Compound.Id);
        var curve = (await t.Community.GetFromJsonAsync<CurveView>($"/api/v1/places/{t.Chain.Community.Id}/certification/curve?from=2020-02-08&to=2020-02-28", GreenGridApp.Json, Ct))!;
        Assert.Equal(21, curve.Days.Count);
        Assert.Equal(1, curve.CompoundTotal);
        Assert.Equal(0, curve.Days[1].Compounds); // 2020-02-09: no control attested yet
        Assert.Equal(100, curve.Days[2].Compounds); // 2020-02-10: all six
        await ProblemAssert.NamesField(await t.Community.GetAsync($"/api/v1/places/{t.Chain.Community.Id}/certification/curve?from=2020-02-20&to=2020-02-01", Ct), HttpStatusCode.BadRequest, "from");
    }
}

public sealed class WorkflowTests_on_Sqlite(SqliteApp fixture) : WorkflowTests(fixture), IClassFixture<SqliteApp>;

public sealed class WorkflowTests_on_Postgres(PostgresApp fixture) : WorkflowTests(fixture), IClassFixture<PostgresApp>;
