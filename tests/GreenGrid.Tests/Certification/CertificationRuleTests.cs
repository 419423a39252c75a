using GreenGrid.Certification.Scenario;

namespace GreenGrid.Tests.Certification;

/// <summary>The standard on its edges, one rule per test, through the scenario reader and the engine.</summary>
public sealed class CertificationRuleTests
{
    [Fact]
    public void A_case_reported_13_days_ago_still_blocks_the_compound_until_the_next_day()
    {
        var answer = Town.WithOneCompound().Event("p1", "2020-03-01", "confirmed").On("2020-03-14");

        var k1 = answer["K1"];
        Assert.Equal("notEpidemicFree", k1.Status);
        Assert.Null(k1.FreeSince);
        Assert.Equal("2020-03-15", k1.FreeFrom);
        var reason = Assert.IsType<RecentCaseReason>(Assert.Single(k1.Reasons));
        Assert.Equal(("recentCase", "p1", "2020-03-01"), (reason.Code, reason.Person, reason.Date));
    }

    [Fact]
    public void A_case_reported_14_days_ago_no_longer_blocks_and_the_free_run_starts_that_day()
    {
        var answer = Town.WithOneCompound().Event("p1", "2020-03-01", "confirmed").On("2020-03-15");

        Assert.True(answer.IsFree("K1"));
        Assert.Equal("2020-03-15", answer["K1"].FreeSince);
        Assert.Null(answer["K1"].FreeFrom);
        Assert.Empty(answer["K1"].Reasons);
    }

    [Fact]
    public void A_close_contact_is_under_management_the_day_before_the_release_and_not_on_the_day_of_the_release()
    {
        var town = Town.WithOneCompound()
            .Event("p2", "2020-03-01", "closeContact", lastExposure: "2020-02-28")
            .Event("p2", "2020-03-05", "released");

        var before = town.On("2020-03-04")["K1"];
        var reason = Assert.IsType<UnderManagementReason>(Assert.Single(before.Reasons));
        Assert.Equal(("underManagement", "p2", "closeContact", "2020-03-13"), (reason.Code, reason.Person, reason.Type, reason.Until));
        Assert.Equal("2020-03-13", before.FreeFrom);

        var onTheDay = town.On("2020-03-05")["K1"];
        Assert.Equal("epidemicFree", onTheDay.Status);
        Assert.Equal("2020-03-05", onTheDay.FreeSince);
    }

    [Fact]
    public void Observation_ends_exactly_on_the_last_exposure_plus_the_observation_days()
    {
        var town = Town.WithOneCompound().Event("p2", "2020-03-02", "closeContact", lastExposure: "2020-03-01");

        var lastDay = town.On("2020-03-14")["K1"];
        Assert.Equal("notEpidemicFree", lastDay.Status);
        Assert.Equal("2020-03-15", Assert.IsType<UnderManagementReason>(Assert.Single(lastDay.Reasons)).Until);
        Assert.Equal("2020-03-15", lastDay.FreeFrom);

        var endDay = town.On("2020-03-15")["K1"];
        Assert.Equal("epidemicFree", endDay.Status);
        Assert.Equal("2020-03-15", endDay.FreeSince);
    }

    [Fact]
    public void A_close_contact_reported_and_released_on_the_same_day_never_blocks()
    {
        var answer = Town.WithOneCompound()
            .Event("p2", "2020-03-02", "closeContact", lastExposure: "2020-03-01")
            .Event("p2", "2020-03-02", "released")
            .On("2020-03-02");

        Assert.True(answer.IsFree("K1"));
        Assert.Equal("2020-03-02", answer["K1"].FreeSince);
    }

    [Fact]
    public void A_close_contact_reported_after_the_observation_ran_out_never_blocks_nor_moves_the_free_run()
    {
        var answer = Town.WithOneCompound()
            .Event("p1", "2020-02-01", "confirmed")
            .Event("p2", "2020-03-10", "closeContact", lastExposure: "2020-02-20")
            .On("2020-03-10");

        Assert.True(answer.IsFree("K1"));
        Assert.Equal("2020-02-15", answer["K1"].FreeSince);
    }

    [Fact]
    public void A_withdrawn_control_counts_as_missing_from_the_day_it_was_withdrawn()
    {
        var town = Town.WithOneCompound().Control("K1", "disinfection", "2020-02-01", withdrawn: "2020-03-01");
        town.Standard = new ScenarioStandard(null, null, null, ["disinfection"]);

        var dayBefore = town.On("2020-02-29")["K1"];
        Assert.Equal(("epidemicFree", "2020-02-01"), (dayBefore.Status, dayBefore.FreeSince));

        var onTheDay = town.On("2020-03-01")["K1"];
        Assert.Equal("notEpidemicFree", onTheDay.Status);
        Assert.Null(onTheDay.FreeFrom); // a missing control has no known end
        Assert.Equal("disinfection", Assert.IsType<ControlMissingReason>(Assert.Single(onTheDay.Reasons)).Control);
    }

