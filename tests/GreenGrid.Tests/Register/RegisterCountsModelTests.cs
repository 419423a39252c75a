using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Register.Counts;
using GreenGrid.Register.Import;
using GreenGrid.Register.Merge;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Register;

/// <summary>
/// The register counts are kept in memory (RegisterCountsModel) and must equal, after any write, what a
/// recount from the database gives (<see cref="RegisterRecount"/>, the queries the reads ran before): for
/// every place, through the API a user reads them by (/register, the place's header counts, a list's total,
/// whether a place may be retired).
/// </summary>
// Seeded random, not FsCheck: each step is a write through the HTTP app on a shared database (nothing rolled back), so shrinking would replay slow steps on a database already changed.
public abstract class RegisterCountsModelTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _nextPerson;
    private static int _nextRoom;

    private enum Write
    {
        CreateHousehold, AddResident, UpdateResident, MoveHousehold, MoveResident, MoveOut, Die, ComeBack, Merge, UndoMerge,
        Import, CreateBuilding, CreateCompound, MoveBuilding, MoveCompound, MoveCommunity, RetireBuilding,
    }

    /// <summary>The places, households, residents and merges the steps pick from; the model's answers are checked against the database, not against this.</summary>
    private sealed class World
    {
        public required PlaceView District;
        public readonly List<PlaceView> Subdistricts = [];
        public readonly List<PlaceView> Communities = [];
        public readonly List<PlaceView> Compounds = [];
        public readonly List<PlaceView> Buildings = [];
        public readonly List<PlaceView> Retired = [];
        public readonly List<long> Households = [];
        public readonly Dictionary<long, string> IdNumbers = [];
        public readonly List<long> Merges = [];

        public IEnumerable<PlaceView> Places => new[] { District }.Concat(Subdistricts).Concat(Communities).Concat(Compounds).Concat(Buildings).Concat(Retired);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task After_random_writes_through_the_api_every_count_of_every_place_equals_a_recount_from_the_database(int seed)
    {
        var random = new Random(seed);
        var chain = await Tree.Chain();
        var world = new World { District = chain.District };
        world.Subdistricts.AddRange([chain.Subdistrict, await Tree.Create(chain.District.Id, PlaceKind.Subdistrict)]);
        world.Communities.AddRange([chain.Community, await Tree.Create(world.Subdistricts[1].Id, PlaceKind.Community)]);
        world.Compounds.AddRange([chain.Compound, await Tree.Create(world.Communities[1].Id, PlaceKind.Compound)]);
        world.Buildings.AddRange([chain.Building, await Tree.Create(world.Compounds[1].Id, PlaceKind.Building)]);
        await Check(world, random, $"seed {seed}, start");

        var writes = Enum.GetValues<Write>();
        // Every kind of write twice in order (the second time there is something to move, merge and undo), then random ones.
        var steps = writes.Concat(writes).Concat(Enumerable.Range(0, 40).Select(_ => writes[random.Next(writes.Length)])).ToList();
        var done = new Dictionary<Write, int>();
        for (var step = 0; step < steps.Count; step++)
        {
            if (await Apply(steps[step], world, random))
            {
                done[steps[step]] = done.GetValueOrDefault(steps[step]) + 1;
            }
            await Check(world, random, $"seed {seed}, step {step} ({steps[step]})");
        }
        // Each kind of write did change something at least once (else the test would not say what it claims).
        Assert.All(writes, write => Assert.True(done.GetValueOrDefault(write) > 0, $"seed {seed}: {write} never succeeded"));
    }

    [Fact]
    public async Task A_read_right_after_a_write_shows_it()
    {
        var chain = await Tree.Chain();
        Assert.Equal(0, (await Counts(chain.Community.Id)).Households);
        var household = await CreateHousehold(chain.Building.Id);
        Assert.Equal(1, (await Counts(chain.Community.Id)).Households);

        var resident = await AddResident(household, Residence.Floating, Vulnerability.Dialysis);
        var counts = await Counts(chain.District.Id);
        Assert.Equal((1, 1, 1), (counts.Residents[RegisterCategory.Residents], counts.Residents[RegisterCategory.Floating], counts.Residents[RegisterCategory.Dialysis]));

        Assert.Equal(HttpStatusCode.OK, (await App.Hq.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/status", new { status = "deceased", date = "2020-02-20" }, GreenGridApp.Json, Ct)).StatusCode);
        counts = await Counts(chain.Compound.Id);
        Assert.Equal((0, 1, 1), (counts.Residents[RegisterCategory.Residents], counts.Residents[RegisterCategory.Deceased], counts.Households));
        var page = await App.GetJson<ResidentPage>($"/api/v1/places/{chain.Community.Id}/residents?category=deceased");
        Assert.Equal(1, page.Total);
        Assert.Equal(resident.Id, page.Items.Single().Id);
        Assert.Equal(0, (await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Building.Id}/counts")).Residents);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("WzEsMiwzXQ")] // [1,2,3]: a token's form, not this list's
    [InlineData("WyIvMS8iLCIxMDEiLC01XQ")] // ["/1/","101",-5]: no resident has a negative id
    public async Task A_page_after_a_token_the_list_did_not_give_is_refused_naming_after(string token)
    {
        var chain = await Tree.Chain();
        var response = await App.Hq.GetAsync($"/api/v1/places/{chain.Community.Id}/residents?after={token}", Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "after");
    }

    [Fact]
    public async Task A_page_cannot_start_both_after_a_token_and_at_a_position()
    {
        var chain = await Tree.Chain();
        var household = await CreateHousehold(chain.Building.Id);
        for (var i = 0; i < 3; i++)
        {
            await AddResident(household, Residence.Registered, Vulnerability.None);
        }
        var first = await App.GetJson<ResidentPage>($"/api/v1/places/{chain.Community.Id}/residents?take=2");
        Assert.NotNull(first.Next);
        var both = await App.Hq.GetAsync($"/api/v1/places/{chain.Community.Id}/residents?take=2&skip=2&after={first.Next}", Ct);
        await ProblemAssert.NamesField(both, HttpStatusCode.BadRequest, "after");
        var last = await App.GetJson<ResidentPage>($"/api/v1/places/{chain.Community.Id}/residents?take=2&after={first.Next}");
        Assert.Equal((3, 1), (last.Total, last.Items.Length));
        Assert.Null(last.Next);
    }

    [Fact]
    public async Task A_moved_building_takes_its_counts_from_its_old_community_to_the_new_one()
    {
        var chain = await Tree.Chain();
        var otherCommunity = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);
        var otherCompound = await Tree.Create(otherCommunity.Id, PlaceKind.Compound);
        var household = await CreateHousehold(chain.Building.Id);
        await AddResident(household, Residence.Registered, Vulnerability.None);
        await AddResident(household, Residence.Stranded, Vulnerability.Pregnant);
        Assert.Equal(2, (await Counts(chain.Community.Id)).Residents[RegisterCategory.Residents]);
        Assert.Equal(0, (await Counts(otherCommunity.Id)).Residents[RegisterCategory.Residents]);

        var move = await App.Hq.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/move", new { newParentId = otherCompound.Id }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, move.StatusCode);

        var old = await Counts(chain.Community.Id);
        var @new = await Counts(otherCommunity.Id);
        Assert.Equal((0, 0, 0), (old.Households, old.Residents[RegisterCategory.Residents], old.Residents[RegisterCategory.Pregnant]));
        Assert.Equal((1, 2, 1, 1), (@new.Households, @new.Residents[RegisterCategory.Residents], @new.Residents[RegisterCategory.Pregnant], @new.Residents[RegisterCategory.Stranded]));
        Assert.Equal(2, (await Counts(chain.Subdistrict.Id)).Residents[RegisterCategory.Residents]);
        Assert.Equal(0, (await Counts(chain.Compound.Id)).Households);
        Assert.Equal(1, (await Counts(otherCompound.Id)).Households);
    }

    [Fact]
    public async Task Places_and_people_written_straight_to_the_database_are_counted()
    {
        // As seed data does: no notice of the new places to the tree's listeners, the people through the database context.
        var chain = await Tree.Chain();
        Assert.Equal(0, (await Counts(chain.Community.Id)).Households);
        long compoundId, buildingId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var communityPath = (await db.Places().AsNoTracking().SingleAsync(p => p.Id == chain.Community.Id, Ct)).Path;
            var compound = new Place { ParentId = chain.Community.Id, Kind = PlaceKind.Compound, Code = TreeBuilder.UniqueCode("SC"), NameZh = "直写小区", NameEn = "Seeded compound", Path = "/pending-c/" };
            db.Places().Add(compound);
            await db.SaveChangesAsync(Ct);
            compound.Path = PlacePath.Child(communityPath, compound.Id);
            var building = new Place { ParentId = compound.Id, Kind = PlaceKind.Building, Code = TreeBuilder.UniqueCode("SB"), NameZh = "直写楼", NameEn = "Seeded building", Path = "/pending-b/" };
            db.Places().Add(building);
            await db.SaveChangesAsync(Ct);
            building.Path = PlacePath.Child(compound.Path, building.Id);
            await db.SaveChangesAsync(Ct);
            (compoundId, buildingId) = (compound.Id, building.Id);
        }
        await Tree.AddHousehold(buildingId, residents: 3);

        Assert.Equal((1, 3), ((await Counts(buildingId)).Households, (await Counts(buildingId)).Residents[RegisterCategory.Residents]));
        Assert.Equal(3, (await Counts(compoundId)).Residents[RegisterCategory.Residents]);
        Assert.Equal(3, (await Counts(chain.District.Id)).Residents[RegisterCategory.Residents]);
    }

    private async Task<RegisterCountsView> Counts(long placeId) => await App.GetJson<RegisterCountsView>($"/api/v1/places/{placeId}/register");

    /// <summary>Every count of every place, through the API, against the recount; a list's total and the retire check on some.</summary>
    private async Task Check(World world, Random random, string when)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        foreach (var view in world.Places)
        {
            var place = await db.Places().AsNoTracking().SingleAsync(p => p.Id == view.Id, Ct);
            var expected = await RegisterRecount.Counts(db, place, Ct);
            var actual = await Counts(place.Id);
            Assert.True(expected.Households == actual.Households, $"{when}: {place.Kind} {place.Id} households {actual.Households}, recount {expected.Households}");
            foreach (var category in Enum.GetValues<RegisterCategory>())
            {
                Assert.True(expected.Residents[category] == actual.Residents[category],
                    $"{when}: {place.Kind} {place.Id} {category} {actual.Residents[category]}, recount {expected.Residents[category]}");
            }
            var header = await App.GetJson<SubtreeCounts>($"/api/v1/places/{place.Id}/counts");
            Assert.Equal(await RegisterRecount.Occupancy(db, place, Ct), (header.Households, header.Residents));
        }
        var some = world.Places.ElementAt(random.Next(world.Places.Count()));
        var someCategory = Enum.GetValues<RegisterCategory>()[random.Next(Enum.GetValues<RegisterCategory>().Length)];
        var somePlace = await db.Places().AsNoTracking().SingleAsync(p => p.Id == some.Id, Ct);
        var list = await App.GetJson<ResidentPage>($"/api/v1/places/{some.Id}/residents?category={someCategory}&take=500");
        var recounted = (await RegisterRecount.Counts(db, somePlace, Ct)).Residents[someCategory];
        Assert.True(list.Total == recounted && list.Items.Length == recounted, $"{when}: list of {someCategory} under {some.Id}: total {list.Total}, {list.Items.Length} rows, recount {recounted}");
    }

    /// <summary>One write of the kind, on random things of the world; false when it had nothing to act on or was refused.</summary>
    private async Task<bool> Apply(Write write, World world, Random random)
    {
        T Pick<T>(List<T> list) => list[random.Next(list.Count)];
        var residents = world.IdNumbers.Keys.ToList();
        switch (write)
        {
            case Write.CreateHousehold:
                world.Households.Add(await CreateHousehold(Pick(world.Buildings).Id));
                return true;
            case Write.AddResident when world.Households.Count > 0:
                var added = await AddResident(Pick(world.Households), (Residence)random.Next(3), RandomFlags(random));
                world.IdNumbers[added.Id] = added.IdNumber;
                return true;
            case Write.UpdateResident when residents.Count > 0:
                var id = Pick(residents);
                return await Ok(App.Hq.PutAsJsonAsync($"/api/v1/residents/{id}", PersonBody(world.IdNumbers[id], (Residence)random.Next(3), RandomFlags(random), $"改{id}"), GreenGridApp.Json, Ct));
            case Write.MoveHousehold when world.Households.Count > 0:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/households/{Pick(world.Households)}/move", new { buildingId = Pick(world.Buildings).Id }, GreenGridApp.Json, Ct));
            case Write.MoveResident when residents.Count > 0 && world.Households.Count > 1:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/residents/{Pick(residents)}/move", new { householdId = Pick(world.Households) }, GreenGridApp.Json, Ct));
            case Write.MoveOut or Write.Die or Write.ComeBack when residents.Count > 0:
                var status = write switch { Write.MoveOut => "movedOut", Write.Die => "deceased", _ => "present" };
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/residents/{Pick(residents)}/status", new { status, date = "2020-02-21" }, GreenGridApp.Json, Ct));
            case Write.Merge when residents.Count > 1:
                var (kept, merged) = (Pick(residents), Pick(residents));
                var response = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{kept}/merge", new { mergedId = merged }, GreenGridApp.Json, Ct);
                if (!response.IsSuccessStatusCode)
                {
                    return false; // one of them merged already, or the same record
                }
                world.Merges.Add((await App.GetJson<MergeView[]>($"/api/v1/residents/{kept}/merges")).Where(m => m.UnmergedAt is null).Max(m => m.Id));
                return true;
            case Write.UndoMerge when world.Merges.Count > 0:
                var merge = world.Merges[^1];
                world.Merges.RemoveAt(world.Merges.Count - 1);
                return await Ok(App.Hq.PostAsync($"/api/v1/merges/{merge}/undo", null, Ct));
            case Write.Import:
                return await Import(world, random);
            case Write.CreateBuilding:
                world.Buildings.Add(await Tree.Create(Pick(world.Compounds).Id, PlaceKind.Building));
                return true;
            case Write.CreateCompound:
                world.Compounds.Add(await Tree.Create(Pick(world.Communities).Id, PlaceKind.Compound));
                return true;
            case Write.MoveBuilding:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Buildings).Id}/move", new { newParentId = Pick(world.Compounds).Id }, GreenGridApp.Json, Ct));
            case Write.MoveCompound:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Compounds).Id}/move", new { newParentId = Pick(world.Communities).Id }, GreenGridApp.Json, Ct));
            case Write.MoveCommunity:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Communities).Id}/move", new { newParentId = Pick(world.Subdistricts).Id }, GreenGridApp.Json, Ct));
            case Write.RetireBuilding when world.Buildings.Count > 1:
                return await Retire(world, random);
            default:
                return false;
        }
    }

    /// <summary>Retires the building when the recount says nobody and no household is in it, and checks that the API refuses otherwise.</summary>
    private async Task<bool> Retire(World world, Random random)
    {
        bool people, households;
        PlaceView building;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            // Every other time a building without households, if any: one that may be retired.
            var ids = world.Buildings.Select(b => b.Id).ToList();
            var used = await db.Households().Where(h => ids.Contains(h.BuildingId)).Select(h => h.BuildingId).Distinct().ToListAsync(Ct);
            var empty = world.Buildings.Where(b => !used.Contains(b.Id)).ToList();
            var candidates = random.Next(2) == 0 && empty.Count > 0 ? empty : world.Buildings;
            building = candidates[random.Next(candidates.Count)];
            var place = await db.Places().AsNoTracking().SingleAsync(p => p.Id == building.Id, Ct);
            people = await RegisterRecount.HasPeople(db, place, Ct);
            households = await db.Households().AnyAsync(h => h.BuildingId == building.Id, Ct);
        }
        var response = await App.Hq.PostAsync($"/api/v1/places/{building.Id}/retire", null, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (people || households)
        {
            Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"retire of building {building.Id} with people {people}, households {households}: {(int)response.StatusCode} {body}");
            Assert.Contains(people ? "people live under this place" : "still has households", body);
            return false;
        }
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        world.Buildings.Remove(building);
        world.Retired.Add(building);
        return true;
    }

    /// <summary>A register import into a community: one new household of one or two new people in one of its buildings.</summary>
    private async Task<bool> Import(World world, Random random)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var community = world.Communities[random.Next(world.Communities.Count)];
        var path = (await db.Places().AsNoTracking().SingleAsync(p => p.Id == community.Id, Ct)).Path;
        var buildings = await db.Places().AsNoTracking().Where(PlacePath.Within(path)).Where(p => p.Kind == PlaceKind.Building && p.RetiredAt == null).ToListAsync(Ct);
        if (buildings.Count == 0)
        {
            return false;
        }
        var building = buildings[random.Next(buildings.Count)];
        var room = $"导-{Interlocked.Increment(ref _nextRoom)}";
        var lines = new List<string> { "楼栋,房号,姓名,性别,身份证号,联系电话,与户主关系,户籍/流动/滞留,特殊人群,备注" };
        for (var i = 0; i < random.Next(1, 3); i++)
        {
            var (name, idNumber) = NewPerson();
            lines.Add($"{building.Code},{room},{name},{(ResidentIdNumber.SexOf(idNumber) == Sex.Male ? "男" : "女")},{idNumber},,{(i == 0 ? "户主" : "子女")},{(random.Next(2) == 0 ? "流动" : "户籍")},{(random.Next(2) == 0 ? "独居老人" : "")},");
        }
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "file", "住户.csv");
        var upload = await App.Hq.PostAsync($"/api/v1/places/{community.Id}/imports", content, Ct);
        Assert.True(upload.StatusCode == HttpStatusCode.Created, await upload.Content.ReadAsStringAsync(Ct));
        var import = (await upload.Content.ReadFromJsonAsync<ImportView>(GreenGridApp.Json, Ct))!;
        Assert.Equal(HttpStatusCode.Accepted, (await App.Hq.PostAsync($"/api/v1/imports/{import.Id}/check", null, Ct)).StatusCode);
        await App.Services.GetRequiredService<ImportQueue>().Completion(import.Id).WaitAsync(TimeSpan.FromMinutes(2), Ct);
        var commit = await App.Hq.PostAsync($"/api/v1/imports/{import.Id}/commit", null, Ct);
        Assert.True(commit.StatusCode == HttpStatusCode.OK, await commit.Content.ReadAsStringAsync(Ct));
        world.Households.AddRange(await db.Households().Where(h => h.BuildingId == building.Id && h.Room == room).Select(h => h.Id).ToListAsync(Ct));
        foreach (var person in await db.Residents().Where(r => db.Households().Any(h => h.Id == r.HouseholdId && h.BuildingId == building.Id && h.Room == room)).ToListAsync(Ct))
        {
            world.IdNumbers[person.Id] = person.IdNumber;
        }
        return true;
    }

    private static Vulnerability RandomFlags(Random random) => random.Next(3) == 0 ? (Vulnerability)random.Next(1, 64) : Vulnerability.None;

    private static async Task<bool> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        // Refusals the random steps can run into (a merged record, a room taken, a duplicate coming back): the counts must not move then.
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is 400 or 404 or 409, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return response.IsSuccessStatusCode;
    }

    private async Task<long> CreateHousehold(long buildingId)
    {
        var response = await App.Hq.PostAsJsonAsync("/api/v1/households", new { buildingId, room = $"5-{Interlocked.Increment(ref _nextRoom)}" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<HouseholdSummary>(GreenGridApp.Json, Ct))!.Id;
    }

    private async Task<(long Id, string IdNumber)> AddResident(long householdId, Residence residence, Vulnerability flags)
    {
        var (_, idNumber) = NewPerson();
        var response = await App.Hq.PostAsJsonAsync($"/api/v1/households/{householdId}/residents", PersonBody(idNumber, residence, flags, null), GreenGridApp.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return ((await response.Content.ReadFromJsonAsync<ResidentView>(GreenGridApp.Json, Ct))!.Id, idNumber);
    }

    private static object PersonBody(string idNumber, Residence residence, Vulnerability flags, string? note) => new
    {
        name = $"居民{idNumber[^6..]}", idNumber, relationship = Relationship.Head, residence, note, confirmNotDuplicate = true,
        vulnerabilities = Enum.GetValues<Vulnerability>().Where(v => v != Vulnerability.None && flags.HasFlag(v)).ToArray(),
    };

    /// <summary>A name and a well-formed ID number that nobody else in the test run has.</summary>
    private static (string Name, string IdNumber) NewPerson()
    {
        var n = Interlocked.Increment(ref _nextPerson);
        var idNumber = SyntheticIdNumbers.Format("420106", new DateOnly(1940, 1, 1).AddDays(n * 3), 2 * (n % 400) + 1 + n % 2);
        return ($"居民{idNumber[^6..]}", idNumber);
    }
}

public sealed class RegisterCountsModelTests_on_Sqlite(SqliteApp fixture) : RegisterCountsModelTests(fixture), IClassFixture<SqliteApp>;

public sealed class RegisterCountsModelTests_on_Postgres(PostgresApp fixture) : RegisterCountsModelTests(fixture), IClassFixture<PostgresApp>;
