using System.Net;
using System.Net.Http.Json;
using GreenGrid.Accounts;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Accounts;

/// <summary>The demo city's accounts: one per role, each on its own part of the city.</summary>
public sealed class DemoAccountTests : IAsyncLifetime
{
    private GreenGridApp _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await GreenGridApp.StartAsync(DatabaseProvider.Sqlite, DemoSize.Tiny);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task<PlaceView[]> Roots(string userName) =>
        (await (await _app.ClientFor(userName, DemoAccounts.Password)).GetFromJsonAsync<PlaceView[]>("/api/v1/places", GreenGridApp.Json, Ct))!;

    [Theory]
    [InlineData("hq.wuhan", "Wuhan")]
    [InlineData("hq.wuchang", "Wuchang District")]
    [InlineData("office.liangdao", "Liangdao Subdistrict")]
    [InlineData("worker.tanhualin", "Tanhualin Community")]
    [InlineData("admin", "Wuhan")]
    public async Task Each_demo_account_starts_the_tree_at_its_own_place(string userName, string place) =>
        Assert.Equal(place, Assert.Single(await Roots(userName)).NameEn);

    [Fact]
    public async Task The_neighbouring_community_worker_cannot_open_tanhualin()
    {
        var tanhualin = Assert.Single(await Roots("worker.tanhualin"));
        var neighbour = await _app.ClientFor("worker.neighbour", DemoAccounts.Password);
        Assert.NotEqual("Tanhualin Community", Assert.Single((await neighbour.GetFromJsonAsync<PlaceView[]>("/api/v1/places", GreenGridApp.Json, Ct))!).NameEn);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/places/{tanhualin.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"/api/v1/places/{tanhualin.Id}/counts", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_demo_resident_sees_a_household_of_tanhualin()
    {
        var resident = await _app.ClientFor("resident.tanhualin", DemoAccounts.Password);
        var household = await resident.GetFromJsonAsync<HouseholdView>("/api/v1/me/household", GreenGridApp.Json, Ct);
        Assert.NotEmpty(household!.Residents);
        Assert.All(household.Residents, r => Assert.Contains("****", r.IdNumberMasked));
    }
}
