using System.Net;
using System.Net.Http.Json;
using GreenGrid.Cases;
using GreenGrid.Cases.RecordEvents;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>Recording a person's case events over HTTP: transitions checked, corrections as new events, retries never doubled.</summary>
public abstract class CaseEventApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A person (born 1980-01-01) in a fresh chain, and a grid worker of that community.</summary>
    private async Task<(long ResidentId, Chain Chain, HttpClient Worker)> Person()
    {
        var chain = await new TreeBuilder(App).Chain();
        var household = await new TreeBuilder(App).AddHousehold(chain.Building.Id, 1);
        await using var scope = App.Services.CreateAsyncScope();
        var id = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).Select(r => r.Id).FirstAsync(Ct);
        return (id, chain, await App.ClientAs(Role.GridWorker, chain.Community.Id));
    }

    private static async Task<HttpResponseMessage> Post(HttpClient client, long residentId, object body) =>
        await client.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", body, GreenGridApp.Json, Ct);

    private static async Task<RecordedEvent> Recorded(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<RecordedEvent>(GreenGridApp.Json, Ct))!;
    }

    private static async Task<CaseTimeline> Timeline(HttpClient client, long residentId, string? asOf = null) =>
        (await client.GetFromJsonAsync<CaseTimeline>($"/api/v1/residents/{residentId}/case-history{(asOf is null ? "" : $"?asOf={asOf}")}", GreenGridApp.Json, Ct))!;

    private static async Task Refused(HttpResponseMessage response, HttpStatusCode status, string field, string reason) =>
        Assert.Contains(reason, string.Join(" | ", await ProblemAssert.NamesField(response, status, field)));

    private async Task<int> EventRows(long residentId)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().CaseEvents().CountAsync(e => e.ResidentId == residentId, Ct);
    }

    [Fact]
    public async Task A_suspected_case_confirmed_and_recovered_reads_back_as_a_history_with_the_state_of_any_day()
    {
        var (id, _, worker) = await Person();
        await Recorded(await Post(worker, id, new { type = "suspected", effectiveDate = "2020-02-10", source = "community" }));
        await Recorded(await Post(worker, id, new { type = "confirmed", effectiveDate = "2020-02-12", source = "lab" }));
        var recovered = await Recorded(await Post(worker, id, new { type = "recovered", effectiveDate = "2020-02-26", source = "facility" }));

        Assert.Equal(CaseCategory.Recovered, recovered.State.Category);
        var timeline = await Timeline(worker, id);
        Assert.Equal([CaseEventType.Suspected, CaseEventType.Confirmed, CaseEventType.Recovered], timeline.Events.Select(e => e.Event.Type));
        Assert.All(timeline.Events, e => Assert.True(e.InForce));
        Assert.Equal(CaseCategory.Suspected, (await Timeline(worker, id, "2020-02-11")).State.Category);
        Assert.Equal(CaseCategory.Confirmed, (await Timeline(worker, id, "2020-02-23")).State.Category);
        Assert.Equal(CaseCategory.None, (await Timeline(worker, id, "2020-02-09")).State.Category);
        Assert.Equal(new DateOnly(2020, 2, 12), timeline.State.FirstConfirmed);
    }

    [Theory]
    [InlineData("released", "2020-02-20", 409, "type", "nothing to release")]
    [InlineData("recovered", "2020-02-20", 409, "type", "never a confirmed case")]
    [InlineData("discarded", "2020-02-20", 409, "type", "nothing to discard")]
    [InlineData("confirmed", "2020-02-29", 400, "effectiveDate", "in the future")]
    [InlineData("confirmed", "1979-12-31", 400, "effectiveDate", "before the person's birth date")]
    [InlineData("closeContact", "2020-02-20", 400, "lastExposure", "is required")]
    [InlineData("transferredToFacility", "2020-02-20", 400, "facility", "is required")]
    [InlineData("retracted", "2020-02-20", 400, "supersedesId", "is required")]
    public async Task An_event_that_makes_no_sense_is_refused_with_the_reason_and_changes_nothing(string type, string date, int status, string field, string reason)
    {
        var (id, _, worker) = await Person();

        var response = await Post(worker, id, new { type, effectiveDate = date });

        await Refused(response, (HttpStatusCode)status, field, reason);
        Assert.Equal(0, await EventRows(id));
    }

    [Fact]
    public async Task Bad_values_are_named_field_by_field()
    {
        var (id, _, worker) = await Person();
        var response = await worker.PostAsync($"/api/v1/residents/{id}/case-events",
            new StringContent("""{"type":"zombie","effectiveDate":"2020-02-30"}""", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("type", await response.Content.ReadAsStringAsync(Ct));

        var longNote = await Post(worker, id, new { type = "fever", effectiveDate = "2020-02-20", note = new string('x', 501) });
        await Refused(longNote, HttpStatusCode.BadRequest, "note", "at most 500");
        var exposureAfterReport = await Post(worker, id, new { type = "closeContact", effectiveDate = "2020-02-20", lastExposure = "2020-02-21" });
        await Refused(exposureAfterReport, HttpStatusCode.BadRequest, "lastExposure", "on or before the effective date");
        Assert.Equal(0, await EventRows(id));
    }

    [Fact]
    public async Task A_close_contact_is_under_management_for_fourteen_days_after_the_last_exposure()
    {
        var (id, _, worker) = await Person();
        var recorded = await Recorded(await Post(worker, id, new { type = "closeContact", effectiveDate = "2020-02-21", lastExposure = "2020-02-20" }));

        Assert.Equal(new DateOnly(2020, 3, 5), recorded.State.ObservationEnds);
        Assert.Equal(CaseCategory.None, (await Timeline(worker, id, "2020-02-20")).State.Category);
        Assert.Equal(CaseCategory.CloseContact, (await Timeline(worker, id, "2020-03-04")).State.Category);
        Assert.Equal(CaseCategory.None, (await Timeline(worker, id, "2020-03-05")).State.Category);
        Assert.Contains(CaseEventType.Released, recorded.State.PossibleNext);
        Assert.DoesNotContain(CaseEventType.Recovered, recorded.State.PossibleNext);
    }

    [Fact]
    public async Task A_correction_is_a_new_event_that_supersedes_the_old_one_which_stays_in_the_timeline()
    {
        var (id, _, worker) = await Person();
        var wrong = await Recorded(await Post(worker, id, new { type = "confirmed", effectiveDate = "2020-02-12" }));
        var corrected = await Recorded(await Post(worker, id, new { type = "confirmed", effectiveDate = "2020-02-14", supersedesId = wrong.Event.Id }));

        var timeline = await Timeline(worker, id);
        Assert.Equal(2, timeline.Events.Length);
        var old = Assert.Single(timeline.Events, e => e.Event.Id == wrong.Event.Id);
        Assert.False(old.InForce);
        Assert.Equal(corrected.Event.Id, old.Event.SupersededById);
        Assert.Equal(new DateOnly(2020, 2, 14), timeline.State.InfectedSince);
        Assert.Equal(CaseCategory.None, (await Timeline(worker, id, "2020-02-13")).State.Category);

        var twice = await Post(worker, id, new { type = "retracted", effectiveDate = "2020-02-20", supersedesId = wrong.Event.Id });
        await Refused(twice, HttpStatusCode.BadRequest, "supersedesId", "already corrected");
        var retracted = await Recorded(await Post(worker, id, new { type = "retracted", effectiveDate = "2020-02-20", supersedesId = corrected.Event.Id }));
        Assert.Equal(CaseCategory.None, retracted.State.Category);
    }

    [Fact]
    public async Task A_back_dated_event_that_would_break_a_later_one_is_refused_and_names_it()
    {
        var (id, _, worker) = await Person();
        await Recorded(await Post(worker, id, new { type = "suspected", effectiveDate = "2020-02-10" }));
        var discarded = await Recorded(await Post(worker, id, new { type = "discarded", effectiveDate = "2020-02-14" }));

        // Confirmed on the 12th would leave the discard of the 14th without a suspected case to discard.
        var response = await Post(worker, id, new { type = "confirmed", effectiveDate = "2020-02-12" });

        await Refused(response, HttpStatusCode.Conflict, "effectiveDate", $"later event {discarded.Event.Id}");
        Assert.Equal(2, await EventRows(id));
    }

    [Fact]
    public async Task A_retried_request_with_the_same_idempotency_key_never_doubles_the_event()
    {
        var (id, _, worker) = await Person();
        var body = new { type = "fever", effectiveDate = "2020-02-20", idempotencyKey = "phone-7f3a-0001" };

        var first = await Post(worker, id, body);
        var second = await Post(worker, id, body);
        using var header = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residents/{id}/case-events") { Content = JsonContent.Create(new { type = "discarded", effectiveDate = "2020-02-21" }) };
        header.Headers.Add("Idempotency-Key", "phone-7f3a-0002");
        var third = await worker.SendAsync(header, Ct);
        using var again = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/residents/{id}/case-events") { Content = JsonContent.Create(new { type = "discarded", effectiveDate = "2020-02-21" }) };
        again.Headers.Add("Idempotency-Key", "phone-7f3a-0002");
        var fourth = await worker.SendAsync(again, Ct);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var retried = await Recorded(second);
        Assert.Equal((await Recorded(first)).Event.Id, retried.Event.Id);
        Assert.True(retried.Replayed);
        Assert.Equal((await Recorded(third)).Event.Id, (await Recorded(fourth)).Event.Id);
        Assert.Equal(2, await EventRows(id));
    }

    [Fact]
    public async Task A_batch_is_recorded_whole_or_not_at_all_and_errors_name_the_item()
    {
        var (id, chain, worker) = await Person();
        var other = await new TreeBuilder(App).AddHousehold(chain.Building.Id, 1);
        long otherId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            otherId = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == other.Id).Select(r => r.Id).FirstAsync(Ct);
        }

        var bad = await worker.PostAsJsonAsync("/api/v1/case-events/batch", new
        {
            events = new object[]
            {
                new { residentId = id, type = "closeContact", effectiveDate = "2020-02-20", lastExposure = "2020-02-19", idempotencyKey = "b-1" },
                new { residentId = otherId, type = "recovered", effectiveDate = "2020-02-20", idempotencyKey = "b-2" },
            },
        }, GreenGridApp.Json, Ct);
        await Refused(bad, HttpStatusCode.BadRequest, "events[1].type", "never a confirmed case");
        Assert.Equal(0, await EventRows(id));

        var batch = new
        {
            events = new object[]
            {
                new { residentId = id, type = "closeContact", effectiveDate = "2020-02-20", lastExposure = "2020-02-19", idempotencyKey = "b-1" },
                new { residentId = otherId, type = "confirmed", effectiveDate = "2020-02-20", idempotencyKey = "b-2" },
                new { residentId = otherId, type = "transferredToFacility", effectiveDate = "2020-02-21", facility = "火神山医院", idempotencyKey = "b-3" },
            },
        };
        var good = await worker.PostAsJsonAsync("/api/v1/case-events/batch", batch, GreenGridApp.Json, Ct);
        var result = (await good.Content.ReadFromJsonAsync<BatchResult>(GreenGridApp.Json, Ct))!;
        Assert.Equal(3, result.Recorded);
        var replay = (await (await worker.PostAsJsonAsync("/api/v1/case-events/batch", batch, GreenGridApp.Json, Ct)).Content.ReadFromJsonAsync<BatchResult>(GreenGridApp.Json, Ct))!;
        Assert.Equal(result.Ids, replay.Ids);
        Assert.Equal(3, replay.Replayed);
        Assert.Equal(2, await EventRows(otherId));
        Assert.Equal("火神山医院", (await Timeline(worker, otherId)).State.Facility);
    }

    [Fact]
    public async Task A_worker_of_another_community_cannot_see_or_record_the_history()
    {
        var (id, _, worker) = await Person();
        await Recorded(await Post(worker, id, new { type = "fever", effectiveDate = "2020-02-20" }));
        var elsewhere = await new TreeBuilder(App).Chain();
        var stranger = await App.ClientAs(Role.GridWorker, elsewhere.Community.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/residents/{id}/case-history", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(stranger, id, new { type = "discarded", effectiveDate = "2020-02-21" })).StatusCode);
        var guard = await App.ClientAs(Role.CheckpointGuard, elsewhere.Community.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await guard.GetAsync($"/api/v1/residents/{id}/case-history", Ct)).StatusCode);
        Assert.Equal(1, await EventRows(id));
    }
}

public sealed class CaseEventApiTests_on_Sqlite(SqliteApp fixture) : CaseEventApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseEventApiTests_on_Postgres(PostgresApp fixture) : CaseEventApiTests(fixture), IClassFixture<PostgresApp>;
