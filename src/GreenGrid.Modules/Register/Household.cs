using GreenGrid.Places;

namespace GreenGrid.Register;

/// <summary>A household (户) living in one flat of a building.</summary>
public sealed class Household
{
    // Settable once when the household is created, then changed only by MoveTo (EF reads and writes the field).
    private long _buildingId;

    public long Id { get; set; }
    public long BuildingId { get => _buildingId; init => _buildingId = value; }

    /// <summary>Unit and room as written on the door, e.g. "2单元 501" or "2-501".</summary>
    public required string Room { get; init; }

    /// <summary>A new household in a room of a building.</summary>
    public static Household Create(Place building, string room)
    {
        ExpectLiveBuilding(building);
        return new Household { BuildingId = building.Id, Room = room };
    }

    /// <summary>Moves the household, with its residents, to another live building (the room stays as written on the door).</summary>
    public void MoveTo(Place building)
    {
        ExpectLiveBuilding(building);
        _buildingId = building.Id;
    }

    private static void ExpectLiveBuilding(Place building)
    {
        if (building.Kind != PlaceKind.Building || building.RetiredAt is not null)
        {
            throw new InvalidOperationException($"place {building.Id} is not a live building: a household lives in one");
        }
    }
}

public static class HouseholdRules
{
    public const int RoomMaxLength = 64;
}
