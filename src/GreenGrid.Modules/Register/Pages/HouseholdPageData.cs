using GreenGrid.Places;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register.Pages;

/// <summary>Everything the page of a household shows: its residents and where its building stands in the tree.</summary>
public sealed record HouseholdPageData(HouseholdView Household, Place Building, List<Place> Ancestors)
{
    /// <summary>Reads the page in a scope of its own (see PlacePageData.Load for why).</summary>
    public static async Task<HouseholdPageData?> Load(IServiceScopeFactory scopes, long id, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var today = services.GetRequiredService<CityClock>().Today;
        if (await services.GetRequiredService<HouseholdQueries>().Find(id, today, ct) is not { } household)
        {
            return null;
        }
        var places = services.GetRequiredService<PlaceQueries>();
        var building = await places.Find(household.BuildingId, ct)
            ?? throw new InvalidOperationException($"household {id} lives in building {household.BuildingId}, which does not exist");
        // Head of household first, then spouse, children...: the register stores the relationship
        // as text, so its own order is alphabetical ("Child" before "Head").
        var residents = household.Residents.OrderBy(r => r.Relationship).ThenBy(r => r.BirthDate).ToArray();
        return new HouseholdPageData(household with { Residents = residents }, building, await places.Ancestors(building, ct));
    }

    public static async Task<List<HouseholdSummary>> LoadOfBuilding(IServiceScopeFactory scopes, long buildingId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<HouseholdQueries>().OfBuilding(buildingId, ct);
    }
}

/// <summary>The answer to "which household is <paramref name="Id"/>": <paramref name="Data"/> is null when there is none.</summary>
public sealed record HouseholdLookup(long Id, HouseholdPageData? Data);

/// <summary>The households of one building, as its page lists them.</summary>
public sealed record BuildingHouseholdList(long BuildingId, List<HouseholdSummary> Households);
