using GreenGrid.Demo;
using GreenGrid.Places;

namespace GreenGrid.Tests.Demo;

/// <summary>The demo city looks like Wuchang (and, at the largest size, Wuhan) in 2020.</summary>
public sealed class DemoCityShapeTests
{
    private static readonly string[] WuchangSubdistricts =
        ["积玉桥街", "杨园街", "徐家棚街", "粮道街", "中华路街", "黄鹤楼街", "紫阳街", "白沙洲街", "首义路街", "中南路街", "水果湖街", "珞珈山街", "石洞街", "南湖街"];

    [Theory]
    [InlineData(DemoSize.Small)]
    [InlineData(DemoSize.Wuchang)]
    public void Wuchang_has_its_14_real_subdistricts_under_Wuhan(DemoSize size)
    {
        var areas = new DemoCityGenerator(size, GeneratedCity.DefaultSeed).Areas().ToList();
        var city = Assert.Single(areas, p => p.Kind == PlaceKind.City);
        Assert.Equal(("武汉市", "Wuhan", "420100"), (city.NameZh, city.NameEn, city.Code));
        var district = Assert.Single(areas, p => p.Kind == PlaceKind.District);
        Assert.Equal(("武昌区", "Wuchang District", "420106", city.Id), (district.NameZh, district.NameEn, district.Code, district.ParentId!.Value));

        var subdistricts = areas.Where(p => p.Kind == PlaceKind.Subdistrict).ToList();
        Assert.Equal(WuchangSubdistricts, subdistricts.Select(s => s.NameZh));
        Assert.Equal(Enumerable.Range(1, 14).Select(i => $"420106{i:000}"), subdistricts.Select(s => s.Code));
        Assert.All(subdistricts, s => Assert.Equal(district.Id, s.ParentId));
        Assert.Equal("Liangdao Subdistrict", subdistricts.Single(s => s.NameZh == "粮道街").NameEn);
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    [InlineData(DemoSize.Wuhan)]
    public void Tanhualin_community_is_in_Liangdao_subdistrict_of_Wuchang(DemoSize size)
    {
        var areas = new DemoCityGenerator(size, GeneratedCity.DefaultSeed).Areas().ToDictionary(p => p.Id);
        var tanhualin = Assert.Single(areas.Values, p => p.NameZh == "昙华林社区");
        Assert.Equal((PlaceKind.Community, "Tanhualin Community"), (tanhualin.Kind, tanhualin.NameEn));
        var liangdao = areas[tanhualin.ParentId!.Value];
        Assert.Equal("粮道街", liangdao.NameZh);
        Assert.Equal("武昌区", areas[liangdao.ParentId!.Value].NameZh);
        Assert.Contains(areas.Values, p => p.ParentId == tanhualin.Id && p.Kind == PlaceKind.Compound && !p.IsScattered);
    }

    [Fact]
    public void Small_has_the_whole_of_Wuchangs_structure_with_a_tenth_of_its_people()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        var communities = city.OfKind(PlaceKind.Community).ToList();
        Assert.InRange(communities.Count, 130, 150);
        var perSubdistrict = communities.GroupBy(c => c.ParentId).Select(g => g.Count()).ToList();
        Assert.Equal(14, perSubdistrict.Count);
        Assert.True(perSubdistrict.Min() < perSubdistrict.Max(), "communities per sub-district should vary");

        var compounds = city.OfKind(PlaceKind.Compound).Where(c => !c.IsScattered).ToList();
        Assert.InRange(compounds.Count, 900, 1100);
        var perCommunity = compounds.GroupBy(c => c.ParentId).Select(g => g.Count()).ToList();
        Assert.InRange(perCommunity.Average(), 6, 8);
        Assert.True(perCommunity.Min() < perCommunity.Max(), "compounds per community should vary");

        Assert.InRange(city.Residents.Count, 100_000, 150_000);
    }

