using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places.CreatePlace;

/// <summary>Fields are nullable so that a missing one is reported by name, not as unreadable JSON.</summary>
public sealed record CreatePlaceRequest(long? ParentId, PlaceKind? Kind, string? Code, string? NameZh, string? NameEn, bool IsScattered = false);

/// <summary>Create a place under a parent of the level right above it.</summary>
internal static class CreatePlace
{
    public static void Map(RouteGroupBuilder places) =>
        places.MapPost("/", Handle).WithName("CreatePlace").WithSummary("Create a place under a parent of the level right above it.");

    private static async Task<Results<Created<PlaceView>, ValidationProblem, ProblemHttpResult>> Handle(
        CreatePlaceRequest request, AppDb db, Caller caller, AuditLog audit, PlaceTreeNotifier tree, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = PlaceRules.Code(errors, "code", request.Code);
        var nameZh = PlaceRules.Name(errors, "nameZh", request.NameZh);
        var nameEn = PlaceRules.Name(errors, "nameEn", request.NameEn);
        if (request.Kind is not { } kind)
        {
            errors.Add("kind", PlaceMessages.KindRequired);
            return Problems.Invalid(errors);
        }

        Place? parent = null;
        if (request.ParentId is { } parentId)
        {
            parent = await db.Places().AsNoTracking().FirstOrDefaultAsync(p => p.Id == parentId, ct);
            // A parent outside the caller's jurisdictions is answered as if it did not exist.
            if (parent is null || !await caller.CanSee(parent, ct))
            {
                errors.Add("parentId", PlaceMessages.NotFound(parentId));
            }
            else if (parent.RetiredAt is not null)
            {
                errors.Add("parentId", PlaceMessages.Retired(parentId));
            }
        }
        else if ((await caller.Account(ct))?.Role != Role.Administrator)
        {
            errors.Add("parentId", PlaceMessages.ParentRequired);
        }
        if (!errors.Has("parentId") && !kind.CanHangUnder(parent?.Kind))
        {
            errors.Add(parent is null ? "parentId" : "kind", PlaceRules.KindMismatch(kind, parent?.Kind));
        }
        if (request.IsScattered && kind != PlaceKind.Compound)
        {
            errors.Add("isScattered", PlaceMessages.OnlyCompoundScattered);
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Places().AnyAsync(p => p.ParentId == request.ParentId && p.Code == code, ct))
        {
            return Problems.Conflict("code", PlaceMessages.CodeUsed(code));
        }
        if (request.IsScattered && await db.Places().AnyAsync(p => p.ParentId == request.ParentId && p.IsScattered && p.RetiredAt == null, ct))
        {
            return Problems.Conflict("isScattered", PlaceMessages.ScatteredExists);
        }

        var place = new Place { ParentId = parent?.Id, Kind = kind, Code = code!, NameZh = nameZh!, NameEn = nameEn!, IsScattered = request.IsScattered };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Places().Add(place);
        // The path holds the new id, which the database assigns: save, then set the path.
        place.Path = $"/pending-{Guid.NewGuid():N}/";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request took the same code between our check and our insert (unique index).
            return Problems.Conflict("code", PlaceMessages.CodeUsed(code));
        }
        place.Path = parent is null ? PlacePath.Root(place.Id) : PlacePath.Child(parent.Path, place.Id);
        if (parent is null)
        {
            // The administrator who founds a city runs it; without this the first administrator of an
            // empty database (whose "every city" was none) could not see the city it had just made.
            db.AccountJurisdictions.Add(new AccountJurisdiction { AccountId = (await caller.Account(ct))!.Id, PlaceId = place.Id });
        }
        await audit.Add(AuditAction.Create, "place", [place.Id], place.Path, $"{PlaceRules.KindName(kind)} {code} {nameZh} / {nameEn}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await tree.Tell(new PlaceTreeChange(PlaceTreeChangeKind.Created, place.Id, kind));

        return TypedResults.Created($"/api/v1/places/{place.Id}", PlaceView.Of(place));
    }
}
