using System.Net.Http.Json;
using GreenGrid.Access;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Access;

/// <summary>
/// After random writes through the API (gates added, passes issued, compounds moved to another
/// community), the kept gate places of every place equal a recount from the database, and the
/// passes list of every place equals the passes selected by the subtree's paths.
/// </summary>
// Not an FsCheck property: each case builds a tree through the HTTP app on a shared database (seconds a case, nothing rolled back).
public abstract class GatePlacesPropertyTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Kept_gate_places_equal_a_recount_after_random_writes(int seed)
    {
        var random = new Random(seed);
        var chain = await Tree.Chain();
        var communities = new List<long> { chain.Community.Id, (await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community)).Id };
        var compounds = new List<long> { chain.Compound.Id };
        // Read once before the writes, so that what follows is kept current, not loaded afresh.
        await Check(chain, communities, compounds, seed, "before");
        for (var step = 0; step < 25; step++)
        {
            switch (random.Next(5))
            {
                case 0:
                    compounds.Add((await Tree.Create(communities[random.Next(communities.Count)], PlaceKind.Compound)).Id);
                    break;
                case 1:
                    await AccessScenario.Ok<GateView>(await App.Hq.PostAsJsonAsync($"/api/v1/compounds/{compounds[random.Next(compounds.Count)]}/gates",
                        new { name = $"门{step}" }, GreenGridApp.Json, Ct));
                    break;
                case 2:
                    var at = random.Next(2) == 0 ? compounds[random.Next(compounds.Count)] : communities[random.Next(communities.Count)];
                    await AccessScenario.Issue(App.Hq, new { holderKind = "courier", holderName = $"快递员{step}", placeId = at });
                    break;
                case 3:
                    var moved = compounds[random.Next(compounds.Count)];
                    var response = await App.Hq.PostAsJsonAsync($"/api/v1/places/{moved}/move", new { newParentId = communities[random.Next(communities.Count)] }, GreenGridApp.Json, Ct);
                    Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
                    break;
                default:
                    await Check(chain, communities, compounds, seed, $"step {step}");
                    break;
            }
        }
        await Check(chain, communities, compounds, seed, "end");
    }

    private async Task Check(Chain chain, List<long> communities, List<long> compounds, int seed, string when)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var kept = scope.ServiceProvider.GetRequiredService<GatePlaces>();
        foreach (var id in new[] { chain.City.Id, chain.District.Id, chain.Subdistrict.Id }.Concat(communities).Concat(compounds))
        {
            var place = await db.Places().AsNoTracking().FirstAsync(p => p.Id == id, Ct);
            var under = db.Places().Where(PlacePath.Within(place.Path)).Select(p => p.Id);
            var gateCompounds = await db.Gates().Where(g => under.Contains(g.CompoundId)).Select(g => g.CompoundId).Distinct().OrderBy(c => c).ToListAsync(Ct);
            Assert.True(gateCompounds.SequenceEqual(await kept.CompoundsWithGatesUnder(place, Ct)), $"seed {seed}, {when}, place {id}: compounds with gates");
            var passPlaces = await db.Passes().Where(p => under.Contains(p.PlaceId)).Select(p => p.PlaceId).Distinct().OrderBy(p => p).ToListAsync(Ct);
            var (keptPassPlaces, _) = await kept.PassPlacesUnder(place, Ct);
            Assert.True(passPlaces.SequenceEqual(keptPassPlaces), $"seed {seed}, {when}, place {id}: places with passes");
            var passes = await db.Passes().Where(p => under.Contains(p.PlaceId)).OrderByDescending(p => p.Id).Select(p => p.Id).Take(500).ToListAsync(Ct);
            var listed = await App.GetJson<List<PassView>>($"/api/v1/places/{id}/passes");
            Assert.True(passes.SequenceEqual(listed.Select(p => p.Id)), $"seed {seed}, {when}, place {id}: passes list");
        }
    }
}

public sealed class GatePlacesPropertyTests_on_Sqlite(SqliteApp fixture) : GatePlacesPropertyTests(fixture), IClassFixture<SqliteApp>;

public sealed class GatePlacesPropertyTests_on_Postgres(PostgresApp fixture) : GatePlacesPropertyTests(fixture), IClassFixture<PostgresApp>;
