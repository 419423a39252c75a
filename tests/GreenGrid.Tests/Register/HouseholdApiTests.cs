using System.Net;
using GreenGrid.Register;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Register;

public abstract class HouseholdApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);

    [Fact]
    public async Task A_household_lists_its_residents_with_masked_id_and_phone_numbers()
    {
        var chain = await Tree.Chain();
        var household = await Tree.AddHousehold(chain.Building.Id, residents: 2);

        var read = await App.GetJson<HouseholdView>($"/api/v1/households/{household.Id}");

        Assert.Equal(2, read.Residents.Length);
        Assert.Equal([Relationship.Head, Relationship.Child], read.Residents.Select(r => r.Relationship));
        Assert.All(read.Residents, r => Assert.Equal("4201**********234X", r.IdNumberMasked));
        Assert.All(read.Residents, r => Assert.Equal("138****5678", r.PhoneMasked));
        // The age is counted on the city's today (the test clock stands on 2020-02-28).
        Assert.Equal(40, read.Residents.Single(r => r.BirthDate.Year == 1980).Age);
    }

    [Fact]
    public async Task A_building_lists_its_households_with_their_sizes()
    {
        var chain = await Tree.Chain();
        await Tree.AddHousehold(chain.Building.Id, residents: 3);
        await Tree.AddHousehold(chain.Building.Id, residents: 1);

        var households = await App.GetJson<HouseholdSummary[]>($"/api/v1/places/{chain.Building.Id}/households");
        Assert.Equal([1, 3], households.Select(h => h.Residents).Order());
    }

    [Fact]
    public async Task Households_are_asked_of_buildings_only()
    {
        var chain = await Tree.Chain();
        var client = App.Hq;
        var response = await client.GetAsync($"/api/v1/places/{chain.Compound.Id}/households", TestContext.Current.CancellationToken);
        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "buildingId");
        var missing = await client.GetAsync("/api/v1/households/987654321", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}

public sealed class HouseholdApiTests_on_Sqlite(SqliteApp fixture) : HouseholdApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class HouseholdApiTests_on_Postgres(PostgresApp fixture) : HouseholdApiTests(fixture), IClassFixture<PostgresApp>;
