using GreenGrid.Platform;
using GreenGrid.Platform.Errors;

namespace GreenGrid.Places;

/// <summary>The messages of the places module (texts in Resources/Messages.resx under <c>Places.</c>).</summary>
[ModuleContract]
public static class PlaceMessages
{
    /// <summary>A kind of place: "subdistrict" in English (the API's name), 街道 in Chinese (UiText's Kind.*).</summary>
    public static Label Kind(PlaceKind kind) => new($"Kind.{kind}", PlaceRules.KindName(kind));

    public static Message NotFound(object id) => new("Places.NotFound", id);
    public static Message GridNotFound(object id) => new("Places.GridNotFound", id);
    public static Message Retired(long id) => new("Places.Retired", id);
    public static Message IsKind(long id, PlaceKind kind) => new("Places.IsKind", id, Kind(kind));
    public static Message CodeCharacters => new("Places.CodeCharacters");
    public static Message NeedsParent(PlaceKind child) => new("Places.NeedsParent", Kind(child));
    public static Message CannotHangUnder(PlaceKind child, PlaceKind parent) =>
        new("Places.CannotHangUnder", Kind(child), Kind(parent), ((PlaceKind?)parent).ChildKinds().Select(Kind).ToList());
    public static Message KindRequired => new("Places.KindRequired", Enum.GetValues<PlaceKind>().Select(Kind).ToList());
    public static Message ParentRequired => new("Places.ParentRequired");
    public static Message OnlyCompoundScattered => new("Places.OnlyCompoundScattered");
    public static Message CodeUsed(string? code) => new("Places.CodeUsed", code);
    public static Message ScatteredExists => new("Places.ScatteredExists");
    public static Message PeopleUnder => new("Places.PeopleUnder");
    public static Message LivePlacesUnder => new("Places.LivePlacesUnder");
    public static Message HouseholdsInBuilding => new("Places.HouseholdsInBuilding");
    public static Message RetiredCannotMove => new("Places.RetiredCannotMove");
    public static Message UnderItself => new("Places.UnderItself");
    public static Message ParentHasCode(string code) => new("Places.ParentHasCode", code);
    public static Message BuildingInGrid => new("Places.BuildingInGrid");
    public static Message CompoundBuildingsInGrids => new("Places.CompoundBuildingsInGrids");
    public static Message GridCommunity(long id, PlaceKind kind, bool retired) =>
        new(retired ? "Places.GridCommunityRetired" : "Places.GridCommunity", id, Kind(kind));
    public static Message GridCodeUsed(string? code) => new("Places.GridCodeUsed", code);
    public static Message GridBuildingsRequired => new("Places.GridBuildingsRequired");
    public static Message NotLiveBuilding(long id) => new("Places.NotLiveBuilding", id);
    public static Message BuildingOutsideGridCommunity(long id) => new("Places.BuildingOutsideGridCommunity", id);
    public static Message BuildingInOtherGrid(long id, object grid) => new("Places.BuildingInOtherGrid", id, grid);
}
