using System.Net;
using System.Net.Http.Json;
using GreenGrid.Places;
using GreenGrid.Tests.Support;

namespace GreenGrid.Tests.Places;

/// <summary>The place tree API, run on SQLite and on PostgreSQL (the subclasses at the end).</summary>
public abstract class PlaceApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private HttpClient Client => App.Hq;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<HttpResponseMessage> Post(string url, object body) => Client.PostAsJsonAsync(url, body, GreenGridApp.Json, Ct);

    [Fact]
    public async Task A_tree_built_from_city_to_building_reads_back_with_children_and_ancestors()
    {
        var chain = await Tree.Chain();

        var compound = await App.GetJson<PlaceView>($"/api/v1/places/{chain.Compound.Id}");
        Assert.Equal(PlaceKind.Compound, compound.Kind);
        Assert.Equal(chain.Community.Id, compound.ParentId);

        var children = await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Community.Id}/children");
        Assert.Equal([chain.Compound.Id], children.Select(c => c.Id));

        var ancestors = await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Building.Id}/ancestors");
        Assert.Equal(
            [chain.City.Id, chain.District.Id, chain.Subdistrict.Id, chain.Community.Id, chain.Compound.Id],
            ancestors.Select(a => a.Id));
    }

    [Fact]
    public async Task Rural_kinds_township_and_village_take_the_places_of_subdistrict_and_community()
    {
        var district = await Tree.Create(App.TestCity.Id, PlaceKind.District);
        var township = await Tree.Create(district.Id, PlaceKind.Township);
        var village = await Tree.Create(township.Id, PlaceKind.Village);
        var compound = await Tree.Create(village.Id, PlaceKind.Compound);
        Assert.Equal(village.Id, compound.ParentId);
    }

    [Fact]
    public async Task A_compound_cannot_hang_under_a_district_and_nothing_is_created()
    {
        var chain = await Tree.Chain();
        var response = await Post("/api/v1/places", new { parentId = chain.District.Id, kind = "compound", code = "K1", nameZh = "小区", nameEn = "Compound" });

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "kind");
        Assert.Contains(reasons, r => r.Contains("subdistrict", StringComparison.OrdinalIgnoreCase));
        var children = await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.District.Id}/children");
        Assert.Equal([chain.Subdistrict.Id], children.Select(c => c.Id));
    }

    [Fact]
    public async Task Only_a_city_stands_at_the_root()
    {
        var response = await App.Admin.PostAsJsonAsync("/api/v1/places", new { kind = "district", code = TreeBuilder.UniqueCode(), nameZh = "区", nameEn = "District" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "parentId");
    }

    [Fact]
    public async Task Only_an_administrator_creates_a_new_city()
    {
        var city = new { kind = "city", code = TreeBuilder.UniqueCode("C"), nameZh = "新市", nameEn = "New City" };
        var byHq = await Post("/api/v1/places", city);
        await ProblemAssert.NamesField(byHq, HttpStatusCode.BadRequest, "parentId");

        var byAdmin = await App.Admin.PostAsJsonAsync("/api/v1/places", city, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
    }

    [Fact]
    public async Task An_unknown_parent_is_refused_naming_the_parent()
    {
        var response = await Post("/api/v1/places", new { parentId = 987654321, kind = "district", code = "D1", nameZh = "区", nameEn = "District" });
        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "parentId");
        Assert.Contains(reasons, r => r.Contains("987654321"));
    }

    [Fact]
    public async Task A_code_is_unique_among_siblings_but_may_repeat_under_another_parent()
    {
        var chain = await Tree.Chain();
        var second = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);

        var duplicate = await Post("/api/v1/places", new { parentId = chain.Community.Id, kind = "compound", code = chain.Compound.Code, nameZh = "重复", nameEn = "Duplicate" });
        await ProblemAssert.NamesField(duplicate, HttpStatusCode.Conflict, "code");

        var elsewhere = await Tree.Create(second.Id, PlaceKind.Compound, code: chain.Compound.Code);
        Assert.Equal(chain.Compound.Code, elsewhere.Code);
        Assert.Single(await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Community.Id}/children"));
    }

    [Theory]
    [InlineData("nameZh", "")]
    [InlineData("nameZh", "   ")]
    [InlineData("nameEn", null)]
    [InlineData("nameEn", "Line one\nline two")]
    [InlineData("code", "has space")]
    [InlineData("code", "")]
    public async Task Bad_text_fields_are_refused_naming_the_field_and_nothing_is_created(string field, string? value)
    {
        var chain = await Tree.Chain();
        var body = new Dictionary<string, object?>
        {
            ["parentId"] = chain.Compound.Id, ["kind"] = "building", ["code"] = "B9", ["nameZh"] = "9栋", ["nameEn"] = "Building 9",
            [field] = value,
        };
        var response = await Post("/api/v1/places", body);

        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field);
        Assert.Equal([chain.Building.Id], (await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Compound.Id}/children")).Select(c => c.Id));
    }

    [Fact]
    public async Task Oversize_names_and_codes_are_refused_with_their_limits()
    {
        var chain = await Tree.Chain();
        var response = await Post("/api/v1/places", new
        {
            parentId = chain.Compound.Id, kind = "building", code = new string('B', 33), nameZh = new string('楼', 500), nameEn = "ok",
        });
        var name = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "nameZh");
        Assert.Contains(name, r => r.Contains("100"));
        var code = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "code");
        Assert.Contains(code, r => r.Contains("32"));
    }

    [Theory]
    [InlineData("{\"kind\": \"city\", ")]
    [InlineData("not json at all")]
    [InlineData("[1, 2, 3]")]
    public async Task Malformed_json_is_refused_as_an_unreadable_body(string body)
    {
        var response = await Client.PostAsync("/api/v1/places", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task An_unknown_kind_or_a_wrongly_typed_field_is_named()
    {
        var kind = await Post("/api/v1/places", new { kind = "castle", code = "X", nameZh = "城堡", nameEn = "Castle" });
        var reasons = await ProblemAssert.NamesField(kind, HttpStatusCode.BadRequest, "kind");
        Assert.Contains(reasons, r => r.Contains("compound"));

        var parent = await Post("/api/v1/places", new { parentId = "seven", kind = "district", code = "X", nameZh = "区", nameEn = "D" });
        await ProblemAssert.NamesField(parent, HttpStatusCode.BadRequest, "parentId");
    }

    [Fact]
    public async Task Renaming_changes_both_names_and_keeps_the_code()
    {
        var chain = await Tree.Chain();
        var response = await Client.PutAsJsonAsync($"/api/v1/places/{chain.Community.Id}/name", new { nameZh = "昙华林社区", nameEn = "Tanhualin Community" }, GreenGridApp.Json, Ct);
        response.EnsureSuccessStatusCode();

        var read = await App.GetJson<PlaceView>($"/api/v1/places/{chain.Community.Id}");
        Assert.Equal(("昙华林社区", "Tanhualin Community", chain.Community.Code), (read.NameZh, read.NameEn, read.Code));
    }

    [Fact]
    public async Task Renaming_to_an_empty_name_changes_nothing()
    {
        var chain = await Tree.Chain();
        var response = await Client.PutAsJsonAsync($"/api/v1/places/{chain.Community.Id}/name", new { nameZh = "", nameEn = "New" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "nameZh");
        Assert.Equal(chain.Community.NameEn, (await App.GetJson<PlaceView>($"/api/v1/places/{chain.Community.Id}")).NameEn);
    }

    [Fact]
    public async Task An_unknown_place_answers_404_as_problem_details()
    {
        var response = await Client.GetAsync("/api/v1/places/987654321", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var rename = await Client.PutAsJsonAsync("/api/v1/places/987654321/name", new { nameZh = "甲", nameEn = "A" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.NotFound, rename.StatusCode);
    }

    [Fact]
    public async Task Moving_a_compound_carries_its_buildings_to_the_new_community()
    {
        var chain = await Tree.Chain();
        var other = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);

        var response = await Post($"/api/v1/places/{chain.Compound.Id}/move", new { newParentId = other.Id });
        response.EnsureSuccessStatusCode();

        var ancestors = await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Building.Id}/ancestors");
        Assert.Equal(other.Id, ancestors[3].Id);
        Assert.Empty(await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Community.Id}/children"));
        var counts = await App.GetJson<SubtreeCounts>($"/api/v1/places/{other.Id}/counts");
        Assert.Equal(1, counts.Places[PlaceKind.Building]);
        // The counts are kept in memory between requests: the old community's were read before the move too.
        var left = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Community.Id}/counts");
        Assert.Empty(left.Places);
        var subdistrict = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Subdistrict.Id}/counts");
        Assert.Equal((2, 1, 1), (subdistrict.Places[PlaceKind.Community], subdistrict.Places[PlaceKind.Compound], subdistrict.Places[PlaceKind.Building]));
    }

    [Fact]
    public async Task Places_created_under_a_place_count_at_once_at_every_level_above()
    {
        var chain = await Tree.Chain();
        var before = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.District.Id}/counts");
        Assert.Equal(1, before.Places[PlaceKind.Building]);

        await Tree.Create(chain.Compound.Id, PlaceKind.Building);
        await Tree.Create(chain.Compound.Id, PlaceKind.Building);

        var district = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.District.Id}/counts");
        Assert.Equal((1, 1, 1, 3), (district.Places[PlaceKind.Subdistrict], district.Places[PlaceKind.Community], district.Places[PlaceKind.Compound], district.Places[PlaceKind.Building]));
        var building = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Building.Id}/counts");
        Assert.Empty(building.Places);
    }

    [Fact]
    public async Task A_place_cannot_move_under_its_own_descendant_or_to_the_wrong_level()
    {
        var chain = await Tree.Chain();
        var intoItself = await Post($"/api/v1/places/{chain.Subdistrict.Id}/move", new { newParentId = chain.Compound.Id });
        await ProblemAssert.NamesField(intoItself, HttpStatusCode.BadRequest, "newParentId");

        var wrongLevel = await Post($"/api/v1/places/{chain.Compound.Id}/move", new { newParentId = chain.District.Id });
        await ProblemAssert.NamesField(wrongLevel, HttpStatusCode.BadRequest, "newParentId");

        var missing = await Post($"/api/v1/places/{chain.Compound.Id}/move", new { });
        await ProblemAssert.NamesField(missing, HttpStatusCode.BadRequest, "newParentId");

        Assert.Equal(chain.Community.Id, (await App.GetJson<PlaceView>($"/api/v1/places/{chain.Compound.Id}")).ParentId);
    }

    [Fact]
    public async Task A_move_onto_a_sibling_with_the_same_code_is_refused()
    {
        var chain = await Tree.Chain();
        var other = await Tree.Create(chain.Subdistrict.Id, PlaceKind.Community);
        await Tree.Create(other.Id, PlaceKind.Compound, code: chain.Compound.Code);

        var response = await Post($"/api/v1/places/{chain.Compound.Id}/move", new { newParentId = other.Id });
        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "newParentId");
    }

    [Fact]
    public async Task Counts_add_up_households_and_residents_at_every_level()
    {
        var chain = await Tree.Chain();
        var secondBuilding = await Tree.Create(chain.Compound.Id, PlaceKind.Building);
        await Tree.AddHousehold(chain.Building.Id, residents: 3);
        await Tree.AddHousehold(chain.Building.Id, residents: 1);
        await Tree.AddHousehold(secondBuilding.Id, residents: 2);

        var district = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.District.Id}/counts");
        Assert.Equal((3, 6), (district.Households, district.Residents));
        Assert.Equal(2, district.Places[PlaceKind.Building]);
        Assert.Equal(1, district.Places[PlaceKind.Compound]);
        Assert.False(district.Places.ContainsKey(PlaceKind.District));

        var building = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Building.Id}/counts");
        Assert.Equal((2, 4), (building.Households, building.Residents));
        var community = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Community.Id}/counts");
        Assert.Equal((district.Households, district.Residents), (community.Households, community.Residents));
    }

    [Fact]
    public async Task A_place_with_people_cannot_be_retired()
    {
        var chain = await Tree.Chain();
        await Tree.AddHousehold(chain.Building.Id, residents: 1);

        var response = await Client.PostAsync($"/api/v1/places/{chain.Compound.Id}/retire", null, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "id");
        Assert.Null((await App.GetJson<PlaceView>($"/api/v1/places/{chain.Compound.Id}")).RetiredAt);
    }

    [Fact]
    public async Task A_retired_empty_building_leaves_the_live_tree_and_its_counts()
    {
        var chain = await Tree.Chain();
        Assert.Equal(1, (await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Community.Id}/counts")).Places[PlaceKind.Building]);
        var response = await Client.PostAsync($"/api/v1/places/{chain.Building.Id}/retire", null, Ct);
        response.EnsureSuccessStatusCode();

        Assert.Empty(await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Compound.Id}/children"));
        Assert.Single(await App.GetJson<PlaceView[]>($"/api/v1/places/{chain.Compound.Id}/children?includeRetired=true"));
        var counts = await App.GetJson<SubtreeCounts>($"/api/v1/places/{chain.Community.Id}/counts");
        Assert.False(counts.Places.ContainsKey(PlaceKind.Building));
    }

    [Fact]
    public async Task A_place_with_live_children_cannot_be_retired()
    {
        var chain = await Tree.Chain();
        var response = await Client.PostAsync($"/api/v1/places/{chain.Compound.Id}/retire", null, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "id");
    }

    [Fact]
    public async Task A_community_has_one_pseudo_compound_for_scattered_buildings()
    {
        var chain = await Tree.Chain();
        var scattered = await Tree.Create(chain.Community.Id, PlaceKind.Compound, scattered: true);
        Assert.True(scattered.IsScattered);

        var second = await Post("/api/v1/places", new { parentId = chain.Community.Id, kind = "compound", code = "S2", nameZh = "散居2", nameEn = "Scattered 2", isScattered = true });
        await ProblemAssert.NamesField(second, HttpStatusCode.Conflict, "isScattered");
        var building = await Post("/api/v1/places", new { parentId = chain.Compound.Id, kind = "building", code = "S3", nameZh = "楼", nameEn = "B", isScattered = true });
        await ProblemAssert.NamesField(building, HttpStatusCode.BadRequest, "isScattered");
    }
}

public sealed class PlaceApiTests_on_Sqlite(SqliteApp fixture) : PlaceApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class PlaceApiTests_on_Postgres(PostgresApp fixture) : PlaceApiTests(fixture), IClassFixture<PostgresApp>;
