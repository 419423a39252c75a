using GreenGrid.Certification.Workflow;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification.ChartCertification;

public sealed record CurvePoint(DateOnly Day, double Compounds, double Communities, double Subdistricts);

public sealed record CurveView(long PlaceId, DateOnly From, DateOnly To, int CompoundTotal, int CommunityTotal, int SubdistrictTotal, List<CurvePoint> Days);

/// <summary>A node of the status map (a treemap): leaves are compounds, each worth 1.</summary>
public sealed record MapNode(long Id, PlaceKind Kind, string NameZh, string NameEn, bool Free, bool Certified, int Compounds, List<MapNode> Children);

/// <summary>
/// Chart the certification under a visible place: the curve of the share of free compounds, communities and
/// sub-districts per day (API and page), and the status map down to compounds (page).
/// </summary>
internal sealed class ChartCertification(AppDb db, PlaceQueries places, CityCertification city, CityClock clock)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/certification/curve", (long id, DateOnly? from, DateOnly? to, ChartCertification chart, CancellationToken ct) => chart.Curve(id, from, to, ct))
            .WithSummary("The certification curve under a place: share of compounds, communities and sub-districts free per day.");

    public async Task<Results<Ok<CurveView>, ValidationProblem, ProblemHttpResult>> Curve(long placeId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(placeId));
        }
        var today = clock.Today;
        var last = to ?? today;
        var first = from ?? last.AddDays(-59);
        var errors = new ValidationErrors();
        if (last > today)
        {
            errors.Add("to", PlatformMessages.IsInFuture(today));
        }
        if (first > last)
        {
            errors.Add("from", CertificationMessages.FromAfterTo);
        }
        else if (last.DayNumber - first.DayNumber >= 366)
        {
            errors.Add("from", CertificationMessages.CurveTooLong);
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var curve = await city.Read(null, v => v.Curve(place.Id, first, last), ct, place.Id);
        if (curve is null)
        {
            return TypedResults.Ok(new CurveView(place.Id, first, last, 0, 0, 0, []));
        }
        static double Share(int n, int total) => total == 0 ? 0 : Math.Round(100.0 * n / total, 1);
        var days = Enumerable.Range(0, curve.DayCount).Select(d => new CurvePoint(first.AddDays(d),
            Share(curve.Compounds[d], curve.CompoundTotal), Share(curve.Communities[d], curve.CommunityTotal), Share(curve.Subdistricts[d], curve.SubdistrictTotal))).ToList();
        return TypedResults.Ok(new CurveView(place.Id, first, last, curve.CompoundTotal, curve.CommunityTotal, curve.SubdistrictTotal, days));
    }

    /// <summary>The status map under a visible place, down to compounds (at most <paramref name="maxNodes"/> nodes).</summary>
    public async Task<MapNode?> StatusMap(long placeId, int maxNodes, CancellationToken ct)
    {
        // The map stops at compounds: a building has no map of its own.
        if (await places.Find(placeId, ct) is not { } root || root.Kind == PlaceKind.Building)
        {
            return null;
        }
        var below = await db.Places().AsNoTracking().Where(PlacePath.Within(root.Path))
            .Where(p => p.RetiredAt == null && p.Kind != PlaceKind.Building).OrderBy(p => p.Path.Length).Take(maxNodes).ToListAsync(ct);
        var ids = below.Select(p => p.Id).ToList();
        var free = await city.Read(null, v => ids.ToDictionary(id => id, id => v.Status(id)?.Free ?? true), ct, root.Id);
        var certified = (await db.CertificationApplications().AsNoTracking().Where(a => a.Status == ApplicationStatus.Approved)
            .Where(PlacePath.WithinAny<CertificationApplication>(a => a.PlacePath, [root.Path])).Select(a => a.PlaceId).ToListAsync(ct)).ToHashSet();
        var nodes = below.ToDictionary(p => p.Id, p => new MapNode(p.Id, p.Kind, p.NameZh, p.NameEn, free[p.Id], certified.Contains(p.Id), 0, []));
        foreach (var p in below.Where(p => p.Id != root.Id))
        {
            if (p.ParentId is { } parent && nodes.TryGetValue(parent, out var up))
            {
                up.Children.Add(nodes[p.Id]);
            }
        }
        return Count(nodes[root.Id]);

        static MapNode Count(MapNode n)
        {
            var children = n.Children.Select(Count).ToList();
            return n with { Children = children, Compounds = n.Kind == PlaceKind.Compound ? 1 : Math.Max(1, children.Sum(c => c.Compounds)) };
        }
    }
}
