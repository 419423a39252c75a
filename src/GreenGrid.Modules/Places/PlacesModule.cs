using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Places;

/// <summary>The place tree: city down to building, grids, the pseudo-compound of scattered buildings.</summary>
public static class PlacesModule
{
    public static WebApplicationBuilder AddPlaces(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PlaceQueries>();
        builder.Services.AddScoped<PlaceTreeNotifier>();
        builder.Services.AddSingleton<IJurisdictionReader, PlaceJurisdictionReader>();
        // A caller's jurisdictions are places: the cached callers are dropped when places are written.
        builder.Services.AddAppDbInterceptor(provider => provider.GetRequiredService<CallerCache>().InvalidatedBy(entity => entity is Place));
        // The kinds of places under each place, in memory: rebuilt after any write to the tree.
        builder.Services.AddSingleton<ReadPlaces.PlaceKindCounts>();
        builder.Services.AddSingleton<IPlaceTreeListener>(provider => provider.GetRequiredService<ReadPlaces.PlaceKindCounts>());
        builder.Services.AddAppDbInterceptor(provider => new WriteWatch(entity => entity is Place, provider.GetRequiredService<ReadPlaces.PlaceKindCounts>().Invalidate));
        return builder;
    }

    public static IEndpointRouteBuilder MapPlaces(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1").WithTags("Places").RequirePermission(Permissions.PlacesRead);
        ReadPlaces.ReadPlaces.Map(read.MapGroup("/places"));
        Grids.Grids.MapRead(read);

        var edit = app.MapGroup("/api/v1").WithTags("Places").RequirePermission(Permissions.PlacesEdit);
        var places = edit.MapGroup("/places");
        CreatePlace.CreatePlace.Map(places);
        RenamePlace.RenamePlace.Map(places);
        MovePlace.MovePlace.Map(places);
        RetirePlace.RetirePlace.Map(places);
        Grids.Grids.MapEdit(edit);
        return app;
    }
}
