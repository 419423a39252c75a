using GreenGrid.Register;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.Counts;

/// <summary>
/// The counts recounted from the database on each call, as the API answered before the counts were kept
/// in memory (docs/adr/0007-case-counts.md): reads the events of the people who live under the place
/// (records merged into them included) and counts them with <see cref="CaseCounter"/> over the place and
/// its children. Kept as the reference that <see cref="CaseCountsModel"/> must agree with (the tests
/// compare the two after random writes) and for the benchmark; it writes no audit record.
/// </summary>
public sealed class CaseCountRecount(AppDb db, PlaceQueries places, CaseCountReader reader, IOptions<CasesOptions> options)
{
    private int ObservationDays => options.Value.ObservationDays;

    public async Task<CaseCountsView> Counts(Place place, DateOnly day, CancellationToken ct)
    {
        var (counter, children) = await Count(place, day, ct);
        var counts = counter.CountAsOf(day);
        var shown = children.Where(c => c.RetiredAt is null || CaseMeasures.All.Any(m => counts[c.Id, m] != 0)).ToArray();
        return new CaseCountsView(place.Id, day, CaseCountQueries.Row(place, counts), [.. shown.Select(c => CaseCountQueries.Row(c, counts))]);
    }

    public async Task<CasePeoplePage> People(Place place, CaseMeasure measure, DateOnly day, int skip, int take, CancellationToken ct)
    {
        var (counter, _) = await Count(place, day, ct);
        var counts = counter.CountAsOf(day);
        var ids = counter.PeopleIn(counts, place.Id, measure).ToList();
        var rows = await CaseCountQueries.PersonRows(db, ids, measure, day, ObservationDays, id => counter.PersonOf(id)!.Value.InForce, skip, take, ct);
        return new CasePeoplePage(measure, day, ids.Count, skip, rows);
    }

    /// <summary>New reports of each type per day from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public async Task<CaseDailyView> Daily(Place place, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var events = await reader.Events(place, to, ct);
        var days = new CaseDays(from, to);
        foreach (var person in events.GroupBy(e => e.PersonId))
        {
            days.Add(CaseHistory.InForce(person.Select(p => p.Event)));
        }
        return days.View(place.Id);
    }

    private async Task<(CaseCounter Counter, List<Place> Children)> Count(Place place, DateOnly day, CancellationToken ct)
    {
        var children = await places.Children(place.Id, includeRetired: true, ct);
        return (await reader.Counter(place, children, day, ct), children);
    }
}

/// <summary>New reports of each type per day over a range, a person counted once per day and type (as in the list of that day's New… count).</summary>
internal sealed class CaseDays(DateOnly from, DateOnly to)
{
    private readonly int[,] _days = new int[to.DayNumber - from.DayNumber + 1, CaseMeasures.New.Length];
    private readonly HashSet<(int, int)> _seen = [];

    /// <summary>One person's events in force.</summary>
    public void Add(IReadOnlyList<CaseEvent> inForce)
    {
        _seen.Clear();
        foreach (var e in inForce)
        {
            if (e.EffectiveDate >= from && e.EffectiveDate <= to && CaseMeasures.NewOf(e.Type) is { } measure)
            {
                var slot = (e.EffectiveDate.DayNumber - from.DayNumber, Array.IndexOf(CaseMeasures.New, measure));
                if (_seen.Add(slot))
                {
                    _days[slot.Item1, slot.Item2]++;
                }
            }
        }
    }

    public CaseDailyView View(long placeId) => new(placeId, from, to, [.. Enumerable.Range(0, _days.GetLength(0)).Select(d =>
        new CaseDay(from.AddDays(d), _days[d, 0], _days[d, 1], _days[d, 2], _days[d, 3], _days[d, 4]))]);
}

/// <summary>
/// Reads the events of the people under a place and counts them (no jurisdiction: callers decide
/// what the caller may see). The part of the counts API that scales with the place.
/// </summary>
public sealed class CaseCountReader(AppDb db, IOptions<CasesOptions> options)
{
    private int ObservationDays => options.Value.ObservationDays;

    /// <summary>A counter over the place and its <paramref name="children"/>, filled with everyone living under the place.</summary>
    public async Task<CaseCounter> Counter(Place place, IReadOnlyList<Place> children, DateOnly day, CancellationToken ct)
    {
        var tree = new CaseTree([(place.Id, null), .. children.Select(c => (c.Id, (long?)place.Id))]);
        var counter = new CaseCounter(tree, ObservationDays);
        foreach (var person in (await Events(place, day, ct)).GroupBy(e => e.PersonId))
        {
            var path = person.First().BuildingPath;
            var at = children.FirstOrDefault(c => path.StartsWith(c.Path, StringComparison.Ordinal))?.Id ?? place.Id;
            counter.Set(person.Key, at, person.Select(p => p.Event));
        }
        return counter;
    }

    public sealed record PersonEvent(CaseEvent Event, long PersonId, string BuildingPath);

    /// <summary>
    /// The events that can matter on or before <paramref name="day"/> of everyone living under the
    /// place now: their own and those of records merged into them. A correction or retraction is
    /// read whatever its date, since it takes an earlier event out.
    /// </summary>
    public async Task<List<PersonEvent>> Events(Place place, DateOnly day, CancellationToken ct)
    {
        var buildings = place.Kind == PlaceKind.Building
            ? db.Places().Where(p => p.Id == place.Id).Select(p => p.Id)
            : db.Places().Where(PlacePath.Within(place.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var records = RegisterReads.Records(db);
        var rows = await (
            from e in db.CaseEvents().AsNoTracking()
            where e.EffectiveDate <= day || e.SupersedesId != null
            join r in records on e.ResidentId equals r.Id
            join p in records on r.MergedIntoId ?? r.Id equals p.Id
            where p.MergedIntoId == null
            join h in RegisterReads.Households(db) on p.HouseholdId equals h.Id
            where buildings.Contains(h.BuildingId)
            join b in db.Places() on h.BuildingId equals b.Id
            select new { Event = e, PersonId = p.Id, b.Path }).ToListAsync(ct);
        return rows.Select(r => new PersonEvent(r.Event, r.PersonId, r.Path)).ToList();
    }
}
