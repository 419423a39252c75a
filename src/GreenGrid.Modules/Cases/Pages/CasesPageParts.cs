using GreenGrid.Places.Pages;
using GreenGrid.Platform.Security;
using GreenGrid.Register.Pages;

namespace GreenGrid.Cases.Pages;

/// <summary>What the cases module shows on pages of the modules below it (a place's page, a household's).</summary>
internal static class CasesPageParts
{
    public static IServiceCollection AddCasesPageParts(this IServiceCollection services)
    {
        // In a place's head, after the register's buttons.
        services.AddPlacePagePart<PlaceCaseButtons>(PlacePageArea.Actions, 200, (_, me) => me?.Can(Permissions.CasesRead) == true,
            place => new Dictionary<string, object> { [nameof(PlaceCaseButtons.Place)] = place });
        // Under a place's counts, after the register's.
        services.AddPlacePagePart<CaseCountsPanel>(PlacePageArea.Panels, 200, (_, me) => me?.Can(Permissions.CasesRead) == true,
            place => new Dictionary<string, object> { [nameof(CaseCountsPanel.Place)] = place });
        services.AddResidentMarks<CaseResidentMarks>();
        return services;
    }
}
