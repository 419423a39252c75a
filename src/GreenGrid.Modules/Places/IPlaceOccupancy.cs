using GreenGrid.Platform;

namespace GreenGrid.Places;

/// <summary>
/// Who lives under a place, as the register knows it: the place tree shows the counts on its pages
/// and refuses to retire a place that people live under, without knowing the register. The
/// Register module implements it (registered from AddRegister). No jurisdiction is checked here.
/// </summary>
[ModuleContract]
public interface IPlaceOccupancy
{
    /// <summary>The households in the place's subtree (the building itself, for a building) and the people on the register in them.</summary>
    Task<(int Households, int Residents)> Count(Place place, CancellationToken ct);

    /// <summary>Whether anyone on the register lives in the place's subtree.</summary>
    Task<bool> HasPeople(Place place, CancellationToken ct);

    /// <summary>Whether the building has households, empty ones included.</summary>
    Task<bool> HasHouseholds(long buildingId, CancellationToken ct);
}
