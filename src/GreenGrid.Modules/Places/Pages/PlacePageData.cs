using GreenGrid.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Places.Pages;

/// <summary>A place with what lies under it, as a row of a list of places.</summary>
public sealed record PlaceRow(Place Place, SubtreeCounts Counts);

/// <summary>Everything the page of one place shows.</summary>
/// <param name="OpenAncestors">The ancestors whose pages the caller may open (inside a jurisdiction); the others are names only.</param>
public sealed record PlacePageData(
    Place Place,
    List<Place> Ancestors,
    HashSet<long> OpenAncestors,
    SubtreeCounts Counts,
    List<PlaceRow> Children,
    List<Grid> Grids,
    Grid? GridOfBuilding)
{
    /// <summary>
    /// Reads the page in a scope of its own, acting as the page's caller: a Blazor circuit lives long
    /// and one DbContext per circuit would be shared by overlapping loads (a quick second click).
    /// </summary>
    public static async Task<PlacePageData?> Load(IServiceScopeFactory scopes, CurrentPrincipal current, long id, bool includeRetired = false, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        var places = scope.ServiceProvider.GetRequiredService<PlaceQueries>();
        var caller = scope.ServiceProvider.GetRequiredService<Caller>();
        if (await places.Find(id, ct) is not { } place)
        {
            return null;
        }
        var ancestors = await places.Ancestors(place, ct);
        // One question for the whole trail: the caller's jurisdictions, then each ancestor against them.
        var account = await caller.Account(ct);
        var open = account is null ? [] : ancestors.Where(a => account.Covers(a.Path)).Select(a => a.Id).ToHashSet();
        var counts = await places.Counts(place, ct);
        var children = new List<PlaceRow>();
        foreach (var child in await places.Children(place.Id, includeRetired, ct))
        {
            children.Add(new PlaceRow(child, await places.Counts(child, ct)));
        }
        var community = place.Kind.IsCommunityLevel() ? place : ancestors.FirstOrDefault(a => a.Kind.IsCommunityLevel());
        var grids = community is null ? [] : await places.Grids(community.Id, ct);
        var gridOfBuilding = place.GridId is { } gridId ? grids.FirstOrDefault(g => g.Id == gridId) : null;
        return new PlacePageData(place, ancestors, open, counts, children, place.Kind.IsCommunityLevel() ? grids : [], gridOfBuilding);
    }

    /// <summary>Where the caller's tree starts: their jurisdictions, with what lies under each.</summary>
    public static async Task<List<PlaceRow>> LoadRoots(IServiceScopeFactory scopes, CurrentPrincipal current, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateScopeAs(current);
        var places = scope.ServiceProvider.GetRequiredService<PlaceQueries>();
        var rows = new List<PlaceRow>();
        foreach (var root in await places.Roots(ct))
        {
            rows.Add(new PlaceRow(root, await places.Counts(root, ct)));
        }
        return rows;
    }
}

/// <summary>
/// The answer to "which place is <paramref name="Id"/>" (with or without its retired children):
/// <paramref name="Data"/> is null when there is none.
/// </summary>
public sealed record PlaceLookup(long Id, bool IncludeRetired, PlacePageData? Data);