    [Fact]
    public void Buildings_per_compound_vary_like_real_estates_with_a_few_large_ones()
    {
        var city = GeneratedCity.Of(DemoSize.Small);
        var regular = city.OfKind(PlaceKind.Compound).Where(c => !c.IsScattered).Select(c => c.Id).ToHashSet();
        var buildings = city.OfKind(PlaceKind.Building).Where(b => regular.Contains(b.ParentId!.Value))
            .GroupBy(b => b.ParentId).Select(g => g.Count()).ToList();
        Assert.Equal(regular.Count, buildings.Count);
        Assert.True(buildings.Min() >= 3, $"smallest compound has {buildings.Min()} buildings");
        Assert.InRange(buildings.Average(), 6, 14);
        Assert.InRange(buildings.Count(b => b >= 30), 5, 80);
        Assert.Contains(city.OfKind(PlaceKind.Building), b => b.NameZh == "1栋" && b.NameEn == "Building 1");
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void Each_community_has_exactly_one_pseudo_compound_of_scattered_buildings(DemoSize size)
    {
        var city = GeneratedCity.Of(size);
        Assert.All(city.OfKind(PlaceKind.Community), community =>
        {
            var scattered = Assert.Single(city.ChildrenOf(community), c => c.IsScattered);
            Assert.Equal(("散居楼栋", "Scattered buildings"), (scattered.NameZh, scattered.NameEn));
            var buildings = city.ChildrenOf(scattered).ToList();
            Assert.NotEmpty(buildings);
            Assert.All(buildings, b => Assert.Matches(@"^No\. \d+ [A-Z]", b.NameEn));
        });
        Assert.All(city.Places.Where(p => p.IsScattered), p => Assert.Equal(PlaceKind.Compound, p.Kind));
    }

    [Theory]
    [InlineData(DemoSize.Tiny)]
    [InlineData(DemoSize.Small)]
    public void Every_building_is_in_one_grid_of_its_own_community(DemoSize size)
    {
        var city = GeneratedCity.Of(size);
        var grids = city.Grids.ToDictionary(g => g.Id);
        Assert.All(city.OfKind(PlaceKind.Building), building =>
        {
            var grid = grids[Assert.NotNull(building.GridId)];
            var community = city.PlaceById[grid.CommunityId];
            Assert.True(community.Kind.IsCommunityLevel());
            Assert.StartsWith(community.Path, building.Path, StringComparison.Ordinal);
        });
        Assert.All(city.OfKind(PlaceKind.Community), community =>
        {
            var own = city.Grids.Where(g => g.CommunityId == community.Id).ToList();
            Assert.InRange(own.Count, 2, 12);
            Assert.All(own, g => Assert.False(string.IsNullOrWhiteSpace(g.ResponsibleWorker)));
            Assert.All(own, g => Assert.Matches(@"^1\d{10}$", g.ResponsiblePhone!));
        });
        // Every grid covers some building.
        Assert.Equal(city.Grids.Select(g => g.Id).Order(), city.OfKind(PlaceKind.Building).Select(b => b.GridId!.Value).Distinct().Order());
    }

    [Fact]
    public void Tiny_is_a_cut_down_Wuchang_with_a_few_hundred_residents()
    {
        var city = GeneratedCity.Of(DemoSize.Tiny);
        Assert.Equal(["积玉桥街", "粮道街", "中华路街"], city.OfKind(PlaceKind.Subdistrict).Select(s => s.NameZh));
        Assert.InRange(city.OfKind(PlaceKind.Community).Count(), 3, 9);
        Assert.InRange(city.Places.Count, 30, 150);
        Assert.InRange(city.Residents.Count, 200, 1000);
    }

    [Fact]
    public void Wuhan_has_its_13_districts_and_the_citys_2020_counts_of_subdistricts_communities_and_villages()
    {
        var generator = new DemoCityGenerator(DemoSize.Wuhan, GeneratedCity.DefaultSeed);
        var areas = generator.Areas().ToList();
        var districts = areas.Where(p => p.Kind == PlaceKind.District).ToList();
        Assert.Equal(
            ["420102 江岸区", "420103 江汉区", "420104 硚口区", "420105 汉阳区", "420106 武昌区", "420107 青山区", "420111 洪山区",
             "420112 东西湖区", "420113 汉南区", "420114 蔡甸区", "420115 江夏区", "420116 黄陂区", "420117 新洲区"],
            districts.Select(d => $"{d.Code} {d.NameZh}"));

        Assert.Equal(178, areas.Count(p => p.Kind is PlaceKind.Subdistrict or PlaceKind.Township));
        Assert.InRange(areas.Count(p => p.Kind == PlaceKind.Township), 10, 60);
        Assert.Equal(1406, areas.Count(p => p.Kind == PlaceKind.Community));
        Assert.Equal(1943, areas.Count(p => p.Kind == PlaceKind.Village));
        // 7,102 residential compounds plus one hamlet per village: about 9,000 to certify.
        Assert.InRange(areas.Count(p => p.Kind == PlaceKind.Compound && !p.IsScattered), 8_500, 9_500);
        Assert.All(areas.Where(p => p.Kind == PlaceKind.Village), v => Assert.EndsWith("村", v.NameZh, StringComparison.Ordinal));
        Assert.All(areas.Where(p => p.Kind == PlaceKind.Township), t => Assert.EndsWith("镇", t.NameZh, StringComparison.Ordinal));

        var counts = generator.Count();
        Assert.InRange(counts.Residents, 10_000_000, 12_000_000);
    }
}