    [Fact]
    public void A_control_attested_again_after_its_withdrawal_starts_a_new_free_run()
    {
        var town = Town.WithOneCompound()
            .Control("K1", "sweep", "2020-02-01", withdrawn: "2020-02-10")
            .Control("K1", "sweep", "2020-02-12");
        town.Standard = new ScenarioStandard(null, null, null, ["sweep"]);

        Assert.Equal("2020-02-12", town.On("2020-02-20")["K1"].FreeSince);
    }

    [Fact]
    public void A_control_attested_after_asOf_and_a_withdrawal_after_asOf_are_not_known_yet()
    {
        var town = Town.WithOneCompound()
            .Control("K1", "sweep", "2020-02-01", withdrawn: "2020-03-10")
            .Control("K1", "supply", "2020-03-10");
        town.Standard = new ScenarioStandard(null, null, null, ["sweep", "supply"]);

        var k1 = town.On("2020-03-05")["K1"];
        Assert.Equal("supply", Assert.IsType<ControlMissingReason>(Assert.Single(k1.Reasons)).Control);
    }

    [Fact]
    public void The_default_standard_requires_all_six_controls()
    {
        var k1 = new Town().Place("K1", "compound").Control("K1", "publicity", "2020-02-01");
        k1.Standard = null!;
        var missing = k1.On("2020-03-01")["K1"].Reasons.Cast<ControlMissingReason>().Select(r => r.Control);
        Assert.Equal(["closedManagement", "sweep", "disinfection", "supply", "mobilisation"], missing);
    }

    [Fact]
    public void A_place_with_no_compound_under_it_is_free_since_the_start_of_the_record()
    {
        var answer = Town.WithOneCompound().Place("C2", "community", "S")
            .Event("p1", "2020-02-01", "confirmed")
            .On("2020-02-10");

        Assert.True(answer.IsFree("C2"));
        Assert.Equal("2020-02-01", answer["C2"].FreeSince); // the earliest date of the scenario
        Assert.False(answer.IsFree("S"));
        Assert.Equal("C", Assert.IsType<ChildNotFreeReason>(Assert.Single(answer["S"].Reasons)).Place);
    }

    [Fact]
    public void A_compound_blocks_every_level_above_it_four_levels_deep_and_frees_them_all_when_it_is_free()
    {
        var town = new Town()
            .Place("W", "city").Place("D1", "district", "W").Place("D2", "district", "W")
            .Place("S1", "subdistrict", "D1").Place("S2", "subdistrict", "D2")
            .Place("C1", "community", "S1").Place("C2", "community", "S2")
            .Place("K1", "compound", "C1").Place("K2", "compound", "C1").Place("K3", "compound", "C2")
            .Person("a", "K1").Person("b", "K3")
            .Event("a", "2020-02-10", "confirmed")
            .Event("b", "2020-02-01", "confirmed");

        var blocked = town.On("2020-02-20");
        Assert.Equal(["K1", "C1", "S1", "D1", "W"], blocked.Value.Places.Where(p => p.Status == "notEpidemicFree").Select(p => p.Id).Reverse());
        Assert.Equal("K1", Assert.IsType<ChildNotFreeReason>(Assert.Single(blocked["C1"].Reasons)).Place);
        Assert.Equal("D1", Assert.IsType<ChildNotFreeReason>(Assert.Single(blocked["W"].Reasons)).Place);
        Assert.All(new[] { "W", "D1", "S1", "C1", "K1" }, id => Assert.Equal("2020-02-24", blocked[id].FreeFrom));
        Assert.Equal("2020-02-15", blocked["D2"].FreeSince);

        var free = town.On("2020-02-24");
        Assert.All(free.Value.Places, p => Assert.Equal("epidemicFree", p.Status));
        Assert.Equal("2020-02-24", free["W"].FreeSince); // the latest free run below it
        Assert.Equal("2020-02-01", free["K2"].FreeSince);
    }

