using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;

namespace GreenGrid.Places.ReadPlaces;

/// <summary>Read a node of the tree, its children, its ancestors and what lies under it.</summary>
internal static class ReadPlaces
{
    public static void Map(RouteGroupBuilder places)
    {
        places.MapGet("/", Roots).WithName("ListRootPlaces").WithSummary("The roots of the place tree (cities).");
        places.MapGet("/{id:long}", Get).WithName("GetPlace").WithSummary("One place.");
        places.MapGet("/{id:long}/children", Children).WithSummary("The places directly under a place, live ones unless includeRetired=true.");
        places.MapGet("/{id:long}/ancestors", Ancestors).WithSummary("The places above a place, root first.");
        places.MapGet("/{id:long}/counts", Counts).WithSummary("Live places by kind, households and residents under a place.");
    }

    private static async Task<Ok<PlaceView[]>> Roots(PlaceQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.Roots(ct)).Select(PlaceView.Of).ToArray());

    private static async Task<Results<Ok<PlaceView>, ProblemHttpResult>> Get(long id, PlaceQueries queries, CancellationToken ct) =>
        await queries.Find(id, ct) is { } place ? TypedResults.Ok(PlaceView.Of(place)) : Problems.NotFound(PlaceMessages.NotFound(id));

    private static async Task<Results<Ok<PlaceView[]>, ProblemHttpResult>> Children(long id, PlaceQueries queries, CancellationToken ct, bool includeRetired = false)
    {
        if (await queries.Find(id, ct) is null)
        {
            return Problems.NotFound(PlaceMessages.NotFound(id));
        }
        return TypedResults.Ok((await queries.Children(id, includeRetired, ct)).Select(PlaceView.Of).ToArray());
    }

    private static async Task<Results<Ok<PlaceView[]>, ProblemHttpResult>> Ancestors(long id, PlaceQueries queries, CancellationToken ct) =>
        await queries.Find(id, ct) is { } place
            ? TypedResults.Ok((await queries.Ancestors(place, ct)).Select(PlaceView.Of).ToArray())
            : Problems.NotFound(PlaceMessages.NotFound(id));

    private static async Task<Results<Ok<SubtreeCounts>, ProblemHttpResult>> Counts(long id, PlaceQueries queries, CancellationToken ct) =>
        await queries.Find(id, ct) is { } place ? TypedResults.Ok(await queries.Counts(place, ct)) : Problems.NotFound(PlaceMessages.NotFound(id));
}
