using GreenGrid.Cases.Counts;
using GreenGrid.Places;
using GreenGrid.Platform.Security;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Cases.Pages;

/// <summary>
/// The case counts for the pages, each read in a scope of its own acting as the page's caller (see
/// PlacePageData.Load): the same services as the API, so a page and the API cannot disagree.
/// </summary>
internal static class CasePageData
{
    public static Task<(CaseCountsView Counts, CaseDailyView Daily)?> Panel(IServiceScopeFactory scopes, CurrentPrincipal current, long placeId, DateOnly day, int chartDays) =>
        Run<(CaseCountsView, CaseDailyView)?>(scopes, current, async s =>
        {
            if (await s.GetRequiredService<PlaceQueries>().Find(placeId) is not { } place)
            {
                return null;
            }
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

    /// <summary>A person's case timeline (the timeline page of the cases module).</summary>
    public static string Timeline(long residentId) => $"/residents/{residentId}/cases";

    public static string Measure(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, CaseMeasure measure) => text[$"CaseCounts.Measure.{measure}"];

    public static string Category(this Microsoft.Extensions.Localization.IStringLocalizer<Resources.UiText> text, CaseCategory category) => text[$"CaseCounts.Category.{category}"];
}
