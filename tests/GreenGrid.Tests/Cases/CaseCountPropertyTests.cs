using GreenGrid.Cases;
using GreenGrid.Cases.Counts;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>
/// For random trees and random valid case histories (corrections, retractions and merged records
/// included), through the HTTP API on a real database: on random days, at every level of the tree
/// every count equals the sum of its children's and the length of the list it opens, and the new
/// reports per day agree with the day's "new" counts.
/// </summary>
// Not an FsCheck property: each case builds a tree and records data through the HTTP app on a shared database (seconds a case, nothing rolled back), so shrinking would replay dozens of slow cases on a database already changed by the failing one.
public abstract class CaseCountPropertyTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Start = new(2020, 1, 20);
    private static readonly DateOnly Today = new(2020, 2, 28);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Counts_add_up_at_every_level_and_equal_their_lists_on_random_days(int seed)
    {
        var random = new Random(seed);
        var chain = await Tree.Chain();
        var children = new Dictionary<long, List<long>> { [chain.District.Id] = [chain.Subdistrict.Id], [chain.Subdistrict.Id] = [chain.Community.Id] };
        var community2 = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);
        children[chain.Subdistrict.Id].Add(community2.Id);
        children[chain.Community.Id] = [chain.Compound.Id];
        children[chain.Compound.Id] = [chain.Building.Id];
        children[chain.Building.Id] = [];
        children[community2.Id] = [];
        var buildings = new List<long> { chain.Building.Id };
        foreach (var community in new[] { chain.Community.Id, community2.Id })
        {
            for (var k = 0; k < random.Next(1, 2); k++)
            {
                var compound = await Tree.Create(community, PlaceKind.Compound);
                children[community].Add(compound.Id);
                children[compound.Id] = [];
                for (var b = 0; b < random.Next(1, 3); b++)
                {
                    var building = await Tree.Create(compound.Id, PlaceKind.Building);
                    children[compound.Id].Add(building.Id);
                    children[building.Id] = [];
                    buildings.Add(building.Id);
                }
            }
        }
        await FillRandomly(random, buildings);

        var days = new[] { Today, Start.AddDays(random.Next(10, 39)) };
        foreach (var day in days)
        {
            var views = new Dictionary<long, CaseCountsView>();
            foreach (var place in children.Keys)
            {
                views[place] = await App.GetJson<CaseCountsView>($"/api/v1/places/{place}/cases?asOf={day:yyyy-MM-dd}");
            }
            foreach (var (place, kids) in children)
            {
                var view = views[place];
                Assert.Equal(kids.Order(), view.Children.Select(c => c.PlaceId).Order());
                foreach (var measure in CaseMeasures.All)
                {
                    var count = view.Place.Counts[measure];
                    if (kids.Count > 0)
                    {
                        var sum = kids.Sum(k => views[k].Place.Counts[measure]);
                        Assert.True(sum == count, $"seed {seed}, {day}, place {place}, {measure}: {count} ≠ sum of children {sum}");
                        Assert.All(view.Children, c => Assert.Equal(views[c.PlaceId].Place.Counts[measure], c.Counts[measure]));
                    }
                    // Every list behind a number that is not zero; of the zeros one a place (each list read is an audited commit).
                    if (count == 0 && measure != CaseMeasures.All[(int)(place % CaseMeasures.All.Length)])
                    {
                        continue;
                    }
                    var list = await App.GetJson<CasePeoplePage>($"/api/v1/places/{place}/cases/people?category={CaseMeasures.Name(measure)}&asOf={day:yyyy-MM-dd}&take=500");
                    Assert.True(list.Total == count && list.Items.Length == count, $"seed {seed}, {day}, place {place}, {measure}: count {count}, list {list.Total}/{list.Items.Length}");
                    Assert.Equal(list.Items.Length, list.Items.Select(i => i.Id).Distinct().Count());
                }
                if (kids.Count > 0)
                {
                    Assert.Equal(kids.Select(k => views[k].Place.LastNewConfirmed).Max(), view.Place.LastNewConfirmed);
                }
                Assert.Equal(view.Place.LastNewConfirmed is { } last ? day.DayNumber - last.DayNumber : null, view.Place.DaysSinceLastConfirmed);
            }
            var daily = await App.GetJson<CaseDailyView>($"/api/v1/places/{chain.District.Id}/cases/daily?from={day.AddDays(-3):yyyy-MM-dd}&to={day:yyyy-MM-dd}");
            var counts = views[chain.District.Id].Place.Counts;
            var last3 = daily.Days[^1];
            Assert.Equal(day, last3.Date);
            Assert.Equal(
                [counts[CaseMeasure.NewConfirmed], counts[CaseMeasure.NewAsymptomatic], counts[CaseMeasure.NewSuspected], counts[CaseMeasure.NewFever], counts[CaseMeasure.NewCloseContact]],
                new[] { last3.Confirmed, last3.Asymptomatic, last3.Suspected, last3.Fever, last3.CloseContact });
        }
    }

    /// <summary>Households and residents in the buildings, a random history for most of them, some records merged into another.</summary>
    private async Task FillRandomly(Random random, List<long> buildings)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var recorder = await db.Users.Select(u => u.Id).FirstAsync(Ct);
        var residents = new List<Resident>();
        foreach (var building in buildings)
        {
            for (var h = 0; h < random.Next(1, 3); h++)
            {
                var household = new Household { BuildingId = building, Room = $"{h + 1}-{random.Next(100, 999)}" };
                db.Households().Add(household);
                await db.SaveChangesAsync(Ct);
                for (var r = 0; r < random.Next(1, 5); r++)
                {
                    var resident = new Resident { HouseholdId = household.Id, Name = $"病例{r}", IdNumber = $"P{random.Next():D10}", DocumentType = DocumentType.Passport, BirthDate = new DateOnly(1970, 1, 1) };
                    db.Residents().Add(resident);
                    residents.Add(resident);
                }
            }
        }
        await db.SaveChangesAsync(Ct);
        long id = 0;
        foreach (var person in residents.Where(_ => random.Next(5) != 0))
        {
            // Some people have a second record (anywhere in the tree) merged into theirs; their events fall on either record.
            var records = new List<Resident> { person };
            if (random.Next(4) == 0)
            {
                var duplicate = new Resident
                {
                    HouseholdId = residents[random.Next(residents.Count)].HouseholdId, Name = person.Name, IdNumber = person.IdNumber,
                    DocumentType = DocumentType.Passport, BirthDate = person.BirthDate, MergedIntoId = person.Id,
                };
                db.Residents().Add(duplicate);
                await db.SaveChangesAsync(Ct);
                records.Add(duplicate);
            }
            var history = RandomHistories.Generate(random, Start, Today, () => ++id);
            var saved = new Dictionary<long, CaseEvent>();
            foreach (var e in history)
            {
                if (e.SupersedesId is { } supersedes)
                {
                    // The corrected event needs its id: write what is pending first, in order.
                    await db.SaveChangesAsync(Ct);
                    e.SupersedesId = saved[supersedes].Id;
                }
                saved[e.Id] = e;
                e.Id = 0;
                e.ResidentId = records[random.Next(records.Count)].Id;
                e.RecordedById = recorder;
                e.RecordedAt = App.Clock.GetUtcNow().UtcDateTime;
                db.CaseEvents().Add(e);
            }
            await db.SaveChangesAsync(Ct);
        }
    }
}

public sealed class CaseCountPropertyTests_on_Sqlite(SqliteApp fixture) : CaseCountPropertyTests(fixture), IClassFixture<SqliteApp>;

public sealed class CaseCountPropertyTests_on_Postgres(PostgresApp fixture) : CaseCountPropertyTests(fixture), IClassFixture<PostgresApp>;
