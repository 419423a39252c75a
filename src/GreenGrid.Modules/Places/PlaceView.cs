using GreenGrid.Platform;
namespace GreenGrid.Places;

/// <summary>A place as the API and the pages show it.</summary>
[ModuleContract]
public sealed record PlaceView(
    long Id,
    long? ParentId,
    PlaceKind Kind,
    string Code,
    string NameZh,
    string NameEn,
    bool IsScattered,
    long? GridId,
    DateTime? RetiredAt)
{
    public static PlaceView Of(Place p) =>
        new(p.Id, p.ParentId, p.Kind, p.Code, p.NameZh, p.NameEn, p.IsScattered, p.GridId, p.RetiredAt);
}

/// <summary>What lies under a place: live places by kind, households and residents.</summary>
[ModuleContract]
public sealed record SubtreeCounts(long PlaceId, IReadOnlyDictionary<PlaceKind, int> Places, int Households, int Residents);
