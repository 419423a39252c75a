using GreenGrid.Platform;
namespace GreenGrid.Places;

/// <summary>
/// A grid (网格): a named set of buildings of one community, with the grid worker responsible for it.
/// Buildings point to their grid (<see cref="Place.GridId"/>); a building is in at most one grid.
/// </summary>
[ModuleContract]
public sealed class Grid
{
    public long Id { get; set; }
    public long CommunityId { get; set; }
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }

    /// <summary>Name of the responsible grid worker until accounts exist (issue: accounts).</summary>
    public string? ResponsibleWorker { get; set; }
    public string? ResponsiblePhone { get; set; }
}
