using GreenGrid.Places.Pages;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Audit.Pages;
using GreenGrid.Platform.Security;

namespace GreenGrid.Register.Pages;

/// <summary>What the register shows on pages of the modules below it (the place tree, the audit log).</summary>
internal static class RegisterPageParts
{
    public static IServiceCollection AddRegisterPageParts(this IServiceCollection services)
    {
        // In a place's head: export and import (each button checks its own permission), first of the modules' buttons.
        services.AddPlacePagePart<PlaceRegisterButtons>(PlacePageArea.Actions, 100, (_, _) => true,
            place => new Dictionary<string, object> { [nameof(PlaceRegisterButtons.Place)] = place });
        // Under a place's counts: the register's counts, before the cases'.
        services.AddPlacePagePart<RegisterCountCards>(PlacePageArea.Panels, 100, (_, me) => me?.Can(Permissions.RegisterRead) == true,
            place => new Dictionary<string, object> { [nameof(RegisterCountCards.Place)] = place });
        // A building's households are the register's: a role without it (a gate guard, a volunteer) sees the building's counts only.
        services.AddPlacePagePart<BuildingHouseholds>(PlacePageArea.Building, 100, (_, me) => me?.Can(Permissions.RegisterRead) == true,
            place => new Dictionary<string, object> { [nameof(BuildingHouseholds.BuildingId)] = place.Id });
        services.AddAuditEntryAction<AuditUndoMerge>(AuditAction.Merge,
            entry => new Dictionary<string, object> { [nameof(AuditUndoMerge.Detail)] = entry.Detail ?? "" });
        return services;
    }
}
