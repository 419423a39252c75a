using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Register.Counts;
using GreenGrid.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Register;

/// <summary>
/// For random registers (random trees, residence, flags, status and merges), every count of every
/// place equals the sum of its children's and the length of its list.
/// </summary>
// Not an FsCheck property: each case builds a tree and records data through the HTTP app on a shared database (seconds a case, nothing rolled back), so shrinking would replay dozens of slow cases on a database already changed by the failing one.
public abstract class RegisterCountPropertyTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Counts_add_up_from_buildings_to_the_district_and_equal_their_lists(int seed)
    {
        var random = new Random(seed);
        var chain = await Tree.Chain();
        var communities = new List<PlaceView> { chain.Community, await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community) };
        var children = new Dictionary<long, List<long>> { [chain.District.Id] = [chain.Subdistrict.Id], [chain.Subdistrict.Id] = communities.Select(c => c.Id).ToList() };
        var buildings = new List<long>();
        foreach (var community in communities)
        {
            children[community.Id] = [];
            for (var k = 0; k < random.Next(1, 3); k++)
            {
                var compound = await Tree.Create(community.Id, PlaceKind.Compound);
                children[community.Id].Add(compound.Id);
                children[compound.Id] = [];
                for (var b = 0; b < random.Next(1, 3); b++)
                {
                    var building = await Tree.Create(compound.Id, PlaceKind.Building);
                    children[compound.Id].Add(building.Id);
                    buildings.Add(building.Id);
                }
            }
        }
        await FillRandomly(random, buildings);

        foreach (var (parent, kids) in children)
        {
            var counts = await App.GetJson<RegisterCountsView>($"/api/v1/places/{parent}/register");
            var sums = new Dictionary<RegisterCategory, int>();
            var households = 0;
            foreach (var kid in kids)
            {
                var child = await App.GetJson<RegisterCountsView>($"/api/v1/places/{kid}/register");
                households += child.Households;
                foreach (var (category, count) in child.Residents)
                {
                    sums[category] = sums.GetValueOrDefault(category) + count;
                }
            }
            Assert.Equal(households, counts.Households);
            foreach (var (category, count) in counts.Residents)
            {
                Assert.True(sums.GetValueOrDefault(category) == count, $"seed {seed}, place {parent}, {category}: {count} ≠ sum of children {sums.GetValueOrDefault(category)}");
                var list = await App.GetJson<ResidentPage>($"/api/v1/places/{parent}/residents?category={category}&take=500");
                Assert.True(list.Total == count && list.Items.Length == count, $"seed {seed}, place {parent}, {category}: count {count}, list {list.Total}");
                // Walked three at a time by the pages' "next" tokens, the list is the same rows in the same order.
                var walked = new List<long>();
                var page = await App.GetJson<ResidentPage>($"/api/v1/places/{parent}/residents?category={category}&take=3");
                walked.AddRange(page.Items.Select(i => i.Id));
                while (page.Next is { } next)
                {
                    page = await App.GetJson<ResidentPage>($"/api/v1/places/{parent}/residents?category={category}&take=3&after={Uri.EscapeDataString(next)}");
                    Assert.Equal(count, page.Total);
                    walked.AddRange(page.Items.Select(i => i.Id));
                }
                Assert.Equal(list.Items.Select(i => i.Id), walked);
            }
        }
    }

    private async Task FillRandomly(Random random, List<long> buildings)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var residents = new List<Resident>();
        foreach (var building in buildings)
        {
            for (var h = 0; h < random.Next(0, 4); h++)
            {
                var household = new Household { BuildingId = building, Room = $"{h + 1}-{random.Next(100, 999)}" };
                db.Households().Add(household);
                await db.SaveChangesAsync(TestContext.Current.CancellationToken);
                for (var r = 0; r < random.Next(0, 5); r++)
                {
                    var resident = new Resident
                    {
                        HouseholdId = household.Id, Name = $"居民{r}", IdNumber = $"P{random.Next():D10}", DocumentType = DocumentType.Passport,
                        BirthDate = new DateOnly(random.Next(1920, 2019), 1, 1),
                        Residence = (Residence)random.Next(3),
                        Vulnerabilities = (Vulnerability)(random.Next(4) == 0 ? random.Next(64) : 0),
                        Status = (ResidentStatus)(random.Next(5) == 0 ? random.Next(1, 3) : 0),
                    };
                    db.Residents().Add(resident);
                    residents.Add(resident);
                }
            }
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        // Some records are merged into another: they must not count anywhere.
        foreach (var resident in residents.Where(_ => random.Next(6) == 0))
        {
            var into = residents[random.Next(residents.Count)];
            if (into.Id != resident.Id && into.MergedIntoId is null)
            {
                resident.MergedIntoId = into.Id;
            }
        }
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class RegisterCountPropertyTests_on_Sqlite(SqliteApp fixture) : RegisterCountPropertyTests(fixture), IClassFixture<SqliteApp>;

public sealed class RegisterCountPropertyTests_on_Postgres(PostgresApp fixture) : RegisterCountPropertyTests(fixture), IClassFixture<PostgresApp>;
