using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places.RetirePlace;

/// <summary>
/// Retire a place: it leaves the live tree but stays in history. Refused while anyone lives
/// under it or while it has live child places (retire or move them first).
/// </summary>
internal static class RetirePlace
{
    public static void Map(RouteGroupBuilder places) =>
        places.MapPost("/{id:long}/retire", Handle).WithName("RetirePlace").WithSummary("Retire a place with no people and no live children under it.");

    private static async Task<Results<Ok<PlaceView>, ProblemHttpResult>> Handle(
        long id, AppDb db, PlaceQueries queries, Caller caller, AuditLog audit, CityClock clock, PlaceTreeNotifier tree, CancellationToken ct)
    {
        var place = await db.Places().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (place is null || !await caller.CanSee(place, ct))
        {
            return Problems.NotFound(PlaceMessages.NotFound(id));
        }
        if (place.RetiredAt is not null)
        {
            return TypedResults.Ok(PlaceView.Of(place));
        }
        if (await queries.HasPeople(place, ct))
        {
            return Problems.Conflict("id", PlaceMessages.PeopleUnder);
        }
        if (await db.Places().AnyAsync(p => p.ParentId == id && p.RetiredAt == null, ct))
        {
            return Problems.Conflict("id", PlaceMessages.LivePlacesUnder);
        }
        if (place.Kind == PlaceKind.Building && await queries.HasHouseholds(id, ct))
        {
            return Problems.Conflict("id", PlaceMessages.HouseholdsInBuilding);
        }
        place.RetiredAt = clock.UtcNow;
        place.GridId = null;
        await audit.Add(AuditAction.Retire, "place", [place.Id], place.Path, null, ct);
        await db.SaveChangesAsync(ct);
        await tree.Tell(new PlaceTreeChange(PlaceTreeChangeKind.Retired, place.Id, place.Kind));
        return TypedResults.Ok(PlaceView.Of(place));
    }
}
