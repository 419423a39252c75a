namespace GreenGrid.Register;

/// <summary>A household (户) living in one flat of a building.</summary>
public sealed class Household
{
    public long Id { get; set; }
    public long BuildingId { get; set; }

    /// <summary>Unit and room as written on the door, e.g. "2单元 501" or "2-501".</summary>
    public required string Room { get; set; }
}
