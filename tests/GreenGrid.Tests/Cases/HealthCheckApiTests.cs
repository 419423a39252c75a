using System.Net;
using System.Net.Http.Json;
using GreenGrid.Cases.HealthChecks;
using GreenGrid.Cases.HealthChecks.ReadCheckCoverage;
using GreenGrid.Cases.HealthChecks.RecordBuildingChecks;
using GreenGrid.Cases.HealthChecks.RecordCheck;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>Daily health checks over HTTP: one by one and a building at a time, all or none, retries never doubled, coverage that adds up.</summary>
public abstract class HealthCheckApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Chain Chain, long[] Residents, HttpClient Worker)> Building(int residents = 3)
    {
        var chain = await new TreeBuilder(App).Chain();
        var (_, ids, _) = await CasePeopleBuilder.Household(App, chain.Building.Id, residents);
        return (chain, ids, await App.ClientAs(Role.GridWorker, chain.Community.Id));
    }

    private async Task<int> Checks(IEnumerable<long> residentIds)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var ids = residentIds.ToList();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().HealthChecks().CountAsync(c => ids.Contains(c.ResidentId), Ct);
    }

    private static async Task<T> Read<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<T>(GreenGridApp.Json, Ct))!;
    }

    private static async Task<CoverageView> Coverage(HttpClient client, long placeId, string? date = null) =>
        (await client.GetFromJsonAsync<CoverageView>($"/api/v1/places/{placeId}/health-checks/coverage{(date is null ? "" : $"?date={date}")}", GreenGridApp.Json, Ct))!;

    [Fact]
    public async Task A_fever_reading_is_flagged_for_a_report_and_a_later_check_the_same_day_is_the_one_that_counts()
    {
        var (chain, ids, worker) = await Building(1);
        var first = await Read<RecordedCheck>(await worker.PostAsJsonAsync($"/api/v1/residents/{ids[0]}/health-checks", new { temperature = 38.1, symptoms = new[] { "cough", "fatigue" } }, GreenGridApp.Json, Ct));
        Assert.True(first.Check.Feverish);
        Assert.Equal(new DateOnly(2020, 2, 28), first.Check.Day);
        Assert.Equal([Symptom.Cough, Symptom.Fatigue], first.Check.Symptoms);
        Assert.Equal(ids[0], first.NeedsFeverReport?.ResidentId);

        var second = await Read<RecordedCheck>(await worker.PostAsJsonAsync($"/api/v1/residents/{ids[0]}/health-checks", new { temperature = 36.6, symptoms = new[] { "none" } }, GreenGridApp.Json, Ct));
        Assert.False(second.Check.Feverish);
        Assert.Null(second.NeedsFeverReport);
        var person = Assert.Single((await Coverage(worker, chain.Building.Id)).People!);
        Assert.Equal((true, 36.6m, false, 2), (person.Checked, person.Temperature, person.Feverish, person.ChecksThatDay));
    }

    [Theory]
    [InlineData("""{"temperature":99}""", "temperature", "between 34.0 and 43.0")]
    [InlineData("""{"temperature":20.0}""", "temperature", "between 34.0 and 43.0")]
    [InlineData("""{"temperature":"abc"}""", "temperature", "must be a number")]
    [InlineData("""{"temperature":36.55}""", "temperature", "one decimal")]
    [InlineData("""{}""", "temperature", "is required")]
    [InlineData("""{"temperature":36.6,"day":"2020-02-29"}""", "day", "in the future")]
    [InlineData("""{"temperature":36.6,"day":"2020-02-01"}""", "day", "more than 7 days ago")]
    [InlineData("""{"temperature":36.6,"symptoms":["none","cough"]}""", "symptoms", "cannot be given together")]
    [InlineData("""{"temperature":36.6,"symptoms":["sneezing"]}""", "symptoms[0]", "must be one of")]
    public async Task A_check_that_makes_no_sense_is_refused_naming_the_field_and_records_nothing(string body, string field, string reason)
    {
        var (_, ids, worker) = await Building(1);
        var response = await worker.PostAsync($"/api/v1/residents/{ids[0]}/health-checks", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Contains(reason, string.Join(" | ", await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field)));
        Assert.Equal(0, await Checks(ids));
    }

    [Fact]
    public async Task A_building_sheet_is_recorded_all_or_none_with_each_error_naming_its_check()
    {
        var (chain, ids, worker) = await Building(3);
        var other = await new TreeBuilder(App).Create(chain.Compound.Id, GreenGrid.Places.PlaceKind.Building);
        var (_, elsewhere, _) = await CasePeopleBuilder.Household(App, other.Id, 1);
        var url = $"/api/v1/places/{chain.Building.Id}/health-checks";

        var bad = await worker.PostAsJsonAsync(url, new
        {
            checks = new object[]
            {
                new { residentId = ids[0], temperature = 36.5 },
                new { residentId = ids[1], temperature = 99 },
                new { residentId = elsewhere[0], temperature = 36.5 },
                new { residentId = ids[0], temperature = 36.7 },
            },
        }, GreenGridApp.Json, Ct);
        Assert.Contains("between", string.Join(" ", await ProblemAssert.NamesField(bad, HttpStatusCode.BadRequest, "checks[1].temperature")));
        Assert.Contains("not on the register of this building", string.Join(" ", await ProblemAssert.NamesField(bad, HttpStatusCode.BadRequest, "checks[2].residentId")));
        Assert.Contains("listed twice", string.Join(" ", await ProblemAssert.NamesField(bad, HttpStatusCode.BadRequest, "checks[3].residentId")));
        Assert.Equal(0, await Checks(ids.Append(elsewhere[0])));

        var abc = await worker.PostAsync(url, new StringContent($$"""{"checks":[{"residentId":{{ids[0]}},"temperature":"abc"}]}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        await ProblemAssert.NamesField(abc, HttpStatusCode.BadRequest, "checks[0].temperature");
        var future = await worker.PostAsJsonAsync(url, new { day = "2020-02-29", checks = new[] { new { residentId = ids[0], temperature = 36.5 } } }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(future, HttpStatusCode.BadRequest, "day");
        Assert.Equal(0, await Checks(ids));
    }

    [Fact]
    public async Task A_retried_sheet_or_check_with_the_same_keys_is_answered_again_and_never_doubled()
    {
        var (chain, ids, worker) = await Building(2);
        var sheet = new { checks = ids.Select((id, i) => new { residentId = id, temperature = i == 0 ? 37.5 : 36.4, idempotencyKey = $"sheet-{id}" }).ToArray() };
        var first = await Read<BulkCheckResult>(await worker.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/health-checks", sheet, GreenGridApp.Json, Ct));
        var retry = await Read<BulkCheckResult>(await worker.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/health-checks", sheet, GreenGridApp.Json, Ct));
        Assert.Equal((2, 0), (first.Recorded, first.Replayed));
        Assert.Equal((0, 2), (retry.Recorded, retry.Replayed));
        Assert.Equal(first.Ids, retry.Ids);
        Assert.Equal([ids[0]], first.NeedFeverReport.Select(f => f.ResidentId));
        Assert.Equal([ids[0]], retry.NeedFeverReport.Select(f => f.ResidentId));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residents/{ids[1]}/health-checks") { Content = JsonContent.Create(new { temperature = 36.9 }) };
        request.Headers.Add("Idempotency-Key", "single-1");
        Assert.Equal(HttpStatusCode.Created, (await worker.SendAsync(request, Ct)).StatusCode);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residents/{ids[1]}/health-checks") { Content = JsonContent.Create(new { temperature = 36.9 }) };
        again.Headers.Add("Idempotency-Key", "single-1");
        Assert.True((await Read<RecordedCheck>(await worker.SendAsync(again, Ct))).Replayed);
        Assert.Equal(3, await Checks(ids));
    }

    [Fact]
    public async Task Coverage_counts_who_is_checked_per_building_and_adds_up_at_the_compound_and_community()
    {
        var (chain, ids, worker) = await Building(3);
        var second = await new TreeBuilder(App).Create(chain.Compound.Id, GreenGrid.Places.PlaceKind.Building);
        var (_, others, _) = await CasePeopleBuilder.Household(App, second.Id, 2);
        await Read<BulkCheckResult>(await worker.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/health-checks",
            new { checks = new[] { new { residentId = ids[0], temperature = 36.5 }, new { residentId = ids[1], temperature = 38.0 } } }, GreenGridApp.Json, Ct));
        await Read<BulkCheckResult>(await worker.PostAsJsonAsync($"/api/v1/places/{second.Id}/health-checks",
            new { checks = new[] { new { residentId = others[0], temperature = 36.8 } } }, GreenGridApp.Json, Ct));

        var building = await Coverage(worker, chain.Building.Id);
        Assert.Equal((3, 2, 1, 1), (building.Residents, building.Checked, building.Unchecked, building.Feverish));
        Assert.Equal([ids[2]], building.People!.Where(p => !p.Checked).Select(p => p.ResidentId));
        Assert.Equal([ids[1]], building.People!.Where(p => p.NeedsFeverReport).Select(p => p.ResidentId));

        var compound = await Coverage(worker, chain.Compound.Id);
        Assert.Equal((5, 3, 1), (compound.Residents, compound.Checked, compound.Feverish));
        Assert.Equal(compound.Residents, compound.Rows.Sum(r => r.Residents));
        Assert.Equal(compound.Checked, compound.Rows.Sum(r => r.Checked));
        Assert.Equal((2, 1), compound.Rows.Where(r => r.PlaceId == second.Id).Select(r => (r.Residents, r.Checked)).Single());
        var community = await Coverage(worker, chain.Community.Id);
        Assert.Equal((5, 3, 1, 2), (community.Residents, community.Checked, community.Feverish, community.Rows.Length));
        var yesterday = await Coverage(worker, chain.Community.Id, "2020-02-27");
        Assert.Equal((5, 0), (yesterday.Residents, yesterday.Checked));
        await ProblemAssert.NamesField(await worker.GetAsync($"/api/v1/places/{chain.Building.Id}/health-checks/coverage?date=2020-03-01", Ct), HttpStatusCode.BadRequest, "date");
    }

    [Fact]
    public async Task A_caller_of_another_community_can_neither_check_nor_see_the_coverage()
    {
        var (chain, ids, _) = await Building(1);
        var elsewhere = await new TreeBuilder(App).Chain();
        var stranger = await App.ClientAs(Role.GridWorker, elsewhere.Community.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/residents/{ids[0]}/health-checks", new { temperature = 36.6 }, GreenGridApp.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/health-checks",
            new { checks = new[] { new { residentId = ids[0], temperature = 36.6 } } }, GreenGridApp.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/places/{chain.Building.Id}/health-checks/coverage", Ct)).StatusCode);
        var guard = await App.ClientAs(Role.CheckpointGuard, chain.Community.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await guard.GetAsync($"/api/v1/places/{chain.Building.Id}/health-checks/coverage", Ct)).StatusCode);
        Assert.Equal(0, await Checks(ids));
    }
}

public sealed class HealthCheckApiTests_on_Sqlite(SqliteApp fixture) : HealthCheckApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class HealthCheckApiTests_on_Postgres(PostgresApp fixture) : HealthCheckApiTests(fixture), IClassFixture<PostgresApp>;
