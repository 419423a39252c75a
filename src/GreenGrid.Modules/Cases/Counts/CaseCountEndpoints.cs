using System.Globalization;
using GreenGrid.Places;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Cases.Counts;

/// <summary>The routes of the case counts of a place: counts with the children's, the list behind a count, new reports per day.</summary>
internal static class CaseCountEndpoints
{
    public const int MaxTake = 500;

    /// <summary>The longest range of /cases/daily, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>The range of /cases/daily when none is given: the 30 days up to today.</summary>
    public const int DefaultDays = 30;

    public static void Map(RouteGroupBuilder read)
    {
        read.MapGet("/places/{id:long}/cases", Counts)
            .WithSummary("Case counts under a place as of a day (?asOf=yyyy-MM-dd, default today), with its children's counts for drilling down.");
        read.MapGet("/places/{id:long}/cases/people", People)
            .WithSummary("The people one count of /cases counts (?category=confirmed|newConfirmed|cumulativeConfirmed|…&asOf=), page by page; total equals the count. Audited.");
        read.MapGet("/places/{id:long}/cases/daily", Daily)
            .WithSummary($"New reports of each type per day under a place (?from=&to=, at most {MaxDays} days, default the {DefaultDays} days up to today).");
    }

    private static async Task<Results<Ok<CaseCountsView>, ValidationProblem, ProblemHttpResult>> Counts(
        long id, PlaceQueries places, CaseCountQueries counts, CityClock clock, CancellationToken ct, string? asOf = null)
    {
        var errors = new ValidationErrors();
        var day = Day(errors, "asOf", asOf, clock.Today) ?? clock.Today;
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await places.Find(id, ct) is { } place ? TypedResults.Ok(await counts.Counts(place, day, ct)) : Problems.NotFound("place", id);
    }

    private static async Task<Results<Ok<CasePeoplePage>, ValidationProblem, ProblemHttpResult>> People(
        long id, PlaceQueries places, CaseCountQueries counts, CityClock clock, CancellationToken ct,
        string? category = null, string? asOf = null, int skip = 0, int take = 50)
    {
        var errors = new ValidationErrors();
        var measure = CaseMeasure.Confirmed;
        if (category is not null)
        {
            if (CaseMeasures.Parse(category) is { } parsed)
            {
                measure = parsed;
            }
            else
            {
                errors.Add("category", $"must be one of: {string.Join(", ", CaseMeasures.All.Select(CaseMeasures.Name))}");
            }
        }
        var day = Day(errors, "asOf", asOf, clock.Today) ?? clock.Today;
        errors.Page(skip, take, MaxTake);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await places.Find(id, ct) is { } place
            ? TypedResults.Ok(await counts.People(place, measure, day, skip, take, ct))
            : Problems.NotFound("place", id);
    }

    private static async Task<Results<Ok<CaseDailyView>, ValidationProblem, ProblemHttpResult>> Daily(
        long id, PlaceQueries places, CaseCountQueries counts, CityClock clock, CancellationToken ct, string? from = null, string? to = null)
    {
        var errors = new ValidationErrors();
        var today = clock.Today;
        var last = Day(errors, "to", to, today) ?? today;
        var first = Day(errors, "from", from, today) ?? last.AddDays(1 - DefaultDays);
        if (errors.IsEmpty && first > last)
        {
            errors.Add("from", $"must be on or before to ({last:yyyy-MM-dd})");
        }
        else if (errors.IsEmpty && last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            errors.Add("from", $"the range may span at most {MaxDays} days (from {first:yyyy-MM-dd} to {last:yyyy-MM-dd} is {last.DayNumber - first.DayNumber + 1})");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await places.Find(id, ct) is { } place ? TypedResults.Ok(await counts.Daily(place, first, last, ct)) : Problems.NotFound("place", id);
    }

    /// <summary>A day in the query (yyyy-MM-dd, not after today), or null when absent or wrong (then the error names the field).</summary>
    private static DateOnly? Day(ValidationErrors errors, string field, string? text, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors.Add(field, $"'{text}' is not a date (yyyy-MM-dd)");
            return null;
        }
        if (day > today)
        {
            errors.Add(field, $"{day:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})");
            return null;
        }
        return day;
    }
}
