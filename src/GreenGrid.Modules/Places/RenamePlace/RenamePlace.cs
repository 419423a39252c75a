using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places.RenamePlace;

public sealed record RenamePlaceRequest(string? NameZh, string? NameEn);

/// <summary>Change the Chinese and English names of a place; its code stays.</summary>
internal static class RenamePlace
{
    public static void Map(RouteGroupBuilder places) =>
        places.MapPut("/{id:long}/name", Handle).WithName("RenamePlace").WithSummary("Change the Chinese and English names of a place.");

    private static async Task<Results<Ok<PlaceView>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, RenamePlaceRequest request, AppDb db, Caller caller, AuditLog audit, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var nameZh = PlaceRules.Name(errors, "nameZh", request.NameZh);
        var nameEn = PlaceRules.Name(errors, "nameEn", request.NameEn);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var place = await db.Places().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (place is null || !await caller.CanSee(place, ct))
        {
            return Problems.NotFound(PlaceMessages.NotFound(id));
        }
        if (place.RetiredAt is not null)
        {
            return Problems.Conflict("id", PlaceMessages.Retired(id));
        }
        place.NameZh = nameZh!;
        place.NameEn = nameEn!;
        await audit.Add(AuditAction.Update, "place", [place.Id], place.Path, $"renamed to {nameZh} / {nameEn}", ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(PlaceView.Of(place));
    }
}
