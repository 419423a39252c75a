using GreenGrid.Places.Pages;
using GreenGrid.Platform.Security;
using GreenGrid.Register.Pages;

namespace GreenGrid.Access.Pages;

/// <summary>What the access module shows on pages of the modules below it (a place's page, a household's).</summary>
internal static class AccessPageParts
{
    public static IServiceCollection AddAccessPageParts(this IServiceCollection services)
    {
        // In a place's head, after the register's and the cases' buttons (each button checks its own permission).
        services.AddPlacePagePart<PlaceAccessButtons>(PlacePageArea.Actions, 300, (_, _) => true,
            place => new Dictionary<string, object> { [nameof(PlaceAccessButtons.Place)] = place });
        services.AddHouseholdPagePart<HouseholdPassesLink>(HouseholdPageArea.Sections, 100, (_, me) => me?.Can(Permissions.AccessManage) == true,
            household => new Dictionary<string, object> { [nameof(HouseholdPassesLink.HouseholdId)] = household.Id });
        // A resident sees the passes of their own household below it.
        services.AddHouseholdPagePart<PassesPanel>(HouseholdPageArea.OwnHousehold, 100, (_, _) => true,
            household => new Dictionary<string, object>
            {
                [nameof(PassesPanel.HouseholdId)] = household.Id,
                [nameof(PassesPanel.Residents)] = household.Residents,
                [nameof(PassesPanel.ForResident)] = true,
            });
        return services;
    }
}
