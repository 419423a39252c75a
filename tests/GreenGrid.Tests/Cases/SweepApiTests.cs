using System.Net;
using System.Net.Http.Json;
using GreenGrid.Cases;
using GreenGrid.Cases.Sweeps;
using GreenGrid.Cases.Sweeps.ReadSweepCoverage;
using GreenGrid.Cases.Sweeps.RecordVisit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>Door-to-door sweeps over HTTP: coverage per building, findings recorded as checked case events of the sweep.</summary>
public abstract class SweepApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Setup(Chain Chain, long HouseholdA, long[] PeopleA, long HouseholdB, long[] PeopleB, SweepView Sweep, HttpClient Worker);

    /// <summary>A building with two households, a sweep of the community over it, and a grid worker.</summary>
    private async Task<Setup> Sweep()
    {
        var chain = await new TreeBuilder(App).Chain();
        var (a, peopleA, _) = await CasePeopleBuilder.Household(App, chain.Building.Id, 2);
        var (b, peopleB, _) = await CasePeopleBuilder.Household(App, chain.Building.Id, 1);
        var community = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var created = await community.PostAsJsonAsync("/api/v1/sweeps", new { name = "三天拉网排查", from = "2020-02-17", to = "2020-02-28", placeId = chain.Community.Id }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var sweep = (await created.Content.ReadFromJsonAsync<SweepView>(GreenGridApp.Json, Ct))!;
        return new Setup(chain, a, peopleA, b, peopleB, sweep, await App.ClientAs(Role.GridWorker, chain.Community.Id));
    }

    private static async Task<HttpResponseMessage> Visit(Setup s, object body) =>
        await s.Worker.PostAsJsonAsync($"/api/v1/sweeps/{s.Sweep.Id}/visits", body, GreenGridApp.Json, Ct);

    private async Task<(int Visits, List<CaseEvent> Events)> Stored(Setup s)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var people = s.PeopleA.Concat(s.PeopleB).ToList();
        return (await db.SweepVisits().CountAsync(v => v.SweepId == s.Sweep.Id, Ct), await db.CaseEvents().AsNoTracking().Where(e => people.Contains(e.ResidentId)).ToListAsync(Ct));
    }

    [Fact]
    public async Task Findings_of_a_visit_become_case_events_of_the_sweep_and_coverage_counts_households_reached()
    {
        var s = await Sweep();
        Assert.Equal(1, s.Sweep.Buildings);
        var visit = await Visit(s, new
        {
            householdId = s.HouseholdA, outcome = "findings", day = "2020-02-20",
            findings = new object[] { new { residentId = s.PeopleA[0], type = "fever" }, new { residentId = s.PeopleA[1], type = "closeContact", lastExposure = "2020-02-18", sourceCaseId = s.PeopleA[0] } },
        });
        Assert.Equal(HttpStatusCode.Created, visit.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Visit(s, new { householdId = s.HouseholdB, outcome = "notAtHome", day = "2020-02-20" })).StatusCode);

        var (visits, events) = await Stored(s);
        Assert.Equal(2, visits);
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((CaseSource.Sweep, (long?)s.Sweep.Id, new DateOnly(2020, 2, 20)), (e.Source, e.SweepId, e.EffectiveDate)));
        var coverage = (await s.Worker.GetFromJsonAsync<SweepCoverage>($"/api/v1/sweeps/{s.Sweep.Id}/coverage", GreenGridApp.Json, Ct))!;
        var building = Assert.Single(coverage.Buildings);
        Assert.Equal((2, 1, 1), (building.Households, building.Visited, building.NotAtHome));
        Assert.Equal((0, 0, 1, 1, 2), (coverage.Findings.Confirmed, coverage.Findings.Suspected, coverage.Findings.Fever, coverage.Findings.CloseContact, coverage.Findings.Total));

        // Found at home the second time: the household now counts as reached.
        Assert.Equal(HttpStatusCode.Created, (await Visit(s, new { householdId = s.HouseholdB, outcome = "allWell", day = "2020-02-21" })).StatusCode);
        coverage = (await s.Worker.GetFromJsonAsync<SweepCoverage>($"/api/v1/sweeps/{s.Sweep.Id}/coverage", GreenGridApp.Json, Ct))!;
        Assert.Equal((2, 2, 0), (coverage.Households, coverage.Visited, coverage.NotAtHome));
    }

    [Fact]
    public async Task A_finding_that_does_not_fit_the_persons_history_is_refused_and_the_whole_visit_is_not_recorded()
    {
        var s = await Sweep();
        var first = await Visit(s, new { householdId = s.HouseholdA, outcome = "findings", findings = new[] { new { residentId = s.PeopleA[0], type = "suspected" } } });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var refused = await Visit(s, new
        {
            householdId = s.HouseholdA, outcome = "findings",
            findings = new[] { new { residentId = s.PeopleA[1], type = "fever" }, new { residentId = s.PeopleA[0], type = "fever" } },
        });
        Assert.Contains("already a suspected case", string.Join(" ", await ProblemAssert.NamesField(refused, HttpStatusCode.Conflict, "findings[1].type")));
        var (visits, events) = await Stored(s);
        Assert.Equal(1, visits);
        Assert.Equal([CaseEventType.Suspected], events.Select(e => e.Type));
    }

    [Fact]
    public async Task A_retried_visit_with_the_same_key_is_answered_again_and_records_its_findings_once()
    {
        var s = await Sweep();
        var body = new { householdId = s.HouseholdA, outcome = "findings", idempotencyKey = "visit-1", findings = new[] { new { residentId = s.PeopleA[0], type = "fever" } } };
        Assert.Equal(HttpStatusCode.Created, (await Visit(s, body)).StatusCode);
        var retry = await Visit(s, body);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.True((await retry.Content.ReadFromJsonAsync<RecordedVisit>(GreenGridApp.Json, Ct))!.Replayed);
        var (visits, events) = await Stored(s);
        Assert.Equal((1, 1), (visits, events.Count));
    }

    [Fact]
    public async Task A_visit_that_makes_no_sense_is_refused_naming_the_field_and_changes_nothing()
    {
        var s = await Sweep();
        var other = await CasePeopleBuilder.Household(App, (await new TreeBuilder(App).Chain()).Building.Id, 1);
        await ProblemAssert.NamesField(await Visit(s, new { householdId = other.HouseholdId, outcome = "allWell" }), HttpStatusCode.BadRequest, "householdId");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA, outcome = "allWell", day = "2020-02-10" }), HttpStatusCode.BadRequest, "day");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA, outcome = "allWell", day = "2020-02-29" }), HttpStatusCode.BadRequest, "day");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA, outcome = "findings" }), HttpStatusCode.BadRequest, "findings");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA }), HttpStatusCode.BadRequest, "outcome");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA, outcome = "findings", findings = new[] { new { residentId = s.PeopleB[0], type = "fever" } } }),
            HttpStatusCode.BadRequest, "findings[0].residentId");
        await ProblemAssert.NamesField(await Visit(s, new { householdId = s.HouseholdA, outcome = "findings", findings = new[] { new { residentId = s.PeopleA[0], type = "recovered" } } }),
            HttpStatusCode.BadRequest, "findings[0].type");
        var (visits, events) = await Stored(s);
        Assert.Equal((0, 0), (visits, events.Count));
    }

    [Fact]
    public async Task A_caller_of_another_community_sees_no_sweep_and_cannot_sweep_its_buildings()
    {
        var s = await Sweep();
        var elsewhere = await new TreeBuilder(App).Chain();
        var stranger = await App.ClientAs(Role.CommunityWorker, elsewhere.Community.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/sweeps/{s.Sweep.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/sweeps/{s.Sweep.Id}/coverage", Ct)).StatusCode);
        Assert.DoesNotContain((await stranger.GetFromJsonAsync<List<SweepView>>("/api/v1/sweeps", GreenGridApp.Json, Ct))!, w => w.Id == s.Sweep.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/sweeps/{s.Sweep.Id}/visits", new { householdId = s.HouseholdA, outcome = "allWell" }, GreenGridApp.Json, Ct)).StatusCode);
        var create = await stranger.PostAsJsonAsync("/api/v1/sweeps", new { name = "x", from = "2020-02-20", to = "2020-02-21", placeId = elsewhere.Community.Id, buildingIds = new[] { s.Chain.Building.Id } }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(create, HttpStatusCode.BadRequest, "buildingIds[0]");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.Worker.PostAsJsonAsync("/api/v1/sweeps", new { name = "x", from = "2020-02-20", to = "2020-02-21", placeId = s.Chain.Community.Id }, GreenGridApp.Json, Ct)).StatusCode);
        Assert.Equal((0, 0), ((await Stored(s)).Visits, (await Stored(s)).Events.Count));
    }
}

public sealed class SweepApiTests_on_Sqlite(SqliteApp fixture) : SweepApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class SweepApiTests_on_Postgres(PostgresApp fixture) : SweepApiTests(fixture), IClassFixture<PostgresApp>;
