using System.Net;
using System.Net.Http.Json;
using GreenGrid.Places;
using GreenGrid.Places.Grids;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Places;

/// <summary>Grids: named sets of one community's buildings, each with a responsible worker.</summary>
public abstract class GridApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<GridView> CreateGrid(long communityId, string worker = "王芳")
    {
        var client = App.Hq;
        var response = await client.PostAsJsonAsync("/api/v1/grids",
            new { communityId, code = TreeBuilder.UniqueCode("G"), nameZh = "第一网格", nameEn = "Grid 1", responsibleWorker = worker }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<GridView>(GreenGridApp.Json, Ct))!;
    }

    [Fact]
    public async Task A_grid_takes_buildings_of_its_community_and_lists_them()
    {
        var chain = await Tree.Chain();
        var second = await Tree.Create(chain.Compound.Id, PlaceKind.Building);
        var grid = await CreateGrid(chain.Community.Id);

        var client = App.Hq;
        var response = await client.PutAsJsonAsync($"/api/v1/grids/{grid.Id}/buildings", new { buildingIds = new[] { chain.Building.Id, second.Id } }, GreenGridApp.Json, Ct);
        response.EnsureSuccessStatusCode();

        var grids = await App.GetJson<GridView[]>($"/api/v1/places/{chain.Community.Id}/grids");
        var read = Assert.Single(grids);
        Assert.Equal("王芳", read.ResponsibleWorker);
        Assert.Equal([chain.Building.Id, second.Id], read.BuildingIds.Order());
        Assert.Equal(grid.Id, (await App.GetJson<PlaceView>($"/api/v1/places/{second.Id}")).GridId);
    }

    [Fact]
    public async Task A_building_of_another_community_cannot_join_the_grid()
    {
        var chain = await Tree.Chain();
        var elsewhere = await Tree.Chain();
        var grid = await CreateGrid(chain.Community.Id);

        var client = App.Hq;
        var response = await client.PutAsJsonAsync($"/api/v1/grids/{grid.Id}/buildings",
            new { buildingIds = new[] { chain.Building.Id, elsewhere.Building.Id } }, GreenGridApp.Json, Ct);

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "buildingIds");
        Assert.Contains(reasons, r => r.Contains(elsewhere.Building.Id.ToString()));
        Assert.Empty((await App.GetJson<GridView>($"/api/v1/grids/{grid.Id}")).BuildingIds);
    }

    [Fact]
    public async Task A_grid_belongs_to_a_community_not_to_a_compound()
    {
        var chain = await Tree.Chain();
        var client = App.Hq;
        var response = await client.PostAsJsonAsync("/api/v1/grids",
            new { communityId = chain.Compound.Id, code = "G1", nameZh = "网格", nameEn = "Grid" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "communityId");
    }

    [Fact]
    public async Task A_building_in_a_grid_cannot_be_moved_out_of_its_community_unnoticed()
    {
        var chain = await Tree.Chain();
        var otherCommunity = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);
        var otherCompound = await Tree.Create(otherCommunity.Id, PlaceKind.Compound);
        var grid = await CreateGrid(chain.Community.Id);
        var client = App.Hq;
        (await client.PutAsJsonAsync($"/api/v1/grids/{grid.Id}/buildings", new { buildingIds = new[] { chain.Building.Id } }, GreenGridApp.Json, Ct)).EnsureSuccessStatusCode();

        var move = await client.PostAsJsonAsync($"/api/v1/places/{chain.Building.Id}/move", new { newParentId = otherCompound.Id }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(move, HttpStatusCode.Conflict, "id");
    }
}

public sealed class GridApiTests_on_Sqlite(SqliteApp fixture) : GridApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class GridApiTests_on_Postgres(PostgresApp fixture) : GridApiTests(fixture), IClassFixture<PostgresApp>;
