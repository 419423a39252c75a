using GreenGrid.Components.Shared;
using GreenGrid.Places;

namespace GreenGrid.Accounts.Pages;

/// <summary>A place an administrator hands out as a jurisdiction, as the accounts page names and picks it.</summary>
public sealed record PlaceChoice(long Id, PlaceKind Kind, string Code, string NameZh, string NameEn)
{
    public string Name => Labels.IsChinese ? NameZh : NameEn;

    public static PlaceChoice Of(Place place) => new(place.Id, place.Kind, place.Code, place.NameZh, place.NameEn);
}
