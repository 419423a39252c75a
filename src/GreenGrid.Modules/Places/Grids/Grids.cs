using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Places.Grids;

public sealed record GridView(long Id, long CommunityId, string Code, string NameZh, string NameEn, string? ResponsibleWorker, long[] BuildingIds);

public sealed record CreateGridRequest(long? CommunityId, string? Code, string? NameZh, string? NameEn, string? ResponsibleWorker);

public sealed record SetGridBuildingsRequest(long[]? BuildingIds);

/// <summary>Grids (网格): create one in a community, list them, set which buildings it covers.</summary>
internal static class Grids
{
    public static void MapRead(RouteGroupBuilder api)
    {
        api.MapGet("/places/{communityId:long}/grids", List).WithSummary("The grids of a community.");
        api.MapGet("/grids/{id:long}", Get).WithName("GetGrid").WithSummary("One grid with its buildings.");
    }

    public static void MapEdit(RouteGroupBuilder api)
    {
        api.MapPost("/grids", Create).WithSummary("Create a grid in a community.");
        api.MapPut("/grids/{id:long}/buildings", SetBuildings).WithSummary("Set the buildings of a grid; they must belong to its community.");
    }

    private static async Task<Results<Ok<GridView[]>, ProblemHttpResult>> List(long communityId, AppDb db, PlaceQueries places, CancellationToken ct)
    {
        if (await places.Find(communityId, ct) is null)
        {
            return Problems.NotFound(PlaceMessages.NotFound(communityId));
        }
        var grids = await db.Grids().AsNoTracking().Where(g => g.CommunityId == communityId).OrderBy(g => g.Code).ToListAsync(ct);
        var members = await db.Places().AsNoTracking().Where(p => p.GridId != null && grids.Select(g => g.Id).Contains(p.GridId.Value))
            .Select(p => new { p.Id, GridId = p.GridId!.Value }).ToListAsync(ct);
        return TypedResults.Ok(grids.Select(g => View(g, members.Where(m => m.GridId == g.Id).Select(m => m.Id))).ToArray());
    }

    private static async Task<Results<Ok<GridView>, ProblemHttpResult>> Get(long id, AppDb db, PlaceQueries places, CancellationToken ct)
    {
        var grid = await db.Grids().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null || await places.Find(grid.CommunityId, ct) is null)
        {
            return Problems.NotFound(PlaceMessages.GridNotFound(id));
        }
        var buildings = await db.Places().AsNoTracking().Where(p => p.GridId == id).Select(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(View(grid, buildings));
    }

    private static async Task<Results<Created<GridView>, ValidationProblem, ProblemHttpResult>> Create(
        CreateGridRequest request, AppDb db, PlaceQueries places, AuditLog audit, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = PlaceRules.Code(errors, "code", request.Code);
        var nameZh = PlaceRules.Name(errors, "nameZh", request.NameZh);
        var nameEn = PlaceRules.Name(errors, "nameEn", request.NameEn);
        var worker = errors.Text("responsibleWorker", request.ResponsibleWorker, PlaceRules.NameMaxLength, required: false);
        if (request.CommunityId is not { } communityId)
        {
            errors.Add("communityId", PlatformMessages.Required);
        }
        else if (await places.Find(communityId, ct) is not { } community)
        {
            errors.Add("communityId", PlaceMessages.NotFound(communityId));
        }
        else if (!community.Kind.IsCommunityLevel() || community.RetiredAt is not null)
        {
            errors.Add("communityId", PlaceMessages.GridCommunity(community.Id, community.Kind, community.RetiredAt is not null));
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (await db.Grids().AnyAsync(g => g.CommunityId == request.CommunityId && g.Code == code, ct))
        {
            return Problems.Conflict("code", PlaceMessages.GridCodeUsed(code));
        }
        var grid = new Grid { CommunityId = request.CommunityId!.Value, Code = code!, NameZh = nameZh!, NameEn = nameEn!, ResponsibleWorker = worker };
        db.Grids().Add(grid);
        await db.SaveChangesAsync(ct);
        await audit.Record(AuditAction.Create, "grid", [grid.Id], (await places.Find(grid.CommunityId, ct))?.Path, $"{code} {nameZh} / {nameEn}", ct);
        return TypedResults.Created($"/api/v1/grids/{grid.Id}", View(grid, []));
    }

    private static async Task<Results<Ok<GridView>, ValidationProblem, ProblemHttpResult>> SetBuildings(
        long id, SetGridBuildingsRequest request, AppDb db, PlaceQueries places, AuditLog audit, CancellationToken ct)
    {
        var grid = await db.Grids().FirstOrDefaultAsync(g => g.Id == id, ct);
        if (grid is null || await places.Find(grid.CommunityId, ct) is null)
        {
            return Problems.NotFound(PlaceMessages.GridNotFound(id));
        }
        if (request.BuildingIds is null)
        {
            return Problems.Invalid("buildingIds", PlaceMessages.GridBuildingsRequired);
        }
        var wanted = request.BuildingIds.Distinct().ToArray();
        var community = await db.Places().AsNoTracking().FirstAsync(p => p.Id == grid.CommunityId, ct);
        var found = await db.Places().Where(p => wanted.Contains(p.Id)).ToListAsync(ct);
        var errors = new ValidationErrors();
        foreach (var missing in wanted.Except(found.Select(p => p.Id)))
        {
            errors.Add("buildingIds", PlaceMessages.NotFound(missing));
        }
        foreach (var place in found)
        {
            if (place.Kind != PlaceKind.Building || place.RetiredAt is not null)
            {
                errors.Add("buildingIds", PlaceMessages.NotLiveBuilding(place.Id));
            }
            else if (!place.Path.StartsWith(community.Path, StringComparison.Ordinal))
            {
                errors.Add("buildingIds", PlaceMessages.BuildingOutsideGridCommunity(place.Id));
            }
            else if (place.GridId is { } other && other != id)
            {
                errors.Add("buildingIds", PlaceMessages.BuildingInOtherGrid(place.Id, other));
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Places().Where(p => p.GridId == id && !wanted.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.GridId, (long?)null), ct);
        foreach (var place in found)
        {
            place.GridId = id;
        }
        await audit.Add(AuditAction.Update, "grid", [id], community.Path, $"buildings {string.Join(",", wanted.Order())}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(View(grid, wanted.Order()));
    }

    private static GridView View(Grid g, IEnumerable<long> buildingIds) =>
        new(g.Id, g.CommunityId, g.Code, g.NameZh, g.NameEn, g.ResponsibleWorker, buildingIds.ToArray());
}
