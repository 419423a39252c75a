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
/// Counts of cases under a place as of a day, the list behind each, and new reports per day, served
/// from <see cref="CaseCountsModel"/> (the whole city's counts kept in memory, docs/adr/0020-case-counts-in-memory.md):
/// a count, its children's counts and its list come from the same people in one model, as
/// <see cref="CaseCountRecount"/> (the recount from the database it must agree with) counts them.
/// The database is asked for the place's children (what the caller may see) and the rows of the
/// page of a list. Callers check the place with <see cref="PlaceQueries.Find"/> first (jurisdiction).
/// </summary>
public sealed class CaseCountQueries(AppDb db, PlaceQueries places, CaseCountsModel model, AuditLog audit, IOptions<CasesOptions> options)
{
    private int ObservationDays => options.Value.ObservationDays;

    public async Task<CaseCountsView> Counts(Place place, DateOnly day, CancellationToken ct)
    {
        var children = await places.Children(place.Id, includeRetired: true, ct);
        return await model.Read(day, [place.Id, .. children.Select(c => c.Id)], (_, counts) =>
        {
            var shown = children.Where(c => c.RetiredAt is null || CaseMeasures.All.Any(m => counts![c.Id, m] != 0)).ToArray();
            return new CaseCountsView(place.Id, day, Row(place, counts!), [.. shown.Select(c => Row(c, counts!))]);
        }, ct);
    }

    public async Task<CasePeoplePage> People(Place place, CaseMeasure measure, DateOnly day, int skip, int take, CancellationToken ct)
    {
        var (total, page) = await model.Read(day, [place.Id], (_, counts) => model.List(counts!, place.Id, measure, skip, take), ct);
        var inForce = page.ToDictionary(p => p.Id, p => p.InForce);
        var rows = await PersonRows(db, [.. inForce.Keys], measure, day, ObservationDays, id => inForce[id], 0, take, ct);
        await audit.Record(AuditAction.Read, "case-list", rows.Select(r => r.Id), place.Path, $"list of {CaseMeasures.Name(measure)} under {place.Code} as of {day:yyyy-MM-dd}", ct);
        return new CasePeoplePage(measure, day, total, skip, rows);
    }

    /// <summary>New reports of each type per day from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public Task<CaseDailyView> Daily(Place place, DateOnly from, DateOnly to, CancellationToken ct) =>
        model.Read(null, [place.Id], (counter, _) => model.Remember(("daily", place.Id, from, to), () =>
        {
            var days = new CaseDays(from, to);
            foreach (var i in counter.PeopleUnder(place.Id))
            {
                days.Add(counter.PersonAt(i).InForce);
            }
            return days.View(place.Id);
        }), ct);

    internal static CaseCountRow Row(Place place, CaseCounts counts) => new(
        place.Id, place.Kind, place.Code, place.NameZh, place.NameEn, place.RetiredAt is not null,
        counts.Of(place.Id), counts.LastConfirmed(place.Id), counts.DaysSinceLastConfirmed(place.Id));

    /// <summary>
    /// The rows of a list from the register (name, masked ID number, household, building), in the
    /// order of the lists (building path, room, id), <paramref name="skip"/> and <paramref name="take"/>
    /// applied after that order; what the person counts as and since when from their events in force.
    /// </summary>
    internal static async Task<CasePersonRow[]> PersonRows(
        AppDb db, IReadOnlyCollection<long> ids, CaseMeasure measure, DateOnly day, int observationDays, Func<long, IReadOnlyList<CaseEvent>> inForceOf,
        int skip, int take, CancellationToken ct)
    {
        var found = await (
            from r in RegisterReads.Records(db)
            where ids.Contains(r.Id)
            join n in RegisterReads.IdNumbers(db) on r.Id equals n.Id
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            join b in db.Places() on h.BuildingId equals b.Id
            select new { r.Id, r.Name, n.IdNumber, r.HouseholdId, h.Room, BuildingId = b.Id, b.NameZh, b.NameEn, b.Path }).ToListAsync(ct);
        var page = found.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Room, StringComparer.Ordinal).ThenBy(f => f.Id).Skip(skip).Take(take).ToList();
        return [.. page.Select(f =>
        {
            CaseMeasures.Of(inForceOf(f.Id), day, observationDays, out var state);
            return new CasePersonRow(f.Id, f.Name, Masking.IdNumber(f.IdNumber), f.HouseholdId, f.Room, f.BuildingId, f.NameZh, f.NameEn,
                state.Category(day, observationDays), CaseMeasures.Since(measure, state, day));
        })];
    }
}
