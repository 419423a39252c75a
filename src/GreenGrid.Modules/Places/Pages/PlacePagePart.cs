using GreenGrid.Components.Shared;
using GreenGrid.Platform;

namespace GreenGrid.Places.Pages;

/// <summary>Where on the page of a place a part of another module shows.</summary>
[ModuleContract]
public enum PlacePageArea
{
    /// <summary>The buttons in the page's head, after the place's own (links to the module's pages of the place).</summary>
    Actions,

    /// <summary>Sections under the counts of what lies under the place (the register's counts, the case counts).</summary>
    Panels,

    /// <summary>What a building's page shows instead of the list of children (its households).</summary>
    Building,
}

/// <summary>
/// A part that another module adds to the page of a place: the place tree knows no module above it,
/// so the modules that have something to show for a place register it from their own AddX (with
/// <see cref="PlacePageParts.AddPlacePagePart{TComponent}"/>), and the page renders the parts of each area in
/// <see cref="Order"/>.
/// </summary>
/// <param name="Component">The Blazor component to render.</param>
/// <param name="ShowsFor">Whether it shows on the page of that place for the signed-in account (null: nobody signed in).</param>
/// <param name="Parameters">The component's parameters for that place.</param>
[ModuleContract]
public sealed record PlacePagePart(
    PlacePageArea Area,
    int Order,
    Type Component,
    Func<Place, ShellUser?, bool> ShowsFor,
    Func<Place, IDictionary<string, object>> Parameters);

/// <summary>Registration and lookup of the parts of a place's page.</summary>
[ModuleContract]
public static class PlacePageParts
{
    /// <summary>Adds a part to the page of every place (for which <paramref name="showsFor"/> holds).</summary>
    public static IServiceCollection AddPlacePagePart<TComponent>(this IServiceCollection services, PlacePageArea area, int order,
        Func<Place, ShellUser?, bool> showsFor, Func<Place, IDictionary<string, object>> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent =>
        services.AddSingleton(new PlacePagePart(area, order, typeof(TComponent), showsFor, parameters));

    /// <summary>The parts of one area that show for that place and account, in order.</summary>
    public static IEnumerable<PlacePagePart> In(this IEnumerable<PlacePagePart> parts, PlacePageArea area, Place place, ShellUser? me) =>
        parts.Where(p => p.Area == area && p.ShowsFor(place, me)).OrderBy(p => p.Order);
}
