using System.Net;
using System.Net.Http.Json;
using GreenGrid.Cases.Counts;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>The case counts of a place over HTTP: what counts on which day, the lists behind them, and who may ask.</summary>
public abstract class CaseCountApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A fresh chain with <paramref name="people"/> residents in one household, and a grid worker of the community.</summary>
    private async Task<(Chain Chain, long[] People, HttpClient Worker)> Place(int people = 1)
    {
        var chain = await new TreeBuilder(App).Chain();
        var household = await new TreeBuilder(App).AddHousehold(chain.Building.Id, people);
        await using var scope = App.Services.CreateAsyncScope();
        var ids = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).OrderBy(r => r.Id).Select(r => r.Id).ToArrayAsync(Ct);
        return (chain, ids, await App.ClientAs(Role.GridWorker, chain.Community.Id));
    }

    private static async Task Post(HttpClient client, long residentId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", body, GreenGridApp.Json, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<CaseCountsView> Counts(HttpClient client, long placeId, string? asOf = null) =>
        (await client.GetFromJsonAsync<CaseCountsView>($"/api/v1/places/{placeId}/cases{(asOf is null ? "" : $"?asOf={asOf}")}", GreenGridApp.Json, Ct))!;

    private static async Task<CasePeoplePage> People(HttpClient client, long placeId, string category, string? asOf = null) =>
        (await client.GetFromJsonAsync<CasePeoplePage>($"/api/v1/places/{placeId}/cases/people?category={category}{(asOf is null ? "" : $"&asOf={asOf}")}", GreenGridApp.Json, Ct))!;

    [Fact]
    public async Task A_suspected_case_reclassified_as_confirmed_counts_once_as_new_confirmed_that_day_and_no_longer_as_suspected()
    {
        var (chain, people, worker) = await Place();
        await Post(worker, people[0], new { type = "suspected", effectiveDate = "2020-02-20" });
        await Post(worker, people[0], new { type = "confirmed", effectiveDate = "2020-02-22", source = "lab" });

        var on22 = (await Counts(worker, chain.Community.Id, "2020-02-22")).Place;
        Assert.Equal(1, on22.Counts[CaseMeasure.NewConfirmed]);
        Assert.Equal(1, on22.Counts[CaseMeasure.Confirmed]);
        Assert.Equal(0, on22.Counts[CaseMeasure.Suspected]);
        Assert.Equal(0, on22.Counts[CaseMeasure.NewSuspected]);
        Assert.Equal(1, on22.Counts[CaseMeasure.CumulativeConfirmed]);
        Assert.Equal(0, on22.DaysSinceLastConfirmed);
        var on21 = (await Counts(worker, chain.Community.Id, "2020-02-21")).Place;
        Assert.Equal(1, on21.Counts[CaseMeasure.Suspected]);
        Assert.Equal(0, on21.Counts[CaseMeasure.Confirmed]);
        Assert.Null(on21.DaysSinceLastConfirmed);
        var list = await People(worker, chain.Community.Id, "newConfirmed", "2020-02-22");
        Assert.Equal(people[0], Assert.Single(list.Items).Id);
        Assert.Equal(GreenGrid.Cases.CaseCategory.Confirmed, list.Items[0].Category);
        Assert.Equal(6, (await Counts(worker, chain.Community.Id)).Place.DaysSinceLastConfirmed);
    }

    [Fact]
    public async Task A_close_contact_drops_out_of_the_count_on_the_fourteenth_day_after_the_last_exposure()
    {
        var (chain, people, worker) = await Place();
        await Post(worker, people[0], new { type = "closeContact", effectiveDate = "2020-02-10", lastExposure = "2020-02-08" });

        Assert.Equal(1, (await Counts(worker, chain.Building.Id, "2020-02-21")).Place.Counts[CaseMeasure.CloseContact]);
        Assert.Equal(0, (await Counts(worker, chain.Building.Id, "2020-02-22")).Place.Counts[CaseMeasure.CloseContact]);
        Assert.Empty((await People(worker, chain.Building.Id, "closeContact", "2020-02-22")).Items);
        Assert.Equal(new DateOnly(2020, 2, 10), Assert.Single((await People(worker, chain.Building.Id, "closeContact", "2020-02-21")).Items).Since);
    }

    [Fact]
    public async Task Counts_as_of_a_past_date_leave_out_later_events_and_corrections_take_effect_in_the_past_too()
    {
        var (chain, people, worker) = await Place(3);
        await Post(worker, people[0], new { type = "confirmed", effectiveDate = "2020-02-05" });
        await Post(worker, people[0], new { type = "recovered", effectiveDate = "2020-02-25" });
        await Post(worker, people[1], new { type = "fever", effectiveDate = "2020-02-15" });
        var history = await worker.GetFromJsonAsync<GreenGrid.Cases.RecordEvents.CaseTimeline>($"/api/v1/residents/{people[1]}/case-history", GreenGridApp.Json, Ct);
        await Post(worker, people[1], new { type = "retracted", effectiveDate = "2020-02-27", supersedesId = history!.Events[0].Event.Id });
        await Post(worker, people[2], new { type = "died", effectiveDate = "2020-02-26" });

        var past = (await Counts(worker, chain.Compound.Id, "2020-02-20")).Place.Counts;
        Assert.Equal(1, past[CaseMeasure.Confirmed]);
        Assert.Equal(0, past[CaseMeasure.Recovered]);
        Assert.Equal(0, past[CaseMeasure.Fever]);
        Assert.Equal(0, past[CaseMeasure.Died]);
        var now = (await Counts(worker, chain.Compound.Id)).Place.Counts;
        Assert.Equal(0, now[CaseMeasure.Confirmed]);
        Assert.Equal(1, now[CaseMeasure.Recovered]);
        Assert.Equal(1, now[CaseMeasure.CumulativeConfirmed]);
        Assert.Equal(1, now[CaseMeasure.Died]);
        var view = await Counts(worker, chain.Community.Id, "2020-02-20");
        Assert.Equal(chain.Compound.Id, Assert.Single(view.Children).PlaceId);
        Assert.Equal(new DateOnly(2020, 2, 20), view.AsOf);
    }

    [Fact]
    public async Task Events_of_a_record_merged_into_another_count_once_at_the_kept_persons_place()
    {
        var (chain, people, worker) = await Place(2);
        var elsewhere = await new TreeBuilder(App).Chain();
        var other = await new TreeBuilder(App).AddHousehold(elsewhere.Building.Id, 1);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var duplicate = await db.Residents().FirstAsync(r => r.HouseholdId == other.Id, Ct);
            db.CaseEvents().Add(new GreenGrid.Cases.CaseEvent
            {
                ResidentId = duplicate.Id, Type = GreenGrid.Cases.CaseEventType.Suspected, EffectiveDate = new DateOnly(2020, 2, 20),
                RecordedById = await db.Users.Select(u => u.Id).FirstAsync(Ct), RecordedAt = App.Clock.GetUtcNow().UtcDateTime,
            });
            duplicate.MergedIntoId = people[0];
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(1, (await Counts(worker, chain.Building.Id)).Place.Counts[CaseMeasure.Suspected]);
        Assert.Equal(0, (await Counts(App.Hq, elsewhere.Building.Id)).Place.Counts[CaseMeasure.Suspected]);
        Assert.Equal(people[0], Assert.Single((await People(worker, chain.Building.Id, "suspected")).Items).Id);
    }

    [Fact]
    public async Task A_caller_of_another_community_gets_404_for_the_counts_the_list_and_the_chart()
    {
        var (chain, people, worker) = await Place();
        await Post(worker, people[0], new { type = "suspected", effectiveDate = "2020-02-20" });
        var stranger = await App.ClientAs(Role.CommunityWorker, (await new TreeBuilder(App).Chain()).Community.Id);

        foreach (var url in new[] { "cases", "cases/people?category=suspected", "cases/daily" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/places/{chain.Community.Id}/{url}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync($"/api/v1/places/{chain.Community.Id}/{url}", Ct)).StatusCode);
        }
    }

    [Theory]
    [InlineData("cases?asOf=2020-13-01", "asOf")]
    [InlineData("cases?asOf=2020-02-29", "asOf")]
    [InlineData("cases/people?category=sick", "category")]
    [InlineData("cases/people?category=confirmed&asOf=yesterday", "asOf")]
    [InlineData("cases/people?take=501", "take")]
    [InlineData("cases/daily?from=2020-02-20&to=2020-02-10", "from")]
    [InlineData("cases/daily?from=2018-01-01&to=2020-02-10", "from")]
    [InlineData("cases/daily?to=2020-03-01", "to")]
    public async Task A_bad_day_category_or_range_is_refused_naming_the_field(string url, string field)
    {
        var (chain, _, worker) = await Place();
        await ProblemAssert.NamesField(await worker.GetAsync($"/api/v1/places/{chain.Community.Id}/{url}", Ct), HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task The_daily_chart_has_a_row_per_day_with_new_reports_of_each_type_and_the_list_read_is_audited()
    {
        var (chain, people, worker) = await Place(2);
        await Post(worker, people[0], new { type = "fever", effectiveDate = "2020-02-24" });
        await Post(worker, people[0], new { type = "confirmed", effectiveDate = "2020-02-26" });
        await Post(worker, people[1], new { type = "closeContact", effectiveDate = "2020-02-26", lastExposure = "2020-02-25" });

        var daily = (await worker.GetFromJsonAsync<CaseDailyView>($"/api/v1/places/{chain.Community.Id}/cases/daily", GreenGridApp.Json, Ct))!;
        Assert.Equal(CaseCountEndpoints.DefaultDays, daily.Days.Length);
        Assert.Equal(new DateOnly(2020, 2, 28), daily.Days[^1].Date);
        var on26 = daily.Days.Single(d => d.Date == new DateOnly(2020, 2, 26));
        Assert.Equal((1, 1, 0), (on26.Confirmed, on26.CloseContact, on26.Fever));
        Assert.Equal(1, daily.Days.Single(d => d.Date == new DateOnly(2020, 2, 24)).Fever);
        Assert.Equal(3, daily.Days.Sum(d => d.Confirmed + d.Asymptomatic + d.Suspected + d.Fever + d.CloseContact));

        var list = await People(worker, chain.Community.Id, "cumulativeConfirmed");
        Assert.Equal("4201**********234X", Assert.Single(list.Items).IdNumberMasked);
        await using var scope = App.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.Where(a => a.Subject == "case-list" && a.Action == AuditAction.Read)
            .OrderByDescending(a => a.Id).FirstAsync(Ct);
        Assert.Equal(people[0].ToString(), audit.SubjectIds);
    }
}

public sealed class CaseCountApiTests_on_Sqlite(SqliteApp fixture) : CaseCountApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseCountApiTests_on_Postgres(PostgresApp fixture) : CaseCountApiTests(fixture), IClassFixture<PostgresApp>;
