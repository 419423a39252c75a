using GreenGrid.Cases;
using GreenGrid.Demo;
using GreenGrid.Places;

namespace GreenGrid.Tests.Demo;

/// <summary>
/// The demo city's simulated outbreak: the same for a seed, every person's history sensible event by
/// event, nothing after the day the demo stands on, and a curve and proportions like Wuchang's in 2020.
/// </summary>
public sealed class DemoOutbreakTests
{
    private static readonly DateOnly StandsOn = DemoOutbreak.DefaultStandsOn;

    private static List<CaseEvent> Events(DemoSize size, int seed = GeneratedCity.DefaultSeed, DateOnly? standsOn = null) =>
        new DemoCityGenerator(size, seed, standsOn).Outbreak().Events(recordedById: 7).ToList();

    private static string Describe(CaseEvent e) =>
        $"{e.Id} {e.ResidentId} {e.Type} {e.EffectiveDate:O} {e.LastExposure:O} {e.SourceCaseId} {e.Facility} {e.Source} {e.RecordedAt:O} {e.RecordedById}";

    [Fact]
    public void The_same_seed_gives_the_same_history_event_for_event_and_another_seed_another()
    {
        var one = Events(DemoSize.Small).Select(Describe).ToList();
        Assert.Equal(one, Events(DemoSize.Small).Select(Describe).ToList());
        Assert.NotEqual(one, Events(DemoSize.Small, seed: 7).Select(Describe).ToList());
        Assert.Equal(Enumerable.Range(1, one.Count).Select(i => (long)i), Events(DemoSize.Small).Select(e => e.Id));
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void Every_persons_history_passes_the_case_history_check_event_by_event(DemoSize size)
    {
        var checkedEvents = 0;
        foreach (var person in Events(size).GroupBy(e => e.ResidentId))
        {
            var before = new List<CaseEvent>();
            foreach (var e in person.OrderBy(e => e.Id))
            {
                var conflict = CaseHistory.Check(before, e, DemoOutbreak.ObservationDays);
                Assert.True(conflict is null, $"resident {person.Key}: {e.Type} on {e.EffectiveDate}: {conflict?.Reason}");
                before.Add(e);
                checkedEvents++;
            }
        }
        Assert.True(checkedEvents > 0);
    }

    [Fact]
    public void Each_event_has_the_fields_its_type_needs_and_none_concerns_an_infant_or_comes_before_a_birth()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        var residents = city.Residents.ToDictionary(r => r.Id);
        var confirmed = city.CaseEvents.Where(e => e.Type == CaseEventType.Confirmed).Select(e => e.ResidentId).ToHashSet();
        foreach (var e in city.CaseEvents)
        {
            // Infants have no event: everyone with one was born more than a year before the demo's reference day.
            Assert.True(residents[e.ResidentId].BirthDate <= new DateOnly(2019, 2, 28), $"resident {e.ResidentId} born {residents[e.ResidentId].BirthDate}");
            Assert.Equal(e.Type == CaseEventType.CloseContact, e.LastExposure is not null);
            Assert.Equal(e.Type == CaseEventType.TransferredToFacility, e.Facility is not null);
            if (e.Type == CaseEventType.CloseContact)
            {
                Assert.True(e.LastExposure < e.EffectiveDate);
                Assert.Contains(e.SourceCaseId!.Value, confirmed);
            }
            // Working hours in Wuhan (UTC+8), from 8:00.
            Assert.InRange(e.RecordedAt.AddHours(8).Hour, 8, 23);
        }
        Assert.Contains(city.CaseEvents, e => e.Facility == "火神山医院");
        Assert.Contains(city.CaseEvents, e => e.Facility?.Contains("方舱", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData("2020-03-20")]
    [InlineData("2020-02-23")]
    public void Nothing_is_dated_after_the_day_the_demo_stands_on_and_an_earlier_day_shows_the_same_history_so_far(string day)
    {
        var standsOn = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        var events = Events(DemoSize.Small, standsOn: standsOn);

        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(e.EffectiveDate <= standsOn, $"{e.Type} on {e.EffectiveDate}"));
        Assert.Equal(standsOn, events.Max(e => e.EffectiveDate));
        var full = Events(DemoSize.Small, standsOn: new DateOnly(2020, 6, 30));
        static string Fact(CaseEvent e) => $"{e.ResidentId} {e.Type} {e.EffectiveDate:O} {e.RecordedAt:O}";
        Assert.Equal(full.Where(e => e.EffectiveDate <= standsOn).Select(Fact).Order(), events.Select(Fact).Order());
    }

    [Fact]
    public void New_confirmed_cases_peak_in_February_and_the_last_week_has_only_a_few()
    {
        var summary = new DemoCityGenerator(DemoSize.Small, GeneratedCity.DefaultSeed).Outbreak().Summarise();
        int Week(DateOnly from) => summary.NewConfirmed.Where(d => d.Key >= from && d.Key < from.AddDays(7)).Sum(d => d.Value);

        var peak = Enumerable.Range(0, 60).Select(d => new DateOnly(2020, 1, 20).AddDays(d)).MaxBy(Week);
        Assert.InRange(peak, new DateOnly(2020, 1, 29), new DateOnly(2020, 2, 12));
        Assert.True(Week(new DateOnly(2020, 2, 4)) > 4 * Week(new DateOnly(2020, 3, 4)), "February's peak is well above early March");
        var lastWeek = Week(StandsOn.AddDays(-6));
        Assert.InRange(lastWeek, 1, Math.Max(3, summary.Confirmed / 50));
        Assert.True(Week(new DateOnly(2020, 1, 20)) < Week(new DateOnly(2020, 2, 4)), "rising from late January");
    }

    [Fact]
    public void About_half_a_percent_are_confirmed_clustered_in_a_minority_of_compounds_with_a_few_deaths_and_late_cases()
    {
        var summary = new DemoCityGenerator(DemoSize.Small, GeneratedCity.DefaultSeed).Outbreak().Summarise();

        Assert.InRange((double)summary.Confirmed / summary.Residents, 0.0035, 0.0065);
        Assert.InRange((double)summary.Died / summary.Confirmed, 0.02, 0.08);
        Assert.InRange((double)summary.Recovered / summary.Confirmed, 0.75, 0.98);
        Assert.InRange(summary.CloseContacts, summary.Confirmed, 4 * summary.Confirmed);
        Assert.True(summary.Suspected > summary.Confirmed / 2 && summary.Fever > summary.Confirmed / 2);
        Assert.InRange(summary.CompoundsWithCases, summary.Compounds / 20, summary.Compounds / 2);
        Assert.InRange(summary.CompoundsWithLateCases, 1, summary.Compounds / 20);
        Assert.True(summary.SweepEvents > 0);
        Assert.True(summary.Asymptomatic > 0);
    }

    [Fact]
    public void Cases_cluster_some_compounds_have_several_and_households_of_a_case_are_its_close_contacts()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        var outbreak = city.Generator.Outbreak();
        var perCompound = city.CaseEvents.Where(e => e.Type == CaseEventType.Confirmed).Select(e => e.ResidentId).Distinct()
            .GroupBy(outbreak.CompoundOf).Select(g => g.Count()).ToList();
        Assert.Contains(perCompound, n => n >= 5);

        var household = city.Residents.ToDictionary(r => r.Id, r => r.HouseholdId);
        var contacts = city.CaseEvents.Where(e => e.Type == CaseEventType.CloseContact).ToList();
        Assert.True(contacts.Count(c => household[c.ResidentId] == household[c.SourceCaseId!.Value]) > contacts.Count / 2);
        Assert.All(contacts.Where(c => household[c.ResidentId] == household[c.SourceCaseId!.Value]), c => Assert.Equal(c.EffectiveDate.AddDays(-1), c.LastExposure));
        // Most contacts are released after their 14 days.
        var released = city.CaseEvents.Where(e => e.Type == CaseEventType.Released).Select(e => e.ResidentId).ToHashSet();
        Assert.True(contacts.Select(c => c.ResidentId).Distinct().Count(released.Contains) > contacts.Count / 2);
    }

    [Fact]
    public void The_tiny_city_has_a_handful_of_cases_one_of_them_in_Tanhualin()
    {
        var city = GeneratedCity.Of(DemoSize.Tiny);
        var tanhualin = city.Single(PlaceKind.Community, "昙华林社区");
        var inTanhualin = city.Residents.Where(r => city.PlaceById[city.HouseholdById[r.HouseholdId].BuildingId].Path.StartsWith(tanhualin.Path, StringComparison.Ordinal))
            .Select(r => r.Id).ToHashSet();

        Assert.InRange(city.CaseEvents.Count(e => e.Type == CaseEventType.Confirmed), 2, 20);
        Assert.Contains(city.CaseEvents, e => e.Type == CaseEventType.Confirmed && inTanhualin.Contains(e.ResidentId));
        Assert.Contains(city.CaseEvents, e => e.Type == CaseEventType.CloseContact && inTanhualin.Contains(e.ResidentId));
    }
}
