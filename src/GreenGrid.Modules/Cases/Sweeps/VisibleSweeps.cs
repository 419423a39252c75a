using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Sweeps;

public sealed record SweepView(long Id, string Name, DateOnly From, DateOnly To, long PlaceId, string PlaceNameZh, string PlaceNameEn, int Buildings, DateTime CreatedAt);

/// <summary>
/// What of the sweeps a caller sees: a sweep when they cover one of its buildings, and then only
/// those buildings (a sub-district sweep is worked by each community on its own part).
/// </summary>
internal sealed class VisibleSweeps(AppDb db, Caller caller)
{
    /// <summary>The sweep buildings the caller covers.</summary>
    public async Task<IQueryable<SweepBuilding>> Buildings(CancellationToken ct)
    {
        var account = await caller.Account(ct);
        return db.SweepBuildings().AsNoTracking().Where(PlacePath.WithinAny<SweepBuilding>(b => b.BuildingPath, account?.Jurisdictions.Select(j => j.Path).ToArray() ?? []));
    }

    /// <summary>The sweep with the count of its buildings the caller covers, or null when they cover none.</summary>
    public async Task<SweepView?> Find(long id, CancellationToken ct)
    {
        var count = await (await Buildings(ct)).CountAsync(b => b.SweepId == id, ct);
        if (count == 0)
        {
            return null;
        }
        var x = await (from s in db.Sweeps().AsNoTracking() where s.Id == id join p in db.Places() on s.PlaceId equals p.Id select new { s, p.NameZh, p.NameEn }).FirstAsync(ct);
        return new SweepView(x.s.Id, x.s.Name, x.s.FromDate, x.s.ToDate, x.s.PlaceId, x.NameZh, x.NameEn, count, x.s.CreatedAt);
    }
}
