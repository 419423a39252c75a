using GreenGrid.Platform;
using GreenGrid.Platform.Security;
namespace GreenGrid.Places;

/// <summary>
/// A node of the place tree, from the city down to a building.
/// <see cref="Path"/> holds the ids from the root, as in <c>/1/7/42/</c>, so that a subtree is one
/// index range (see <see cref="PlacePath"/>). Places are retired, never deleted.
/// </summary>
[ModuleContract]
public sealed class Place : IJurisdiction
{
    public long Id { get; set; }
    public long? ParentId { get; set; }
    public PlaceKind Kind { get; set; }

    /// <summary>GB/T 2260 code at district level and above, a local code below; unique among siblings.</summary>
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public string Path { get; set; } = "";

    /// <summary>The pseudo-compound that groups a community's scattered buildings (散居楼栋).</summary>
    public bool IsScattered { get; set; }

    /// <summary>For a building: the grid of its community that it belongs to, if any.</summary>
    public long? GridId { get; set; }

    public DateTime? RetiredAt { get; set; }
}
