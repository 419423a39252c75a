using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places.MovePlace;

public sealed record MovePlaceRequest(long? NewParentId);

/// <summary>
/// Hang a place and its whole subtree under another parent of the same level, in one transaction.
/// </summary>
internal static class MovePlace
{
    public static void Map(RouteGroupBuilder places) =>
        places.MapPost("/{id:long}/move", Handle).WithName("MovePlace").WithSummary("Hang a place and its subtree under another parent of the same level.");

    private static async Task<Results<Ok<PlaceView>, ValidationProblem, ProblemHttpResult>> Handle(
        long id, MovePlaceRequest request, AppDb db, Caller caller, AuditLog audit, PlaceTreeNotifier tree, CancellationToken ct)
    {
        if (request.NewParentId is not { } newParentId)
        {
            return Problems.Invalid("newParentId", PlatformMessages.Required);
        }
        var place = await db.Places().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (place is null || !await caller.CanSee(place, ct))
        {
            return Problems.NotFound(PlaceMessages.NotFound(id));
        }
        var newParent = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => p.Id == newParentId, ct);
        if (newParent is null || !await caller.CanSee(newParent, ct))
        {
            return Problems.Invalid("newParentId", PlaceMessages.NotFound(newParentId));
        }
        if (newParent.RetiredAt is not null || place.RetiredAt is not null)
        {
            return Problems.Invalid("newParentId", PlaceMessages.RetiredCannotMove);
        }
        if (newParent.Path.StartsWith(place.Path, StringComparison.Ordinal))
        {
            return Problems.Invalid("newParentId", PlaceMessages.UnderItself);
        }
        if (!place.Kind.CanHangUnder(newParent.Kind))
        {
            return Problems.Invalid("newParentId", PlaceRules.KindMismatch(place.Kind, newParent.Kind));
        }
        if (place.ParentId == newParentId)
        {
            return TypedResults.Ok(PlaceView.Of(place));
        }
        if (await db.Places().AnyAsync(p => p.ParentId == newParentId && p.Code == place.Code, ct))
        {
            return Problems.Conflict("newParentId", PlaceMessages.ParentHasCode(place.Code));
        }
        if (place.Kind == PlaceKind.Building && place.GridId is not null)
        {
            return Problems.Conflict("id", PlaceMessages.BuildingInGrid);
        }
        if (place.Kind == PlaceKind.Compound && await InGrid(db, place.Path, ct))
        {
            return Problems.Conflict("id", PlaceMessages.CompoundBuildingsInGrids);
        }

        var (oldPrefix, newPrefix) = (place.Path, PlacePath.Child(newParent.Path, place.Id));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        place.ParentId = newParentId;
        await audit.Add(AuditAction.Move, "place", [place.Id], newPrefix, $"from {oldPrefix} to {newPrefix}", ct);
        await db.SaveChangesAsync(ct);
        // Rewrite the paths of the place and every descendant in one statement.
        await db.Places()
            .Where(PlacePath.Within(oldPrefix))
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.Path, p => newPrefix + p.Path.Substring(oldPrefix.Length)), ct);
        await transaction.CommitAsync(ct);
        place.Path = newPrefix;
        await tree.Tell(new PlaceTreeChange(PlaceTreeChangeKind.Moved, place.Id, place.Kind));
        return TypedResults.Ok(PlaceView.Of(place));
    }

    private static Task<bool> InGrid(AppDb db, string path, CancellationToken ct) =>
        db.Places().Where(PlacePath.Within(path)).AnyAsync(p => p.GridId != null, ct);
}
