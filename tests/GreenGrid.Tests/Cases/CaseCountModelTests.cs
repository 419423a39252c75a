using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using GreenGrid.Cases;
using GreenGrid.Cases.Counts;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// The counts kept in memory (<see cref="CaseCountsModel"/>) against a recount from the database
/// (<see cref="CaseCountRecount"/>, how the API counted before): after random writes through the HTTP
/// API — case events of every type, corrections, retractions, residents and households moved, records
/// merged and merges undone, places created and moved — every count of every place on today and on
/// past days, the lists behind them and the new reports per day are the same, as JSON.
/// </summary>
// Seeded random, not FsCheck: each case writes through the HTTP app on a shared database (seconds a case), so shrinking would replay slow cases on changed data.
public abstract class CaseCountModelTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Start = new(2020, 1, 20);
    private static readonly DateOnly Today = new(2020, 2, 28);
    private const int ObservationDays = 14;

    private sealed class City
    {
        public required PlaceView District { get; init; }
        public List<long> Communities { get; } = [];
        public List<long> Compounds { get; } = [];
        public List<long> Buildings { get; } = [];
        public List<long> Households { get; } = [];
        public List<long> Residents { get; } = [];
    }

    /// <summary>A headquarters account of the test city: its client writes and reads, and the recount runs as it.</summary>
    private async Task<(HttpClient Client, ClaimsPrincipal Principal)> Headquarters()
    {
        var account = await App.Create(Role.Headquarters, [App.TestCity.Id]);
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, account.Id.ToString())], "test"));
        return (await App.ClientFor(account.UserName!), principal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task After_random_writes_through_the_API_every_count_list_and_day_equals_a_recount_from_the_database(int seed)
    {
        var random = new Random(seed);
        var (client, principal) = await Headquarters();
        var city = await Build(random);
        var done = new Dictionary<string, int>();
        void Count(string what) => done[what] = done.GetValueOrDefault(what) + 1;

        await Compare(random, client, principal, city, seed, 0);
        for (var step = 1; step <= 90; step++)
        {
            var roll = random.Next(100);
            if (roll < 45)
            {
                Count(await RecordEvent(random, client, city) ?? "event refused");
            }
            else if (roll < 55)
            {
                Count(await Correct(random, client, city, retract: false) ? "correction" : "nothing to correct");
            }
            else if (roll < 62)
            {
                Count(await Correct(random, client, city, retract: true) ? "retraction" : "nothing to retract");
            }
            else if (roll < 70)
            {
                var resident = Pick(random, city.Residents);
                var response = await client.PostAsJsonAsync($"/api/v1/residents/{resident}/move", new { householdId = Pick(random, city.Households) }, GreenGridApp.Json, Ct);
                Count(response.IsSuccessStatusCode ? "resident moved" : "resident move refused");
            }
            else if (roll < 77)
            {
                var household = Pick(random, city.Households);
                var response = await client.PostAsJsonAsync($"/api/v1/households/{household}/move", new { buildingId = Pick(random, city.Buildings) }, GreenGridApp.Json, Ct);
                Count(response.IsSuccessStatusCode ? "household moved" : "household move refused");
            }
            else if (roll < 85)
            {
                var kept = Pick(random, city.Residents);
                var merged = Pick(random, city.Residents);
                var response = await client.PostAsJsonAsync($"/api/v1/residents/{kept}/merge", new { mergedId = merged }, GreenGridApp.Json, Ct);
                Count(response.IsSuccessStatusCode ? "merge" : "merge refused");
            }
            else if (roll < 91)
            {
                Count(await UndoMerge(random, client, city) ? "merge undone" : "no merge to undo");
            }
            else if (roll < 95)
            {
                var building = await Tree.Create(Pick(random, city.Compounds), PlaceKind.Building);
                city.Buildings.Add(building.Id);
                Count("place created");
            }
            else
            {
                // A building to another compound, or a compound to another community.
                var (place, parent) = random.Next(2) == 0
                    ? (Pick(random, city.Buildings), Pick(random, city.Compounds))
                    : (Pick(random, city.Compounds), Pick(random, city.Communities));
                var response = await client.PostAsJsonAsync($"/api/v1/places/{place}/move", new { newParentId = parent }, GreenGridApp.Json, Ct);
                Count(response.IsSuccessStatusCode ? "place moved" : "place move refused");
            }
            if (step % 15 == 0)
            {
                await Compare(random, client, principal, city, seed, step);
            }
        }
        foreach (var kind in new[] { "event", "correction", "retraction", "resident moved", "household moved", "merge", "merge undone", "place created", "place moved" })
        {
            Assert.True(done.Keys.Any(k => k.StartsWith(kind, StringComparison.Ordinal) && !k.EndsWith("refused", StringComparison.Ordinal)),
                $"seed {seed}: no {kind} in the run ({string.Join(", ", done.Select(d => $"{d.Key} {d.Value}"))})");
        }
    }

    [Fact]
    public async Task A_read_right_after_an_event_shows_it_on_today_and_on_a_past_day_already_counted()
    {
        var (client, _) = await Headquarters();
        var chain = await Tree.Chain();
        var person = await FirstResident(await Tree.AddHousehold(chain.Building.Id, 1));
        var yesterday = Today.AddDays(-1);
        Assert.Equal(0, (await Counts(client, chain.Community.Id, Today)).Place.Counts[CaseMeasure.Suspected]);
        Assert.Equal(0, (await Counts(client, chain.Community.Id, yesterday)).Place.Counts[CaseMeasure.NewSuspected]);

        await Post(client, person, new CaseEventInput(CaseEventType.Suspected, yesterday));

        var today = (await Counts(client, chain.Community.Id, Today)).Place;
        Assert.Equal(1, today.Counts[CaseMeasure.Suspected]);
        var before = (await Counts(client, chain.Community.Id, yesterday)).Place;
        Assert.Equal(1, before.Counts[CaseMeasure.NewSuspected]);
        Assert.Equal(person, Assert.Single((await People(client, chain.Building.Id, CaseMeasure.Suspected, Today)).Items).Id);
    }

    [Fact]
    public async Task A_household_moved_to_another_building_takes_its_cases_out_of_the_old_buildings_counts()
    {
        var (client, _) = await Headquarters();
        var chain = await Tree.Chain();
        var other = await Tree.Create(chain.Compound.Id, PlaceKind.Building);
        var household = await Tree.AddHousehold(chain.Building.Id, 1);
        var person = await FirstResident(household);
        await Post(client, person, new CaseEventInput(CaseEventType.Confirmed, Today.AddDays(-3), Source: CaseSource.Lab));
        Assert.Equal(1, (await Counts(client, chain.Building.Id, Today)).Place.Counts[CaseMeasure.Confirmed]);
        Assert.Equal(0, (await Counts(client, other.Id, Today)).Place.Counts[CaseMeasure.Confirmed]);

        var moved = await client.PostAsJsonAsync($"/api/v1/households/{household.Id}/move", new { buildingId = other.Id }, GreenGridApp.Json, Ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));

        var old = (await Counts(client, chain.Building.Id, Today)).Place;
        Assert.Equal(0, old.Counts[CaseMeasure.Confirmed]);
        Assert.Null(old.LastNewConfirmed);
        Assert.Empty((await People(client, chain.Building.Id, CaseMeasure.Confirmed, Today)).Items);
        Assert.Equal(1, (await Counts(client, other.Id, Today)).Place.Counts[CaseMeasure.Confirmed]);
        Assert.Equal(person, Assert.Single((await People(client, other.Id, CaseMeasure.Confirmed, Today)).Items).Id);
        // The compound holds both buildings: its count is the same before and after.
        Assert.Equal(1, (await Counts(client, chain.Compound.Id, Today)).Place.Counts[CaseMeasure.Confirmed]);
    }

    [Fact]
    public async Task A_merged_records_events_count_for_the_kept_record_and_again_for_itself_once_the_merge_is_undone()
    {
        var (client, _) = await Headquarters();
        var chain = await Tree.Chain();
        var other = await Tree.Create(chain.Compound.Id, PlaceKind.Building);
        var kept = (await Passports([(await Tree.AddHousehold(chain.Building.Id, 1)).Id]))[0];
        var duplicate = (await Passports([(await Tree.AddHousehold(other.Id, 1)).Id]))[0];
        await Post(client, duplicate, new CaseEventInput(CaseEventType.Fever, Today.AddDays(-2)));
        Assert.Equal(1, (await Counts(client, other.Id, Today)).Place.Counts[CaseMeasure.Fever]);

        var merge = await client.PostAsJsonAsync($"/api/v1/residents/{kept}/merge", new { mergedId = duplicate }, GreenGridApp.Json, Ct);
        Assert.True(merge.IsSuccessStatusCode, await merge.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, (await Counts(client, other.Id, Today)).Place.Counts[CaseMeasure.Fever]);
        Assert.Equal(kept, Assert.Single((await People(client, chain.Building.Id, CaseMeasure.Fever, Today)).Items).Id);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var id = await scope.ServiceProvider.GetRequiredService<AppDb>().ResidentMerges().Where(m => m.MergedId == duplicate).Select(m => m.Id).SingleAsync(Ct);
            var undo = await client.PostAsync($"/api/v1/merges/{id}/undo", null, Ct);
            Assert.True(undo.IsSuccessStatusCode, await undo.Content.ReadAsStringAsync(Ct));
        }
        Assert.Equal(0, (await Counts(client, chain.Building.Id, Today)).Place.Counts[CaseMeasure.Fever]);
        Assert.Equal(duplicate, Assert.Single((await People(client, other.Id, CaseMeasure.Fever, Today)).Items).Id);
    }

    /// <summary>Every count of every place of the district on today and three past days, lists and days: the model's answer and the recount's, as JSON.</summary>
    private async Task Compare(Random random, HttpClient client, ClaimsPrincipal principal, City city, int seed, int step)
    {
        await using var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateScopeAs(new CurrentPrincipal { Principal = principal });
        var places = scope.ServiceProvider.GetRequiredService<PlaceQueries>();
        var recount = scope.ServiceProvider.GetRequiredService<CaseCountRecount>();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var district = (await places.Find(city.District.Id, Ct))!;
        var ids = await db.Places().Where(PlacePath.Within(district.Path)).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(Ct);
        var days = new[] { Today, Today.AddDays(-random.Next(1, 8)), Start.AddDays(random.Next(0, 20)), Start.AddDays(random.Next(20, 38)) };
        foreach (var day in days)
        {
            foreach (var id in ids)
            {
                var place = (await places.Find(id, Ct))!;
                var api = await Counts(client, id, day);
                var expected = await recount.Counts(place, day, Ct);
                Assert.True(Json(expected) == Json(api), $"seed {seed}, step {step}, place {id} on {day:yyyy-MM-dd}:\nmodel   {Json(api)}\nrecount {Json(expected)}");
            }
        }
        // The lists of the district and of one other place on one of the days, a random page of each.
        var listDay = days[random.Next(days.Length)];
        foreach (var id in new[] { city.District.Id, ids[random.Next(ids.Count)] })
        {
            var place = (await places.Find(id, Ct))!;
            foreach (var measure in CaseMeasures.All)
            {
                var (skip, take) = random.Next(3) == 0 ? (random.Next(0, 3), random.Next(1, 4)) : (0, 500);
                var api = await People(client, id, measure, listDay, skip, take);
                var expected = await recount.People(place, measure, listDay, skip, take, Ct);
                Assert.True(Json(expected) == Json(api), $"seed {seed}, step {step}, list {measure} of place {id} on {listDay:yyyy-MM-dd} ({skip}, {take}):\nmodel   {Json(api)}\nrecount {Json(expected)}");
            }
            var from = Start.AddDays(random.Next(0, 30));
            var to = random.Next(2) == 0 ? Today : from.AddDays(random.Next(0, Today.DayNumber - from.DayNumber + 1));
            var daily = await client.GetFromJsonAsync<CaseDailyView>($"/api/v1/places/{id}/cases/daily?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}", GreenGridApp.Json, Ct);
            var expectedDaily = await recount.Daily(place, from, to, Ct);
            Assert.True(Json(expectedDaily) == Json(daily), $"seed {seed}, step {step}, days of place {id} from {from} to {to}:\nmodel   {Json(daily)}\nrecount {Json(expectedDaily)}");
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, GreenGridApp.Json);

    /// <summary>A district with two communities, compounds, buildings, households and residents (written directly: the setup, not the writes under test).</summary>
    private async Task<City> Build(Random random)
    {
        var chain = await Tree.Chain();
        var city = new City { District = chain.District };
        city.Communities.Add(chain.Community.Id);
        city.Communities.Add((await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community)).Id);
        city.Compounds.Add(chain.Compound.Id);
        city.Buildings.Add(chain.Building.Id);
        foreach (var community in city.Communities)
        {
            var compound = await Tree.Create(community, PlaceKind.Compound);
            city.Compounds.Add(compound.Id);
            for (var b = 0; b < 2; b++)
            {
                city.Buildings.Add((await Tree.Create(compound.Id, PlaceKind.Building)).Id);
            }
        }
        foreach (var building in city.Buildings)
        {
            for (var h = 0; h < random.Next(1, 3); h++)
            {
                var household = await Tree.AddHousehold(building, random.Next(1, 4));
                city.Households.Add(household.Id);
            }
        }
        city.Residents.AddRange(await Passports(city.Households));
        return city;
    }

    /// <summary>The residents of the households, given passports (TreeBuilder's ID card number fails its check digit, and a merge checks the kept record's fields).</summary>
    private async Task<List<long>> Passports(IReadOnlyCollection<long> households)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var residents = await db.Residents().Where(r => households.Contains(r.HouseholdId)).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(Ct);
        foreach (var id in residents)
        {
            var passport = $"P{id:D10}";
            await db.Residents().Where(r => r.Id == id).ExecuteUpdateAsync(set => set.SetProperty(r => r.DocumentType, DocumentType.Passport).SetProperty(r => r.IdNumber, passport), Ct);
        }
        return residents;
    }

    /// <summary>A random event that fits the person's history (of any type and day), recorded through the API; the type recorded, or null when none fitted.</summary>
    private async Task<string?> RecordEvent(Random random, HttpClient client, City city)
    {
        var (person, history) = await History(Pick(random, city.Residents));
        if (person is null)
        {
            return null;
        }
        var types = Enum.GetValues<CaseEventType>().Where(t => t != CaseEventType.Retracted).OrderBy(_ => random.Next()).ToList();
        foreach (var type in types)
        {
            var day = Start.AddDays(random.Next(0, Today.DayNumber - Start.DayNumber + 1));
            var input = new CaseEventInput(type, day,
                LastExposure: type == CaseEventType.CloseContact ? day.AddDays(-random.Next(0, 3)) : null,
                Facility: type == CaseEventType.TransferredToFacility ? "方舱医院" : null,
                Source: type == CaseEventType.Confirmed ? CaseSource.Lab : null);
            var candidate = new CaseEvent { Type = type, EffectiveDate = day, LastExposure = input.LastExposure, Facility = input.Facility };
            if (CaseHistory.Check(history, candidate, ObservationDays) is null)
            {
                await Post(client, person.Value, input);
                return $"event {type}";
            }
        }
        return null;
    }

    /// <summary>Corrects an event in force (same type, another day) or retracts it, when one may be; false when none could.</summary>
    private async Task<bool> Correct(Random random, HttpClient client, City city, bool retract)
    {
        foreach (var resident in city.Residents.OrderBy(_ => random.Next()).Take(10))
        {
            var (person, history) = await History(resident);
            // Events in force were corrected by nobody yet: each may be corrected or retracted once.
            foreach (var target in CaseHistory.InForce(history).OrderBy(_ => random.Next()))
            {
                var day = retract ? Today : Start.AddDays(random.Next(0, Today.DayNumber - Start.DayNumber + 1));
                var lastExposure = target.Type == CaseEventType.CloseContact && !retract ? day.AddDays(-random.Next(0, 3)) : (DateOnly?)null;
                var type = retract ? CaseEventType.Retracted : target.Type;
                var candidate = new CaseEvent { Type = type, EffectiveDate = day, LastExposure = lastExposure, Facility = target.Facility, SupersedesId = target.Id };
                if (CaseHistory.Check(history, candidate, ObservationDays) is null)
                {
                    await Post(client, person!.Value, new CaseEventInput(type, day, lastExposure, Facility: retract ? null : target.Facility,
                        Source: type == CaseEventType.Confirmed ? CaseSource.Lab : null, SupersedesId: target.Id));
                    return true;
                }
            }
        }
        return false;
    }

    private async Task<bool> UndoMerge(Random random, HttpClient client, City city)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var residents = city.Residents;
        var live = await scope.ServiceProvider.GetRequiredService<AppDb>().ResidentMerges()
            .Where(m => m.UnmergedAt == null && residents.Contains(m.KeptId)).Select(m => new { m.Id, m.KeptId }).ToListAsync(Ct);
        // The latest merge into a record is undone first.
        var latest = live.GroupBy(m => m.KeptId).Select(g => g.Max(m => m.Id)).ToList();
        if (latest.Count == 0)
        {
            return false;
        }
        var response = await client.PostAsync($"/api/v1/merges/{Pick(random, latest)}/undo", null, Ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The person the record counts for now (null when merged into another) and every event of their records.</summary>
    private async Task<(long? Person, List<CaseEvent> History)> History(long resident)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<CasePeople>();
        return await people.Find(resident, Ct) is { } person ? (person.Id, await people.Events(person, Ct)) : (null, []);
    }

    private async Task<long> FirstResident(Household household)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync(Ct);
    }

    private static async Task Post(HttpClient client, long residentId, CaseEventInput input)
    {
        var response = await client.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", input, GreenGridApp.Json, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{input}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static async Task<CaseCountsView> Counts(HttpClient client, long placeId, DateOnly day) =>
        (await client.GetFromJsonAsync<CaseCountsView>($"/api/v1/places/{placeId}/cases?asOf={day:yyyy-MM-dd}", GreenGridApp.Json, Ct))!;

    private static async Task<CasePeoplePage> People(HttpClient client, long placeId, CaseMeasure measure, DateOnly day, int skip = 0, int take = 500) =>
        (await client.GetFromJsonAsync<CasePeoplePage>(
            $"/api/v1/places/{placeId}/cases/people?category={CaseMeasures.Name(measure)}&asOf={day:yyyy-MM-dd}&skip={skip}&take={take}", GreenGridApp.Json, Ct))!;

    private static long Pick(Random random, IReadOnlyList<long> from) => from[random.Next(from.Count)];
}

public sealed class CaseCountModelTests_on_Sqlite(SqliteApp fixture) : CaseCountModelTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseCountModelTests_on_Postgres(PostgresApp fixture) : CaseCountModelTests(fixture), IClassFixture<PostgresApp>;
