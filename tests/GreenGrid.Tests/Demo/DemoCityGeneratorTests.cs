using GreenGrid.Demo;
using GreenGrid.Places;

namespace GreenGrid.Tests.Demo;

/// <summary>The generator is deterministic, its ids and paths hang together, its streams respect the foreign keys.</summary>
public sealed class DemoCityGeneratorTests
{
    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void The_same_seed_gives_the_same_city_byte_for_byte(DemoSize size)
    {
        var first = GeneratedCity.Hash(new DemoCityGenerator(size, 20200228));
        var second = GeneratedCity.Hash(new DemoCityGenerator(size, 20200228));
        Assert.Equal(first, second);
    }

    [Fact]
    public void Reading_the_streams_again_or_in_another_order_gives_the_same_rows()
    {
        var city = new DemoCityGenerator(DemoSize.Tiny, 7);
        var residentsFirst = city.Residents().Select(r => (r.Id, r.Name, r.IdNumber)).ToList();
        var hash = GeneratedCity.Hash(city);
        Assert.Equal(residentsFirst, city.Residents().Select(r => (r.Id, r.Name, r.IdNumber)).ToList());
        Assert.Equal(hash, GeneratedCity.Hash(city));
    }

    [Fact]
    public void A_different_seed_gives_a_different_city()
    {
        var one = new DemoCityGenerator(DemoSize.Tiny, 1);
        var two = new DemoCityGenerator(DemoSize.Tiny, 2);
        Assert.NotEqual(GeneratedCity.Hash(one), GeneratedCity.Hash(two));
        // Not only somewhere: the people themselves differ.
        var names = one.Residents().Select(r => r.Name).Take(50).ToList();
        Assert.NotEqual(names, two.Residents().Select(r => r.Name).Take(50).ToList());
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void The_counts_announced_before_a_load_are_the_rows_the_streams_give(DemoSize size)
    {
        var city = GeneratedCity.Of(size);
        var counts = city.Generator.Count();
        Assert.Equal(new DemoCityCounts(city.Places.Count, city.Grids.Count, city.Households.Count, city.Residents.Count, city.CaseEvents.Count), counts);
    }

    [Fact]
    public void Ids_count_up_from_one_in_every_table()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        Assert.Equal(Enumerable.Range(1, city.Places.Count).Select(i => (long)i), city.Places.Select(p => p.Id));
        Assert.Equal(Enumerable.Range(1, city.Grids.Count).Select(i => (long)i), city.Grids.Select(g => g.Id));
        Assert.Equal(Enumerable.Range(1, city.Households.Count).Select(i => (long)i), city.Households.Select(h => h.Id));
        Assert.Equal(Enumerable.Range(1, city.Residents.Count).Select(i => (long)i), city.Residents.Select(r => r.Id));
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void Every_path_is_the_parents_path_and_the_own_id(DemoSize size)
    {
        var city = GeneratedCity.Of(size);
        var root = Assert.Single(city.Places, p => p.ParentId is null);
        Assert.Equal($"/{root.Id}/", root.Path);
        Assert.All(city.Places.Where(p => p.ParentId is not null), p =>
        {
            var parent = city.PlaceById[p.ParentId!.Value];
            Assert.Equal(PlacePath.Child(parent.Path, p.Id), p.Path);
            Assert.True(p.Kind.CanHangUnder(parent.Kind), $"{p.Kind} {p.Code} under {parent.Kind}");
            Assert.True(p.Path.Length <= PlacePath.MaxLength);
        });
    }

    [Fact]
    public void Each_stream_refers_only_to_rows_of_the_streams_before_it()
    {
        // The order a load writes in: areas, grids, buildings, households, residents.
        var city = new DemoCityGenerator(DemoSize.Tiny, 20200228);
        var places = new HashSet<long>();
        foreach (var area in city.Areas())
        {
            Assert.True(area.ParentId is null || places.Contains(area.ParentId.Value));
            Assert.Null(area.GridId);
            places.Add(area.Id);
        }
        var grids = new HashSet<long>();
        foreach (var grid in city.Grids())
        {
            Assert.Contains(grid.CommunityId, places);
            grids.Add(grid.Id);
        }
        var buildings = new HashSet<long>();
        foreach (var building in city.Buildings())
        {
            Assert.Equal(PlaceKind.Building, building.Kind);
            Assert.Contains(building.ParentId!.Value, places);
            Assert.Contains(building.GridId!.Value, grids);
            buildings.Add(building.Id);
        }
        var households = new HashSet<long>();
        foreach (var household in city.Households())
        {
            Assert.Contains(household.BuildingId, buildings);
            households.Add(household.Id);
        }
        Assert.All(city.Residents(), r => Assert.Contains(r.HouseholdId, households));
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void Codes_and_names_keep_the_place_rules(DemoSize size)
    {
        var city = GeneratedCity.Of(size);
        Assert.All(city.Places, p =>
        {
            Assert.Matches("^[A-Za-z0-9_-]{1,32}$", p.Code);
            Assert.InRange(p.NameZh.Length, 1, PlaceRules.NameMaxLength);
            Assert.InRange(p.NameEn.Length, 1, PlaceRules.NameMaxLength);
            // English names are pinyin or English words, never Chinese characters.
            Assert.Matches("^[A-Za-z0-9' .-]+$", p.NameEn);
        });
        Assert.All(city.Places.GroupBy(p => (p.ParentId, p.Code)), g => Assert.Single(g));
        Assert.All(city.Grids.GroupBy(g => (g.CommunityId, g.Code)), g => Assert.Single(g));
        Assert.All(city.Grids, g => Assert.Matches("^[A-Za-z0-9_-]{1,32}$", g.Code));
    }

    [Fact]
    public void No_building_is_empty()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        var inhabited = city.Households.Select(h => h.BuildingId).ToHashSet();
        Assert.All(city.OfKind(PlaceKind.Building), b => Assert.Contains(b.Id, inhabited));
    }
}
