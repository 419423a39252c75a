using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Certification;

/// <summary><c>POST /api/v1/certification/evaluate</c> over HTTP: the issue's scenario, bad scenarios named item by item, and who may ask.</summary>
public sealed class CertificationApiTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal const string Sample = """
        {"asOf": "2020-03-05",
         "standard": {"quietDays": 14, "observationDays": 14, "countAsymptomatic": true,
                      "requiredControls": ["publicity", "closedManagement", "sweep", "disinfection", "supply", "mobilisation"]},
         "places":   [{"id": "D1", "kind": "district"}, {"id": "S1", "kind": "subdistrict", "parent": "D1"},
                      {"id": "C1", "kind": "community", "parent": "S1"}, {"id": "K1", "kind": "compound", "parent": "C1"}],
         "people":   [{"id": "p1", "place": "K1"}, {"id": "p2", "place": "K1"}],
         "events":   [{"person": "p1", "date": "2020-02-20", "type": "confirmed"},
                      {"person": "p2", "date": "2020-02-25", "type": "closeContact", "lastExposure": "2020-02-24"},
                      {"person": "p2", "date": "2020-03-01", "type": "released"}],
         "controls": [{"place": "K1", "control": "closedManagement", "date": "2020-02-14"},
                      {"place": "K1", "control": "disinfection", "date": "2020-02-14", "withdrawn": "2020-02-20"}]}
        """;

    private async Task<HttpResponseMessage> Post(HttpClient client, string json) =>
        await client.PostAsync("/api/v1/certification/evaluate", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    [Fact]
    public async Task The_issue_sample_is_answered_with_every_place_its_status_and_reasons_in_the_issue_field_names()
    {
        var client = await App.ClientAs(Role.CommunityWorker);
        var response = await Post(client, Sample);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        Assert.Equal("2020-03-05", root.GetProperty("asOf").GetString());
        var places = root.GetProperty("places").EnumerateArray().ToList();
        Assert.Equal(["D1", "S1", "C1", "K1"], places.Select(p => p.GetProperty("id").GetString()));
        Assert.All(places, p => Assert.Equal("notEpidemicFree", p.GetProperty("status").GetString()));
        Assert.All(places, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("freeSince").ValueKind));
        Assert.All(places, p => Assert.Equal(JsonValueKind.Null, p.GetProperty("freeFrom").ValueKind));
        var k1 = places[3].GetProperty("reasons").EnumerateArray().ToList();
        Assert.All(k1, r => Assert.Equal("controlMissing", r.GetProperty("code").GetString()));
        Assert.Equal(["publicity", "sweep", "disinfection", "supply", "mobilisation"], k1.Select(r => r.GetProperty("control").GetString()));
        var c1 = Assert.Single(places[2].GetProperty("reasons").EnumerateArray());
        Assert.Equal(("childNotFree", "K1"), (c1.GetProperty("code").GetString(), c1.GetProperty("place").GetString()));
    }

    [Fact]
    public async Task A_management_reason_carries_person_type_and_until_and_a_suspected_case_has_until_null()
    {
        var client = await App.ClientAs(Role.GridWorker);
        var response = await Post(client, """
            {"asOf": "2020-03-05", "standard": {"requiredControls": []},
             "places": [{"id": "K1", "kind": "compound"}],
             "people": [{"id": "p1", "place": "K1"}, {"id": "p2", "place": "K1"}],
             "events": [{"person": "p1", "date": "2020-03-01", "type": "suspected"},
                        {"person": "p2", "date": "2020-02-25", "type": "closeContact", "lastExposure": "2020-02-24"}]}
            """);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var reasons = json.RootElement.GetProperty("places")[0].GetProperty("reasons").EnumerateArray().ToList();
        Assert.Equal(("underManagement", "p1", "suspected", JsonValueKind.Null),
            (reasons[0].GetProperty("code").GetString(), reasons[0].GetProperty("person").GetString(), reasons[0].GetProperty("type").GetString(), reasons[0].GetProperty("until").ValueKind));
        Assert.Equal(("p2", "closeContact", "2020-03-09"),
            (reasons[1].GetProperty("person").GetString(), reasons[1].GetProperty("type").GetString(), reasons[1].GetProperty("until").GetString()));
    }

    public static TheoryData<string, string, string, string> BadScenarios => new()
    {
        { "an unknown parent", "\"parent\": \"D1\"}", "\"parent\": \"X9\"}", "places[1].parent" },
        { "a cycle", "{\"id\": \"D1\", \"kind\": \"district\"}", "{\"id\": \"D1\", \"kind\": \"district\", \"parent\": \"C1\"}", "places[0].parent" },
        { "an event for an unknown person", "{\"person\": \"p1\", \"date\": \"2020-02-20\"", "{\"person\": \"nobody\", \"date\": \"2020-02-20\"", "events[0].person" },
        { "a date that is not a date", "\"date\": \"2020-03-01\", \"type\": \"released\"", "\"date\": \"2020-02-30\", \"type\": \"released\"", "events[2].date" },
        { "a close contact without a last exposure", ", \"lastExposure\": \"2020-02-24\"", "", "events[1].lastExposure" },
        { "an unknown event type", "\"type\": \"confirmed\"", "\"type\": \"infected\"", "events[0].type" },
        { "an unknown kind", "\"kind\": \"subdistrict\"", "\"kind\": \"street\"", "places[1].kind" },
        { "an unknown control", "\"control\": \"closedManagement\"", "\"control\": \"lockdown\"", "controls[0].control" },
        { "a person whose place is not a compound", "{\"id\": \"p1\", \"place\": \"K1\"}", "{\"id\": \"p1\", \"place\": \"C1\"}", "people[0].place" },
        { "a duplicate place id", "{\"id\": \"K1\", \"kind\": \"compound\"", "{\"id\": \"S1\", \"kind\": \"compound\"", "places[3].id" },
        { "a missing asOf", "\"asOf\": \"2020-03-05\",", "", "asOf" },
        { "a number where a date belongs", "\"asOf\": \"2020-03-05\"", "\"asOf\": 20200305", "asOf" },
    };

    [Theory]
    [MemberData(nameof(BadScenarios))]
    public async Task A_bad_scenario_is_refused_with_the_item_named(string what, string replace, string with, string field)
    {
        Assert.Contains(replace, Sample);
        var client = await App.ClientAs(Role.Headquarters);
        var response = await Post(client, Sample.Replace(replace, with));

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field);
        Assert.NotEmpty(reasons);
        Assert.False(string.IsNullOrEmpty(what));
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_quoted_in_the_reason()
    {
        var client = await App.ClientAs(Role.Headquarters);
        var response = await Post(client, Sample.Replace("\"date\": \"2020-02-20\"", "\"date\": \"2020-02-30\""));

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "events[0].date");
        Assert.StartsWith("\"2020-02-30\" is not a date", Assert.Single(reasons));
    }

    [Fact]
    public async Task A_scenario_larger_than_the_limit_is_refused_and_the_limit_is_named()
    {
        var client = await App.ClientAs(Role.Headquarters);
        var padding = new string(' ', 33 * 1024 * 1024);
        var response = await Post(client, Sample.Insert(1, padding));

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.RequestEntityTooLarge, "body");
        Assert.Contains("32 MB", Assert.Single(reasons));
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_with_401()
    {
        using var anonymous = App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await Post(anonymous, Sample)).StatusCode);
    }

    [Fact]
    public async Task A_resident_is_refused_with_403()
    {
        var resident = await App.ClientAs(Role.Resident);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post(resident, Sample)).StatusCode);
    }

    [Theory]
    [InlineData(Role.Headquarters)]
    [InlineData(Role.SubdistrictOffice)]
    [InlineData(Role.CommunityWorker)]
    [InlineData(Role.GridWorker)]
    [InlineData(Role.Administrator)]
    public async Task The_roles_that_work_on_certification_may_evaluate_a_scenario(Role role)
    {
        var client = await App.ClientAs(role);
        Assert.Equal(HttpStatusCode.OK, (await Post(client, Sample)).StatusCode);
    }
}
