using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using GreenGrid.Register.ReadHouseholds;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Merge.FindDuplicates;

/// <summary>Two or more records under a place that look like one person.</summary>
public sealed record DuplicateGroup(DuplicateReason Reason, ResidentView[] Residents);

/// <summary>
/// The groups of records on the register under a place of the caller's that look like one person: the same ID
/// number, or the same name, birth date and phone. The groups come from the <see cref="DuplicateKeysModel"/>
/// (the whole register's duplicate keys, kept in memory); only their records under the place are read. The read
/// is audited (the lists name people).
/// </summary>
internal sealed class FindDuplicates(AppDb db, AuditLog audit, CityClock clock, DuplicateKeysModel keys)
{
    public static void Map(RouteGroupBuilder read) =>
        read.MapGet("/places/{id:long}/duplicates", async Task<Results<Ok<DuplicateGroup[]>, ProblemHttpResult>> (long id, PlaceQueries places, FindDuplicates find, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok((await find.Handle(place, 200, ct)).ToArray()) : Problems.NotFound("place", id))
            .WithSummary("Records under a place that look like one person (same ID number, or same name, birth date and phone).");

    /// <summary>At most <paramref name="take"/> groups under <paramref name="place"/> (found by the caller's <see cref="PlaceQueries"/>): ID-number groups first.</summary>
    public async Task<List<DuplicateGroup>> Handle(Place place, int take, CancellationToken ct)
    {
        var found = await keys.Under(place.Path, take, ct);
        // The members of every group in one read by their ids, not one per group.
        var ids = found.SelectMany(g => g.Residents).Distinct().ToList();
        var rows = ids.Count == 0 ? [] : (await db.Residents().AsNoTracking().Where(r => ids.Contains(r.Id)).ToListAsync(ct)).ToDictionary(r => r.Id);
        var groups = found
            .Select(g => new DuplicateGroup(g.Reason, [.. g.Residents.Where(rows.ContainsKey).Select(id => HouseholdQueries.View(rows[id], clock.Today))]))
            .ToList();
        await audit.Record(AuditAction.Read, "resident", groups.SelectMany(g => g.Residents.Select(r => r.Id)), place.Path, $"duplicates under {place.Code}", ct);
        return groups;
    }
}
