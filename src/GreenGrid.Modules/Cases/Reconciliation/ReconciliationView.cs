using GreenGrid.Places;

namespace GreenGrid.Cases.Reconciliation;

public sealed record ReconciliationView(
    long Id, long PlaceId, string PlaceNameZh, string PlaceNameEn, ReconciliationSource Source, string? SourceName, DateOnly AsOf, string FileName,
    int ListRows, int Same, int Different, int OnlyInList, int OnlyInRegister, int Elsewhere, DateTime CreatedAt)
{
    public int Disagreements => Different + OnlyInList + OnlyInRegister;

    public static ReconciliationView Of(ReconciliationImport i, Place place) => new(
        i.Id, i.PlaceId, place.NameZh, place.NameEn, i.Source, i.SourceName, i.AsOf, i.FileName, i.ListRows, i.Same, i.Different, i.OnlyInList, i.OnlyInRegister, i.Elsewhere, i.CreatedAt);
}
