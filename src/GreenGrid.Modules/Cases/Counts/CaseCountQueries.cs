using GreenGrid.Register;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Cases.Counts;

/// <summary>The counts of one place on a day; <see cref="DaysSinceLastConfirmed"/> is null when there never was a confirmed case under it.</summary>
public sealed record CaseCountRow(
    long PlaceId, PlaceKind Kind, string Code, string NameZh, string NameEn, bool Retired,
    IReadOnlyDictionary<CaseMeasure, int> Counts, DateOnly? LastNewConfirmed, int? DaysSinceLastConfirmed);

/// <summary>A place's counts on a day and its children's, so that a page can drill down the tree.</summary>
public sealed record CaseCountsView(long PlaceId, DateOnly AsOf, CaseCountRow Place, CaseCountRow[] Children);

/// <summary>A person in the list behind a count: where they live, what they count as on the day and since when.</summary>
public sealed record CasePersonRow(
    long Id, string Name, string IdNumberMasked, long HouseholdId, string Room, long BuildingId, string BuildingNameZh, string BuildingNameEn,
    CaseCategory Category, DateOnly? Since);

public sealed record CasePeoplePage(CaseMeasure Category, DateOnly AsOf, int Total, int Skip, CasePersonRow[] Items);

/// <summary>New reports of each type on one day (the same definition as the New… counts of that day).</summary>
public sealed record CaseDay(DateOnly Date, int Confirmed, int Asymptomatic, int Suspected, int Fever, int CloseContact);

public sealed record CaseDailyView(long PlaceId, DateOnly From, DateOnly To, CaseDay[] Days);

/// <summary>
/// Counts of cases under a place as of a day, the list behind each, and new reports per day. Reads
/// the events of the people who live under the place (records merged into them included) and counts
/// them with <see cref="CaseCounter"/> over the place and its children, so a count, its children's
/// counts and its list come from one pass over the same people. Callers check the place with
/// <see cref="PlaceQueries.Find"/> first (jurisdiction).
/// </summary>
public sealed class CaseCountQueries(AppDb db, PlaceQueries places, CaseCountReader reader, AuditLog audit, IOptions<CasesOptions> options)
{
    private int ObservationDays => options.Value.ObservationDays;

    public async Task<CaseCountsView> Counts(Place place, DateOnly day, CancellationToken ct)
    {
        var (counter, children) = await Count(place, day, ct);
        var counts = counter.CountAsOf(day);
        var shown = children.Where(c => c.RetiredAt is null || CaseMeasures.All.Any(m => counts[c.Id, m] != 0)).ToArray();
        return new CaseCountsView(place.Id, day, Row(place, counts), [.. shown.Select(c => Row(c, counts))]);
    }

    public async Task<CasePeoplePage> People(Place place, CaseMeasure measure, DateOnly day, int skip, int take, CancellationToken ct)
    {
        var (counter, _) = await Count(place, day, ct);
        var counts = counter.CountAsOf(day);
        var ids = counter.PeopleIn(counts, place.Id, measure).ToList();
        var found = await (
            from r in RegisterReads.Records(db)
            where ids.Contains(r.Id)
            join n in RegisterReads.IdNumbers(db) on r.Id equals n.Id
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            select new { r.Id, r.Name, n.IdNumber, r.HouseholdId, h.Room, BuildingId = b.Id, b.NameZh, b.NameEn, b.Path }).ToListAsync(ct);
        var page = found.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Room, StringComparer.Ordinal).ThenBy(f => f.Id).Skip(skip).Take(take).ToList();
        var rows = page.Select(f =>
        {
            CaseMeasures.Of(counter.PersonOf(f.Id)!.Value.InForce, day, ObservationDays, out var state);
            return new CasePersonRow(f.Id, f.Name, Masking.IdNumber(f.IdNumber), f.HouseholdId, f.Room, f.BuildingId, f.NameZh, f.NameEn,
                state.Category(day, ObservationDays), CaseMeasures.Since(measure, state, day));
        }).ToArray();
        await audit.Record(AuditAction.Read, "case-list", rows.Select(r => r.Id), place.Path, $"list of {CaseMeasures.Name(measure)} under {place.Code} as of {day:yyyy-MM-dd}", ct);
        return new CasePeoplePage(measure, day, ids.Count, skip, rows);
    }

    /// <summary>New reports of each type per day from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public async Task<CaseDailyView> Daily(Place place, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var events = await reader.Events(place, to, ct);
        var days = new int[to.DayNumber - from.DayNumber + 1, CaseMeasures.New.Length];
        foreach (var person in events.GroupBy(e => e.PersonId))
        {
            // A person counts once per day and type, as in the list of that day's New… count.
            var seen = new HashSet<(int, int)>();
            foreach (var e in CaseHistory.InForce(person.Select(p => p.Event)))
            {
                if (e.EffectiveDate >= from && e.EffectiveDate <= to && CaseMeasures.NewOf(e.Type) is { } measure)
                {
                    var slot = (e.EffectiveDate.DayNumber - from.DayNumber, Array.IndexOf(CaseMeasures.New, measure));
                    if (seen.Add(slot))
                    {
                        days[slot.Item1, slot.Item2]++;
                    }
                }
            }
        }
        return new CaseDailyView(place.Id, from, to, [.. Enumerable.Range(0, days.GetLength(0)).Select(d =>
            new CaseDay(from.AddDays(d), days[d, 0], days[d, 1], days[d, 2], days[d, 3], days[d, 4]))]);
    }

    private async Task<(CaseCounter Counter, List<Place> Children)> Count(Place place, DateOnly day, CancellationToken ct)
    {
        var children = await places.Children(place.Id, includeRetired: true, ct);
        return (await reader.Counter(place, children, day, ct), children);
    }

    private static CaseCountRow Row(Place place, CaseCounts counts) => new(
        place.Id, place.Kind, place.Code, place.NameZh, place.NameEn, place.RetiredAt is not null,
        counts.Of(place.Id), counts.LastConfirmed(place.Id), counts.DaysSinceLastConfirmed(place.Id));
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
