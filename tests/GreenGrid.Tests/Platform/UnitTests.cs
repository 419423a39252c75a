using GreenGrid.Places;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;

namespace GreenGrid.Tests.Platform;

public sealed class PlacePathTests
{
    [Fact]
    public void The_subtree_range_holds_every_descendant_and_no_sibling_with_a_longer_id()
    {
        var path = "/1/7/";
        var (low, high) = (path, GreenGrid.Platform.Data.TreePaths.UpperBound(path));
        bool Inside(string p) => string.CompareOrdinal(p, low) >= 0 && string.CompareOrdinal(p, high) < 0;

        Assert.True(Inside("/1/7/"));
        Assert.True(Inside("/1/7/42/"));
        Assert.True(Inside("/1/7/999999/12/"));
        Assert.False(Inside("/1/70/"));
        Assert.False(Inside("/1/8/"));
        Assert.False(Inside("/1/6/99/"));
    }

    [Fact]
    public void Ids_are_read_back_from_a_path_root_first() =>
        Assert.Equal([1L, 7L, 42L], PlacePath.Ids(PlacePath.Child(PlacePath.Child(PlacePath.Root(1), 7), 42)));

    [Theory]
    [InlineData(PlaceKind.District, PlaceKind.City, true)]
    [InlineData(PlaceKind.Township, PlaceKind.District, true)]
    [InlineData(PlaceKind.Village, PlaceKind.Subdistrict, true)]
    [InlineData(PlaceKind.Compound, PlaceKind.Village, true)]
    [InlineData(PlaceKind.Building, PlaceKind.Compound, true)]
    [InlineData(PlaceKind.Compound, PlaceKind.District, false)]
    [InlineData(PlaceKind.Building, PlaceKind.Community, false)]
    [InlineData(PlaceKind.City, PlaceKind.City, false)]
    public void A_kind_hangs_only_under_the_level_right_above_it(PlaceKind child, PlaceKind parent, bool allowed) =>
        Assert.Equal(allowed, child.CanHangUnder(parent));
}

public sealed class MaskingTests
{
    [Fact]
    public void An_id_number_shows_only_its_first_and_last_four_characters() =>
        Assert.Equal("4201**********123X", Masking.IdNumber("42010619900101123X"));

    [Fact]
    public void A_phone_number_shows_its_first_three_and_last_four_digits() =>
        Assert.Equal("138****5678", Masking.Phone("13812345678"));
}

public sealed class ValidationErrorsTests
{
    [Fact]
    public void Text_is_trimmed_and_control_characters_are_refused()
    {
        var errors = new ValidationErrors();
        Assert.Equal("昙华林", errors.Text("name", "  昙华林 ", 10));
        Assert.True(errors.IsEmpty);
        errors.Text("name", "a\u0000b", 10);
        Assert.Contains("control", errors.ToDictionary()["name"].Single());
    }
}

public sealed class CityClockTests
{
    private static readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider Time = new(new DateTimeOffset(2020, 3, 19, 16, 30, 0, TimeSpan.Zero));

    private static GreenGrid.Platform.Time.CityClock Clock() =>
        new(Time, Microsoft.Extensions.Options.Options.Create(new GreenGrid.Platform.Time.CityOptions()));

    [Fact]
    public void A_city_day_starts_at_local_midnight_and_is_the_day_of_the_city_not_of_utc()
    {
        var clock = Clock();
        // 16:30 UTC on 19 March is 00:30 on 20 March in Wuhan (UTC+8).
        Assert.Equal(new DateOnly(2020, 3, 20), clock.Today);
        Assert.Equal(new DateTime(2020, 3, 19, 16, 0, 0, DateTimeKind.Utc), clock.StartOf(new DateOnly(2020, 3, 20)));
        Assert.Equal(DateTimeKind.Utc, clock.StartOf(new DateOnly(2020, 3, 20)).Kind);
        Assert.Equal(new DateTime(2020, 3, 20, 0, 30, 0), clock.Local(Time.GetUtcNow().UtcDateTime));
    }
}
