using GreenGrid.Places;

namespace GreenGrid.Register.Counts;

/// <summary>The register's answer to the place tree's <see cref="IPlaceOccupancy"/>, from the counts kept in memory.</summary>
internal sealed class RegisterOccupancy(RegisterCountsModel model) : IPlaceOccupancy
{
    public Task<(int Households, int Residents)> Count(Place place, CancellationToken ct) => model.Occupancy(place, ct);

    public Task<bool> HasPeople(Place place, CancellationToken ct) => model.HasPeople(place, ct);

    public Task<bool> HasHouseholds(long buildingId, CancellationToken ct) => model.HasHouseholds(buildingId, ct);
}
