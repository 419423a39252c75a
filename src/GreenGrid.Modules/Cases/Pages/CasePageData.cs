using GreenGrid.Cases.Counts;
using GreenGrid.Cases.RecordEvents;
using GreenGrid.Components.Shared;
using GreenGrid.Places;
using GreenGrid.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Cases.Pages;

/// <summary>
/// The cases module's reads and commands for the pages, each in a scope of its own acting as the
/// page's caller (see PlacePageData.Load): the services decide what the caller may see and record.
/// </summary>
internal static class CasePageData
{
    public static Task<CaseTimeline?> Timeline(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId, DateOnly? asOf) =>
        Run(scopes, current, s => s.GetRequiredService<CaseHistoryQueries>().Timeline(residentId, asOf, default));

    public static Task<CommandOutcome<RecordedEvent>> Record(IServiceScopeFactory scopes, CurrentPrincipal current, long residentId, CaseEventInput input) =>
        Run(scopes, current, async s => CommandOutcome.Of<RecordedEvent>((await s.GetRequiredService<CaseRecorder>().Record(residentId, input, default)).Result));

    /// <summary>Today's category of each resident (for the household page's chips); no jurisdiction check: the page has made it.</summary>
    public static Task<Dictionary<long, CaseCategory>> CategoriesOf(IServiceScopeFactory scopes, CurrentPrincipal current, IReadOnlyCollection<long> residentIds, DateOnly today) =>
        Run(scopes, current, async s =>
        {
            var statuses = s.GetRequiredService<CaseStatuses>();
            var states = await statuses.OfResidents(residentIds, today, default);
            return states.ToDictionary(kv => kv.Key, kv => kv.Value.Category(today, statuses.ObservationDays));
        });

    /// <summary>The events of a timeline as the rules see them, to offer only the transitions that fit a chosen day.</summary>
    public static List<CaseEvent> InForce(CaseTimeline timeline) =>
        CaseHistory.InForce(timeline.Events.Where(e => e.InForce).Select(e => new CaseEvent
        {
            Id = e.Event.Id, ResidentId = e.Event.ResidentId, Type = e.Event.Type, EffectiveDate = e.Event.EffectiveDate, LastExposure = e.Event.LastExposure,
            SourceCaseId = e.Event.SourceCaseId, Facility = e.Event.Facility, Source = e.Event.Source,
        }));

    // The case counts: the same services as the API, so a page and the API cannot disagree.
    /// <summary>The case counts and daily curve of a place the caller's page has already found inside their jurisdictions.</summary>
    public static Task<(CaseCountsView Counts, CaseDailyView Daily)?> Panel(IServiceScopeFactory scopes, CurrentPrincipal current, Place place, DateOnly day, int chartDays) =>
        Run<(CaseCountsView, CaseDailyView)?>(scopes, current, async s =>
        {
            var queries = s.GetRequiredService<CaseCountQueries>();
            return (await queries.Counts(place, day, default), await queries.Daily(place, day.AddDays(1 - chartDays), day, default));
        });

    public static Task<(Place Place, CasePeoplePage Page)?> People(IServiceScopeFactory scopes, CurrentPrincipal current, long placeId, CaseMeasure measure, DateOnly day, int skip, int take) =>
        Run<(Place, CasePeoplePage)?>(scopes, current, async s => await s.GetRequiredService<PlaceQueries>().Find(placeId) is { } place
            ? (place, await s.GetRequiredService<CaseCountQueries>().People(place, measure, day, skip, take, default))
            : null);

    private static async Task<T> Run<T>(IServiceScopeFactory scopes, CurrentPrincipal current, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateScopeAs(current);
        return await work(scope.ServiceProvider);
    }
}

/// <summary>The addresses and labels of the case count pages.</summary>
internal static class CaseLinks
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    public static string People(long placeId, CaseMeasure measure, DateOnly day) =>
        $"/places/{placeId}/cases/people?category={CaseMeasures.Name(measure)}&asOf={Day(day)}";

    public static string Measure(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, CaseMeasure measure) => text[$"CaseCounts.Measure.{measure}"];

}