    [Fact]
    public void An_unresolved_suspected_case_blocks_with_no_known_end_up_to_the_city()
    {
        var answer = new Town().Place("W", "city").Place("D", "district", "W").Place("S", "subdistrict", "D").Place("C", "community", "S")
            .Place("K1", "compound", "C").Place("K2", "compound", "C")
            .Person("p1", "K1").Person("p2", "K2")
            .Event("p1", "2020-02-01", "suspected")
            .Event("p2", "2020-02-10", "confirmed")
            .On("2020-02-15");

        var reason = Assert.IsType<UnderManagementReason>(Assert.Single(answer["K1"].Reasons));
        Assert.Equal(("suspected", (string?)null), (reason.Type, reason.Until));
        Assert.Null(answer["K1"].FreeFrom);
        Assert.Equal("2020-02-24", answer["K2"].FreeFrom);
        Assert.Null(answer["C"].FreeFrom);
        Assert.Null(answer["W"].FreeFrom);
    }

    [Theory]
    [InlineData("discarded")]
    [InlineData("released")]
    public void A_suspected_case_that_is_discarded_or_released_is_no_longer_under_management_that_day(string ending)
    {
        var answer = Town.WithOneCompound().Event("p1", "2020-02-01", "fever").Event("p1", "2020-02-05", ending).On("2020-02-05");

        Assert.True(answer.IsFree("K1"));
        Assert.Equal("2020-02-05", answer["K1"].FreeSince);
    }

    [Fact]
    public void A_confirmed_suspected_case_is_a_recent_case_and_no_longer_under_management()
    {
        var k1 = Town.WithOneCompound().Event("p1", "2020-02-01", "suspected").Event("p1", "2020-02-03", "confirmed").On("2020-02-05")["K1"];

        var reason = Assert.IsType<RecentCaseReason>(Assert.Single(k1.Reasons));
        Assert.Equal("2020-02-03", reason.Date);
        Assert.Equal("2020-02-17", k1.FreeFrom);
    }

    [Fact]
    public void An_asymptomatic_infection_blocks_only_when_the_standard_counts_it()
    {
        var town = Town.WithOneCompound().Event("p1", "2020-02-01", "asymptomatic");
        Assert.False(town.On("2020-02-05").IsFree("K1"));

        town.Standard = new ScenarioStandard(14, 14, false, []);
        var answer = town.On("2020-02-05");
        Assert.True(answer.IsFree("K1"));
        Assert.Equal("2020-02-01", answer["K1"].FreeSince);
    }

    [Theory]
    [InlineData("recovered")]
    [InlineData("died")]
    public void Recovery_or_death_does_not_clear_a_recent_case(string outcome)
    {
        var answer = Town.WithOneCompound().Event("p1", "2020-02-01", "confirmed").Event("p1", "2020-02-05", outcome).On("2020-02-10");

        Assert.Equal("2020-02-01", Assert.IsType<RecentCaseReason>(Assert.Single(answer["K1"].Reasons)).Date);
    }

    [Fact]
    public void Events_dated_after_asOf_are_ignored()
    {
        var town = Town.WithOneCompound()
            .Event("p1", "2020-03-06", "confirmed")
            .Event("p2", "2020-03-01", "closeContact", lastExposure: "2020-03-01")
            .Event("p2", "2020-03-07", "released");

        var k1 = town.On("2020-03-05")["K1"];
        var reason = Assert.IsType<UnderManagementReason>(Assert.Single(k1.Reasons)); // no case yet, the release not known yet
        Assert.Equal("2020-03-15", reason.Until);
    }

    [Fact]
    public void A_second_case_of_the_same_person_extends_the_quiet_period_and_is_named_as_the_date()
    {
        var k1 = Town.WithOneCompound().Event("p1", "2020-02-01", "confirmed").Event("p1", "2020-02-10", "confirmed").On("2020-02-16")["K1"];

        Assert.Equal("2020-02-10", Assert.IsType<RecentCaseReason>(Assert.Single(k1.Reasons)).Date);
        Assert.Equal("2020-02-24", k1.FreeFrom);
    }

    [Fact]
    public void The_sample_scenario_of_the_issue_is_blocked_only_by_its_missing_controls()
    {
        var town = Town.WithOneCompound()
            .Event("p1", "2020-02-20", "confirmed")
            .Event("p2", "2020-02-25", "closeContact", lastExposure: "2020-02-24")
            .Event("p2", "2020-03-01", "released")
            .Control("K1", "closedManagement", "2020-02-14")
            .Control("K1", "disinfection", "2020-02-14", withdrawn: "2020-02-20");
        town.Standard = new ScenarioStandard(14, 14, true, ["publicity", "closedManagement", "sweep", "disinfection", "supply", "mobilisation"]);

        var k1 = town.On("2020-03-05")["K1"];
        Assert.Equal(["publicity", "sweep", "disinfection", "supply", "mobilisation"], k1.Reasons.Cast<ControlMissingReason>().Select(r => r.Control));
        Assert.Null(k1.FreeFrom);
    }
}
