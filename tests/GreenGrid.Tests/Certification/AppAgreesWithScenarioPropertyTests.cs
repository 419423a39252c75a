using System.Net;
using System.Net.Http.Json;
using GreenGrid.Cases;
using GreenGrid.Certification.Scenario;
using GreenGrid.Certification.ReadCertification;
using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Certification;

/// <summary>
/// A random small city (districts down to buildings, households, residents), random valid case
/// histories and random control attestations, all recorded through the API; then for a few random
/// days every place's certification as the application answers it equals what the pure engine
/// answers for the same data written as a scenario. The seed is printed (and named in every
/// failure); set GREENGRID_SEED to replay one.
/// </summary>
// Not an FsCheck property: each case builds a tree and records data through the HTTP app on a shared database (seconds a case, nothing rolled back), so shrinking would replay dozens of slow cases on a database already changed by the failing one.
public abstract class AppAgreesWithScenarioPropertyTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = new(2020, 2, 28);
    private static readonly DateOnly Start = new(2020, 1, 25);
    private const int ObservationDays = 14;

    private static readonly string[] Controls = ["publicity", "closedManagement", "sweep", "disinfection", "supply", "mobilisation"];

    [Fact]
    public async Task Every_place_of_a_random_city_recorded_through_the_api_is_certified_on_random_days_as_the_scenario_engine_says()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("GREENGRID_SEED"), out var s) ? s : Environment.TickCount & 0x7fffffff;
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed} (GREENGRID_SEED={seed} replays it)");
        Console.WriteLine($"{GetType().Name}: seed {seed}");
        var random = new Random(seed);
        var client = App.Hq;

        // The tree: the test city > 1–2 districts > 1–2 sub-districts > 1–2 communities > 0–3 compounds > 0–2 buildings.
        var places = new List<ScenarioPlace> { new($"P{App.TestCity.Id}", "city", null) };
        var kinds = new Dictionary<long, PlaceKind> { [App.TestCity.Id] = PlaceKind.City };
        var compounds = new List<long>();
        var buildings = new List<(long Id, long Compound)>();
        async Task<long> Add(long parent, PlaceKind kind)
        {
            var place = await new TreeBuilder(App).Create(parent, kind);
            if (kind != PlaceKind.Building)
            {
                places.Add(new ScenarioPlace($"P{place.Id}", Scenario(kind), $"P{parent}"));
            }
            kinds[place.Id] = kind;
            return place.Id;
        }
        for (var d = random.Next(1, 3); d > 0; d--)
        {
            var district = await Add(App.TestCity.Id, PlaceKind.District);
            for (var sd = random.Next(1, 3); sd > 0; sd--)
            {
                var subdistrict = await Add(district, random.Next(4) == 0 ? PlaceKind.Township : PlaceKind.Subdistrict);
                for (var c = random.Next(1, 3); c > 0; c--)
                {
                    var community = await Add(subdistrict, random.Next(4) == 0 ? PlaceKind.Village : PlaceKind.Community);
                    for (var k = random.Next(compounds.Count == 0 ? 1 : 0, 4); k > 0; k--)
                    {
                        var compound = await Add(community, PlaceKind.Compound);
                        compounds.Add(compound);
                        for (var b = random.Next(0, 3); b > 0; b--)
                        {
                            buildings.Add((await Add(compound, PlaceKind.Building), compound));
                        }
                    }
                }
            }
        }

        // Households and residents in the buildings; each resident gets a random valid history (or none).
        var people = new List<ScenarioPerson>();
        var events = new List<ScenarioEvent>();
        foreach (var (building, compound) in buildings)
        {
            for (var h = random.Next(1, 3); h > 0; h--)
            {
                var household = await new TreeBuilder(App).AddHousehold(building, random.Next(1, 4));
                await using var scope = App.Services.CreateAsyncScope();
                var residents = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).Select(r => r.Id).ToListAsync(Ct);
                foreach (var resident in residents)
                {
                    people.Add(new ScenarioPerson($"r{resident}", $"P{compound}"));
                    await RecordHistory(client, random, resident, events, seed);
                }
            }
        }

        // Attestations: each compound gets a random subset of the six, some withdrawn later.
        // The first compound's first attestation is on the first day: the application's record starts
        // at its earliest date (placement events included), the scenario's at its own, and both are then that day.
        var controls = new List<ScenarioControl>();
        foreach (var compound in compounds)
        {
            foreach (var control in Controls.Where(c => random.Next(6) != 0 || (compound == compounds[0] && c == Controls[0])))
            {
                var date = compound == compounds[0] && control == Controls[0] ? Start : Day(random, Start, Today);
                var response = await client.PostAsJsonAsync($"/api/v1/places/{compound}/controls", new { control, date }, GreenGridApp.Json, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"seed {seed}: {await response.Content.ReadAsStringAsync(Ct)}");
                string? withdrawn = null;
                if (random.Next(5) == 0)
                {
                    var id = (await response.Content.ReadFromJsonAsync<AttestationView>(GreenGridApp.Json, Ct))!.Id;
                    var on = Day(random, date, Today);
                    var w = await client.PostAsJsonAsync($"/api/v1/certification/controls/{id}/withdraw", new { date = on }, GreenGridApp.Json, Ct);
                    Assert.True(w.StatusCode == HttpStatusCode.OK, $"seed {seed}: {await w.Content.ReadAsStringAsync(Ct)}");
                    withdrawn = Iso(on);
                }
                controls.Add(new ScenarioControl($"P{compound}", control, Iso(date), withdrawn));
            }
        }

        // A few random days, and today: every place as the application says, against the scenario.
        var days = Enumerable.Range(0, 3).Select(_ => Day(random, Start, Today)).Append(Today).Distinct().ToList();
        foreach (var day in days)
        {
            var expected = Evaluate(new ScenarioRequest(Iso(day), null, places, people, events, controls), seed);
            foreach (var place in expected.Places)
            {
                var id = long.Parse(place.Id[1..]);
                var actual = (await client.GetFromJsonAsync<CertificationView>($"/api/v1/places/{id}/certification?asOf={Iso(day)}", GreenGridApp.Json, Ct))!;
                var where = $"seed {seed}, {place.Kind} {place.Id} as of {Iso(day)}";
                Assert.True(place.Status == actual.Status, $"{where}: status {actual.Status}, the scenario says {place.Status} ({string.Join(", ", place.Reasons.Select(Describe))})");
                Assert.True(place.FreeSince == Iso(actual.FreeSince), $"{where}: freeSince {Iso(actual.FreeSince)}, the scenario says {place.FreeSince}");
                Assert.True(place.FreeFrom == Iso(actual.FreeFrom), $"{where}: freeFrom {Iso(actual.FreeFrom)}, the scenario says {place.FreeFrom}");
                var want = place.Reasons.Select(Describe).Order().ToList();
                var got = actual.Reasons.Select(Describe).Order().ToList();
                Assert.True(want.SequenceEqual(got), $"{where}: reasons [{string.Join(", ", got)}], the scenario says [{string.Join(", ", want)}]");
            }
        }
    }

    /// <summary>0–4 events a person, each picked among those <see cref="CaseHistory.Possible"/> allows in the state reached, on non-decreasing days.</summary>
    private static async Task RecordHistory(HttpClient client, Random random, long resident, List<ScenarioEvent> events, int seed)
    {
        var state = CaseState.Nothing;
        var day = Day(random, Start, Today.AddDays(-10));
        for (var n = random.Next(0, 5); n > 0 && day <= Today; n--, day = day.AddDays(random.Next(0, 6)))
        {
            var possible = CaseHistory.Possible(state, day, ObservationDays);
            if (possible.Count == 0)
            {
                break;
            }
            var type = possible[random.Next(possible.Count)];
            var lastExposure = type == CaseEventType.CloseContact ? day.AddDays(-random.Next(0, 18)) : (DateOnly?)null;
            var candidate = new CaseEvent { Type = type, EffectiveDate = day, LastExposure = lastExposure, Facility = type == CaseEventType.TransferredToFacility ? "方舱医院" : null };
            var (next, problem) = CaseHistory.Apply(state, candidate, ObservationDays);
            if (problem is not null)
            {
                continue;
            }
            var source = type is CaseEventType.Confirmed or CaseEventType.Asymptomatic or CaseEventType.Discarded ? "lab" : "community";
            var response = await client.PostAsJsonAsync($"/api/v1/residents/{resident}/case-events",
                new { type, effectiveDate = day, lastExposure, facility = candidate.Facility, source }, GreenGridApp.Json, Ct);
            Assert.True(response.IsSuccessStatusCode, $"seed {seed}: {type} on {Iso(day)} after {state}: {await response.Content.ReadAsStringAsync(Ct)}");
            state = next;
            if (Scenario(type) is { } name)
            {
                events.Add(new ScenarioEvent($"r{resident}", Iso(day), name, lastExposure is { } e ? Iso(e) : null));
            }
        }
    }

    private static ScenarioAnswer Evaluate(ScenarioRequest request, int seed)
    {
        var errors = new ValidationErrors();
        var scenario = ScenarioReader.Read(request, errors);
        Assert.True(scenario is not null, $"seed {seed}: {string.Join("; ", ScenarioEvaluator.Lines(errors))}");
        return ScenarioEvaluator.Answer(scenario);
    }

    private static string Scenario(PlaceKind kind) => kind switch
    {
        PlaceKind.City => "city",
        PlaceKind.District => "district",
        PlaceKind.Subdistrict or PlaceKind.Township => "subdistrict",
        PlaceKind.Community or PlaceKind.Village => "community",
        _ => "compound",
    };

    /// <summary>The scenario's name of a case event type; null for those that say where a person is managed, not whether.</summary>
    private static string? Scenario(CaseEventType type) => type switch
    {
        CaseEventType.HomeObservation or CaseEventType.CentralIsolation or CaseEventType.TransferredToFacility or CaseEventType.Retracted => null,
        _ => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(type.ToString()),
    };

    private static string Describe(ReasonAnswer r) => r switch
    {
        RecentCaseReason c => $"recentCase {c.Person} {c.Date}",
        UnderManagementReason m => $"underManagement {m.Person} {m.Type} until {m.Until}",
        ControlMissingReason c => $"controlMissing {c.Control}",
        ChildNotFreeReason c => $"childNotFree {c.Place}",
        _ => r.Code,
    };

    private static string Describe(ReasonView r) => r.Code switch
    {
        "recentCase" => $"recentCase r{r.ResidentId} {Iso(r.Date)}",
        "underManagement" => $"underManagement r{r.ResidentId} {r.Type} until {Iso(r.Until)}",
        "controlMissing" => $"controlMissing {r.Control}",
        "childNotFree" => $"childNotFree P{r.PlaceId}",
        _ => r.Code,
    };

    private static DateOnly Day(Random random, DateOnly from, DateOnly to) => from.AddDays(random.Next(to.DayNumber - from.DayNumber + 1));

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Iso(DateOnly? d) => d is { } x ? Iso(x) : null;
}

public sealed class AppAgreesWithScenarioPropertyTests_on_Sqlite(SqliteApp fixture) : AppAgreesWithScenarioPropertyTests(fixture), IClassFixture<SqliteApp>;

public sealed class AppAgreesWithScenarioPropertyTests_on_Postgres(PostgresApp fixture) : AppAgreesWithScenarioPropertyTests(fixture), IClassFixture<PostgresApp>;
