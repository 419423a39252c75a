using GreenGrid.Places;
using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register.Pages;

/// <summary>
/// Everything the page of a household shows: its residents (numbers masked) and where its building
/// stands in the tree. Part of the register's contract, read-only: another module's page of a
/// household (its passes) reads it to show the same household under the same trail, and the read
/// is checked and audited as the register's own.
/// </summary>
/// <param name="OpenPlaces">The building and ancestors whose pages the caller may open; the others are names only.</param>
[ModuleContract]
public sealed record HouseholdPageData(HouseholdView Household, Place Building, List<Place> Ancestors, HashSet<long> OpenPlaces)
{
    /// <summary>Reads the page in a scope of its own, acting as the page's caller (see PlacePageData.Load for why).</summary>
    public static async Task<HouseholdPageData?> Load(IServiceScopeFactory scopes, CurrentPrincipal current, long id, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await Load(scope.ServiceProvider, id, ct);
    }

    /// <summary>The signed-in resident's own household (null: the account has none, or it is gone).</summary>
    public static async Task<HouseholdPageData?> LoadOwn(IServiceScopeFactory scopes, CurrentPrincipal current, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        var account = await scope.ServiceProvider.GetRequiredService<Caller>().Account(ct);
        return account?.HouseholdId is { } id ? await Load(scope.ServiceProvider, id, ct) : null;
    }

    private static async Task<HouseholdPageData?> Load(IServiceProvider services, long id, CancellationToken ct)
    {
        var today = services.GetRequiredService<CityClock>().Today;
        // Find decides whether the caller may see the household (and audits the read).
        if (await services.GetRequiredService<HouseholdQueries>().Find(id, today, ct) is not { } household)
        {
            return null;
        }
        // Read directly, not through PlaceQueries.Find: a resident sees their own household but no
        // place of the tree, and still needs to know which building it is in.
        var building = await services.GetRequiredService<AppDb>().Places().AsNoTracking().FirstOrDefaultAsync(p => p.Id == household.BuildingId, ct)
            ?? throw new InvalidOperationException($"household {id} lives in building {household.BuildingId}, which does not exist");
        var places = services.GetRequiredService<PlaceQueries>();
        var caller = services.GetRequiredService<Caller>();
        var ancestors = await places.Ancestors(building, ct);
        var open = new HashSet<long>();
        foreach (var place in ancestors.Append(building))
        {
            if (await caller.CanSee(place, ct))
            {
                open.Add(place.Id);
            }
        }
        // Head of household first, then spouse, children...: the register stores the relationship
        // as text, so its own order is alphabetical ("Child" before "Head").
        var residents = household.Residents.OrderBy(r => r.Status).ThenBy(r => r.Relationship).ThenBy(r => r.BirthDate).ToArray();
        return new HouseholdPageData(household with { Residents = residents }, building, ancestors, open);
    }
}

/// <summary>The answer to "which household is <paramref name="Id"/>": <paramref name="Data"/> is null when there is none (a page keeps it across the prerender).</summary>
[ModuleContract]
public sealed record HouseholdLookup(long Id, HouseholdPageData? Data);

/// <summary>The households of one building, as its page lists them.</summary>
public sealed record BuildingHouseholdList(long BuildingId, List<HouseholdSummary> Households);
