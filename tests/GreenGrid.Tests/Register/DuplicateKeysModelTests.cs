using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Register.Import;
using GreenGrid.Register.Merge;
using GreenGrid.Register.Merge.FindDuplicates;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Register;

/// <summary>
/// The duplicates of a place come from the duplicate keys kept in memory (DuplicateKeysModel) and must equal, after
/// any write, what regrouping the place's own records in the database gives (<see cref="DuplicatesRecount"/>, the
/// finder's queries before): for every place, through the API.
/// </summary>
// Seeded random, not FsCheck: each step is a write through the HTTP app on a shared database (nothing rolled back), so shrinking would replay slow steps on a database already changed.
public abstract class DuplicateKeysModelTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _nextSequence;
    private static int _nextRoom;

    // Few names, birth dates, phones and document numbers, so that writes often make (and unmake) duplicates.
    private static readonly string[] Names = ["重复甲", "重复乙"];
    private static readonly DateOnly[] Births = [new(1961, 6, 1), new(1972, 7, 2)];
    private static readonly string?[] Phones = ["13600000001", "13600000001", "13600000002", null];
    private static readonly DocumentType[] OtherDocuments = [DocumentType.Passport, DocumentType.TaiwanPermit];

    private enum Write
    {
        CreateHousehold, AddResident, AddSameDocumentNumber, UpdateResident, MoveHousehold, MoveResident, MoveOut, Die, ComeBack,
        Merge, UndoMerge, Import, MoveBuilding, MoveCompound, MoveCommunity,
    }

    private sealed record Person(string Name, Sex Sex, DateOnly BirthDate, DocumentType DocumentType, string IdNumber, string? Phone);

    private sealed class World
    {
        public required PlaceView District;
        public readonly List<PlaceView> Subdistricts = [];
        public readonly List<PlaceView> Communities = [];
        public readonly List<PlaceView> Compounds = [];
        public readonly List<PlaceView> Buildings = [];
        public readonly List<long> Households = [];
        public readonly Dictionary<long, Person> People = [];
        public readonly List<long> Merges = [];
        // Document numbers (passport or Taiwan permit), unique to the run; writes reuse them under the other kind.
        public readonly List<string> DocumentNumbers = [];

        public IEnumerable<PlaceView> Places => new[] { District }.Concat(Subdistricts).Concat(Communities).Concat(Compounds).Concat(Buildings);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task After_random_writes_through_the_api_the_duplicates_of_every_place_equal_a_regrouping_from_the_database(int seed)
    {
        var random = new Random(seed);
        var chain = await Tree.Chain();
        var world = new World { District = chain.District };
        world.Subdistricts.AddRange([chain.Subdistrict, await Tree.Create(chain.District.Id, PlaceKind.Subdistrict)]);
        world.Communities.AddRange([chain.Community, await Tree.Create(world.Subdistricts[1].Id, PlaceKind.Community)]);
        world.Compounds.AddRange([chain.Compound, await Tree.Create(world.Communities[1].Id, PlaceKind.Compound)]);
        world.Buildings.AddRange([chain.Building, await Tree.Create(world.Compounds[1].Id, PlaceKind.Building), await Tree.Create(chain.Compound.Id, PlaceKind.Building)]);
        await Check(world, $"seed {seed}, start");

        var writes = Enum.GetValues<Write>();
        // Every kind of write twice in order (the second time there is something to move, merge and undo), then random ones, a new person every third.
        var steps = writes.Concat(writes).Concat(Enumerable.Range(0, 50).Select(i => i % 3 == 0 ? Write.AddResident : writes[random.Next(writes.Length)])).ToList();
        var done = new Dictionary<Write, int>();
        var sawGroups = new HashSet<DuplicateReason>();
        for (var step = 0; step < steps.Count; step++)
        {
            if (await Apply(steps[step], world, random))
            {
                done[steps[step]] = done.GetValueOrDefault(steps[step]) + 1;
            }
            sawGroups.UnionWith(await Check(world, $"seed {seed}, step {step} ({steps[step]})"));
        }
        Assert.All(writes, write => Assert.True(done.GetValueOrDefault(write) > 0, $"seed {seed}: {write} never succeeded"));
        // Both kinds of group were there to compare at some step.
        Assert.True(sawGroups.Count == 2, $"seed {seed}: only {string.Join(", ", sawGroups)} seen; writes done: {string.Join(", ", done)}");
    }

    [Fact]
    public async Task A_duplicate_is_listed_right_after_the_write_that_makes_it_and_gone_after_the_one_that_ends_it()
    {
        var chain = await Tree.Chain();
        var household = await CreateHousehold(chain.Building.Id);
        var birth = new DateOnly(1966, 6, 6);
        var person = new Person("刘重", Sex.Male, birth, DocumentType.Passport, $"E{Interlocked.Increment(ref _nextSequence):D8}", "13700009999");
        var first = await AddResident(household, person);
        Assert.Empty(await Duplicates(chain.District.Id));

        var second = await AddResident(household, person with { DocumentType = DocumentType.ResidentIdCard, IdNumber = IdCard(birth, Sex.Male) });
        var group = Assert.Single(await Duplicates(chain.District.Id));
        Assert.Equal($"{DuplicateReason.SameNameBirthDateAndPhone}: {first},{second}", DuplicatesRecount.Shape(group.Reason, group.Residents.Select(r => r.Id)));

        Assert.Equal(HttpStatusCode.OK, (await App.Hq.PostAsJsonAsync($"/api/v1/residents/{second}/status", new { status = "movedOut", date = "2020-02-20" }, GreenGridApp.Json, Ct)).StatusCode);
        Assert.Empty(await Duplicates(chain.District.Id));
    }

    [Fact]
    public async Task One_number_under_two_kinds_of_document_is_a_group_of_the_place_both_live_under()
    {
        var chain = await Tree.Chain();
        var otherCompound = await Tree.Create(chain.Community.Id, PlaceKind.Compound);
        var otherBuilding = await Tree.Create(otherCompound.Id, PlaceKind.Building);
        var number = $"{Interlocked.Increment(ref _nextSequence) + 40_000_000:D8}";
        var first = await AddResident(await CreateHousehold(chain.Building.Id), new Person("陈同号", Sex.Female, new DateOnly(1980, 8, 8), DocumentType.Passport, number, null));
        var second = await AddResident(await CreateHousehold(otherBuilding.Id), new Person("陈异名", Sex.Female, new DateOnly(1981, 8, 8), DocumentType.TaiwanPermit, number, null));

        var group = Assert.Single(await Duplicates(chain.Community.Id));
        Assert.Equal($"{DuplicateReason.SameIdNumber}: {first},{second}", DuplicatesRecount.Shape(group.Reason, group.Residents.Select(r => r.Id)));
        // Under one compound there is one of them: no group there.
        Assert.Empty(await Duplicates(chain.Compound.Id));
        Assert.Empty(await Duplicates(otherCompound.Id));
    }

    private async Task<DuplicateGroup[]> Duplicates(long placeId) => await App.GetJson<DuplicateGroup[]>($"/api/v1/places/{placeId}/duplicates");

    /// <summary>Every place's duplicates through the API against the regrouping; the kinds of group seen.</summary>
    private async Task<IEnumerable<DuplicateReason>> Check(World world, string when)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var seen = new HashSet<DuplicateReason>();
        foreach (var view in world.Places)
        {
            var place = await db.Places().AsNoTracking().SingleAsync(p => p.Id == view.Id, Ct);
            var expected = (await DuplicatesRecount.Groups(db, place, Ct)).Order().ToList();
            var groups = await Duplicates(place.Id);
            var actual = groups.Select(g => DuplicatesRecount.Shape(g.Reason, g.Residents.Select(r => r.Id))).Order().ToList();
            Assert.True(expected.SequenceEqual(actual), $"{when}: {place.Kind} {place.Id}: [{string.Join(" | ", actual)}], regrouped [{string.Join(" | ", expected)}]");
            seen.UnionWith(groups.Select(g => g.Reason));
        }
        return seen;
    }

    /// <summary>One write of the kind, on random things of the world; false when it had nothing to act on or was refused.</summary>
    private async Task<bool> Apply(Write write, World world, Random random)
    {
        T Pick<T>(IReadOnlyList<T> list) => list[random.Next(list.Count)];
        var residents = world.People.Keys.ToList();
        switch (write)
        {
            case Write.CreateHousehold:
                world.Households.Add(await CreateHousehold(Pick(world.Buildings).Id));
                return true;
            case Write.AddResident when world.Households.Count > 0:
                return await Add(world, Pick(world.Households), NewPerson(world, random));
            case Write.AddSameDocumentNumber when world.Households.Count > 0 && world.DocumentNumbers.Count > 0:
                // The same number under another kind of document is allowed, and the finder groups it by the number alone.
                var number = Pick(world.DocumentNumbers);
                var holder = world.People.Values.First(p => p.IdNumber == number);
                var other = holder.DocumentType == DocumentType.Passport ? DocumentType.TaiwanPermit : DocumentType.Passport;
                return await Add(world, Pick(world.Households), NewPerson(world, random) with { DocumentType = other, IdNumber = number });
            case Write.UpdateResident when residents.Count > 0:
                var id = Pick(residents);
                var changed = world.People[id] with { Name = Pick(Names), Phone = Pick(Phones) };
                if (changed.DocumentType != DocumentType.ResidentIdCard)
                {
                    changed = changed with { BirthDate = Pick(Births) };
                }
                if (await Ok(App.Hq.PutAsJsonAsync($"/api/v1/residents/{id}", Body(changed), GreenGridApp.Json, Ct)))
                {
                    world.People[id] = changed;
                    return true;
                }
                return false;
            case Write.MoveHousehold when world.Households.Count > 0:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/households/{Pick(world.Households)}/move", new { buildingId = Pick(world.Buildings).Id }, GreenGridApp.Json, Ct));
            case Write.MoveResident when residents.Count > 0 && world.Households.Count > 1:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/residents/{Pick(residents)}/move", new { householdId = Pick(world.Households) }, GreenGridApp.Json, Ct));
            case Write.ComeBack when residents.Count > 0:
                // Coming back is refused to one who looks like someone present (most here do): a few tries.
                for (var attempt = 0; attempt < 8; attempt++)
                {
                    if (await Ok(App.Hq.PostAsJsonAsync($"/api/v1/residents/{Pick(residents)}/status", new { status = "present" }, GreenGridApp.Json, Ct)))
                    {
                        return true;
                    }
                }
                return false;
            case Write.MoveOut or Write.Die when residents.Count > 0:
                var status = write == Write.MoveOut ? "movedOut" : "deceased";
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
            case Write.MoveBuilding:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Buildings).Id}/move", new { newParentId = Pick(world.Compounds).Id }, GreenGridApp.Json, Ct));
            case Write.MoveCompound:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Compounds).Id}/move", new { newParentId = Pick(world.Communities).Id }, GreenGridApp.Json, Ct));
            case Write.MoveCommunity:
                return await Ok(App.Hq.PostAsJsonAsync($"/api/v1/places/{Pick(world.Communities).Id}/move", new { newParentId = Pick(world.Subdistricts).Id }, GreenGridApp.Json, Ct));
            default:
                return false;
        }
    }

    /// <summary>A register import into a community: one new household of one or two new people (the import names none of them to the listeners).</summary>
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
        var room = $"重-{Interlocked.Increment(ref _nextRoom)}";
        var lines = new List<string> { "楼栋,房号,姓名,性别,身份证号,联系电话,与户主关系,户籍/流动/滞留,特殊人群,备注" };
        for (var i = 0; i < random.Next(1, 3); i++)
        {
            // A name of its own (the check refuses a row that looks registered already); a later correction may give it a name of the few.
            var person = NewPerson(world, random, idCard: true) with { Name = $"导入{Interlocked.Increment(ref _nextSequence)}" };
            lines.Add($"{building.Code},{room},{person.Name},{(person.Sex == Sex.Male ? "男" : "女")},{person.IdNumber},{person.Phone},{(i == 0 ? "户主" : "子女")},户籍,,");
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
        foreach (var r in await db.Residents().Where(r => db.Households().Any(h => h.Id == r.HouseholdId && h.BuildingId == building.Id && h.Room == room)).ToListAsync(Ct))
        {
            world.People[r.Id] = new Person(r.Name, r.Sex, r.BirthDate, r.DocumentType, r.IdNumber, r.Phone);
        }
        return true;
    }

    private async Task<bool> Add(World world, long household, Person person)
    {
        var response = await App.Hq.PostAsJsonAsync($"/api/v1/households/{household}/residents", Body(person), GreenGridApp.Json, Ct);
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync(Ct));
        if (!response.IsSuccessStatusCode)
        {
            return false; // the same number under the same kind of document
        }
        var id = (await response.Content.ReadFromJsonAsync<ResidentView>(GreenGridApp.Json, Ct))!.Id;
        world.People[id] = person;
        if (person.DocumentType != DocumentType.ResidentIdCard && !world.DocumentNumbers.Contains(person.IdNumber))
        {
            world.DocumentNumbers.Add(person.IdNumber);
        }
        return true;
    }

    /// <summary>A person of the few names, birth dates and phones: with an ID card (a number of their own) or, now and then, another document.</summary>
    private static Person NewPerson(World world, Random random, bool idCard = false)
    {
        var birth = Births[random.Next(Births.Length)];
        var sex = random.Next(2) == 0 ? Sex.Female : Sex.Male;
        var person = new Person(Names[random.Next(Names.Length)], sex, birth, DocumentType.ResidentIdCard, IdCard(birth, sex), Phones[random.Next(Phones.Length)]);
        return idCard || random.Next(3) > 0 ? person
            : person with { DocumentType = OtherDocuments[random.Next(2)], IdNumber = $"{Interlocked.Increment(ref _nextSequence) + 30_000_000:D8}" };
    }

    private static string IdCard(DateOnly birth, Sex sex)
    {
        var step = Interlocked.Increment(ref _nextSequence) % 499;
        return SyntheticIdNumbers.Format("420111", birth, 1 + 2 * step + (sex == Sex.Male ? 0 : 1));
    }

    private static object Body(Person person) => new
    {
        name = person.Name, sex = person.Sex, birthDate = person.BirthDate, documentType = person.DocumentType, idNumber = person.IdNumber,
        phone = person.Phone, relationship = Relationship.Head, residence = Residence.Registered, confirmNotDuplicate = true,
    };

    private static async Task<bool> Ok(Task<HttpResponseMessage> request)
    {
        var response = await request;
        // Refusals the random steps can run into (a merged record, a room taken, a duplicate coming back).
        Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode is 400 or 404 or 409, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return response.IsSuccessStatusCode;
    }

    private async Task<long> CreateHousehold(long buildingId)
    {
        var response = await App.Hq.PostAsJsonAsync("/api/v1/households", new { buildingId, room = $"6-{Interlocked.Increment(ref _nextRoom)}" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<HouseholdSummary>(GreenGridApp.Json, Ct))!.Id;
    }

    private async Task<long> AddResident(long household, Person person)
    {
        var response = await App.Hq.PostAsJsonAsync($"/api/v1/households/{household}/residents", Body(person), GreenGridApp.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ResidentView>(GreenGridApp.Json, Ct))!.Id;
    }
}

public sealed class DuplicateKeysModelTests_on_Sqlite(SqliteApp fixture) : DuplicateKeysModelTests(fixture), IClassFixture<SqliteApp>;

public sealed class DuplicateKeysModelTests_on_Postgres(PostgresApp fixture) : DuplicateKeysModelTests(fixture), IClassFixture<PostgresApp>;
