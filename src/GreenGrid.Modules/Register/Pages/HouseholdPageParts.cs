using GreenGrid.Components.Shared;
using GreenGrid.Platform;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Components;

namespace GreenGrid.Register.Pages;

/// <summary>Where on the pages of a household a part of another module shows.</summary>
[ModuleContract]
public enum HouseholdPageArea
{
    /// <summary>Sections under the residents, on every page of a household (a worker's and the resident's own).</summary>
    Sections,

    /// <summary>Below the household on the resident's own page (/my-household).</summary>
    OwnHousehold,
}

/// <summary>
/// A part that another module adds to the pages of a household: the register knows no module above
/// it, so the modules that have something to show for a household register it from their own AddX
/// (with <see cref="HouseholdPageParts.AddHouseholdPagePart{TComponent}"/>), and the pages render the
/// parts of each area in <see cref="Order"/>.
/// </summary>
/// <param name="Component">The Blazor component to render.</param>
/// <param name="ShowsFor">Whether it shows on the page of that household for the signed-in account (null: nobody signed in).</param>
/// <param name="Parameters">The component's parameters for that household.</param>
[ModuleContract]
public sealed record HouseholdPagePart(
    HouseholdPageArea Area,
    int Order,
    Type Component,
    Func<HouseholdView, ShellUser?, bool> ShowsFor,
    Func<HouseholdView, IDictionary<string, object>> Parameters);

/// <summary>
/// Marks that another module shows beside each resident's name on the page of a household (the
/// case category). Asked once for all the residents of the household, so that a module reads what
/// it needs in one query, not one per resident; registered with
/// <see cref="HouseholdPageParts.AddResidentMarks{TMarks}"/> and resolved in the page's scope.
/// </summary>
[ModuleContract]
public interface IResidentMarks
{
    /// <summary>Where these marks stand among the others (lower first).</summary>
    int Order { get; }

    /// <summary>A mark per resident (a resident missing from the answer gets none); none at all where the account may not see them.</summary>
    Task<IReadOnlyDictionary<long, RenderFragment>> Of(IReadOnlyList<ResidentView> residents, ShellUser? me, CancellationToken ct = default);
}

/// <summary>Registration and lookup of the parts of a household's pages.</summary>
[ModuleContract]
public static class HouseholdPageParts
{
    /// <summary>Adds a part to the pages of every household (for which <paramref name="showsFor"/> holds).</summary>
    public static IServiceCollection AddHouseholdPagePart<TComponent>(this IServiceCollection services, HouseholdPageArea area, int order,
        Func<HouseholdView, ShellUser?, bool> showsFor, Func<HouseholdView, IDictionary<string, object>> parameters)
        where TComponent : IComponent =>
        services.AddSingleton(new HouseholdPagePart(area, order, typeof(TComponent), showsFor, parameters));

    /// <summary>Adds marks beside the residents' names.</summary>
    public static IServiceCollection AddResidentMarks<TMarks>(this IServiceCollection services) where TMarks : class, IResidentMarks =>
        services.AddScoped<IResidentMarks, TMarks>();

    /// <summary>The parts of one area that show for that household and account, in order.</summary>
    public static IEnumerable<HouseholdPagePart> In(this IEnumerable<HouseholdPagePart> parts, HouseholdPageArea area, HouseholdView household, ShellUser? me) =>
        parts.Where(p => p.Area == area && p.ShowsFor(household, me)).OrderBy(p => p.Order);
}
