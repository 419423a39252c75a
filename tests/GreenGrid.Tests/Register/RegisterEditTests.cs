using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using GreenGrid.Register.Counts;
using GreenGrid.Register.Merge;
using GreenGrid.Register.Merge.FindDuplicates;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Register;

/// <summary>Registering, correcting, moving and merging people over HTTP, as a community worker would.</summary>
public abstract class RegisterEditTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private TreeBuilder Tree => new(App);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static int _sequence = 100;
    private static int _idSequence;

    /// <summary>A well-formed ID number of Wuchang (420106) for the birth date and sex, unique per call.</summary>
    public static string IdNumber(DateOnly birth, Sex sex = Sex.Female)
    {
        var sequence = Interlocked.Add(ref _idSequence, 2) % 998; // even: the 17th digit says female, +1 male
        var first17 = $"420106{birth:yyyyMMdd}{sequence + (sex == Sex.Male ? 1 : 0):D3}";
        return first17 + ResidentIdNumber.CheckDigit(first17);
    }

    private static object Person(string name, DateOnly birth, Sex sex = Sex.Female, string? idNumber = null, string? phone = "13912345678", object? extra = null)
    {
        var fields = new Dictionary<string, object?>
        {
            ["name"] = name, ["sex"] = sex, ["birthDate"] = birth, ["idNumber"] = idNumber ?? IdNumber(birth, sex), ["phone"] = phone,
            ["relationship"] = Relationship.Head, ["residence"] = Residence.Floating,
        };
        foreach (var property in extra?.GetType().GetProperties() ?? [])
        {
            fields[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = property.GetValue(extra);
        }
        return fields;
    }

    private async Task<(Chain Chain, HouseholdSummary Household)> NewHousehold(HttpClient? client = null, Chain? chain = null)
    {
        chain ??= await Tree.Chain();
        var response = await (client ?? App.Hq).PostAsJsonAsync("/api/v1/households", new { buildingId = chain.Building.Id, room = $"3-{Interlocked.Increment(ref _sequence)}" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (chain, (await response.Content.ReadFromJsonAsync<HouseholdSummary>(GreenGridApp.Json, Ct))!);
    }

    private async Task<ResidentView> Register(long householdId, object person, HttpClient? client = null)
    {
        var response = await (client ?? App.Hq).PostAsJsonAsync($"/api/v1/households/{householdId}/residents", person, GreenGridApp.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<ResidentView>(GreenGridApp.Json, Ct))!;
    }

    private async Task<RegisterCountsView> Counts(long placeId) => await App.GetJson<RegisterCountsView>($"/api/v1/places/{placeId}/register");

    private async Task<int> ResidentRows()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().CountAsync(Ct);
    }

    [Fact]
    public async Task A_registered_resident_is_listed_masked_and_counted_and_the_birth_date_and_sex_come_from_the_id_number()
    {
        var (chain, household) = await NewHousehold();
        var id = IdNumber(new DateOnly(1985, 3, 12), Sex.Male);
        var created = await Register(household.Id, new { name = "王建国", idNumber = id, phone = "139 1234 5678", vulnerabilities = new[] { "chronicIllness" } });

        Assert.Equal(new DateOnly(1985, 3, 12), created.BirthDate);
        Assert.Equal(Sex.Male, created.Sex);
        Assert.Equal("139****5678", created.PhoneMasked);
        Assert.Equal(id[..4] + "**********" + id[^4..], created.IdNumberMasked);
        var read = await App.GetJson<HouseholdView>($"/api/v1/households/{household.Id}");
        Assert.Equal("王建国", read.Residents.Single().Name);
        var counts = await Counts(chain.Community.Id);
        Assert.Equal(1, counts.Residents[RegisterCategory.Residents]);
        Assert.Equal(1, counts.Residents[RegisterCategory.ChronicIllness]);
        Assert.Equal(1, counts.Households);
    }

    public static TheoryData<string, object, string, string> BadPeople => new()
    {
        { "wrong check digit", new { name = "李四", idNumber = "420106198503121230" }, "idNumber", "check digit" },
        { "impossible date in the number", new { name = "李四", idNumber = Fix("42010619850231123") }, "idNumber", "not a real birth date" },
        { "unknown region", new { name = "李四", idNumber = Fix("99010619850312123") }, "idNumber", "region code" },
        { "too short", new { name = "李四", idNumber = "4201061985" }, "idNumber", "18 characters" },
        { "letter inside", new { name = "李四", idNumber = "4201061985A3121230" }, "idNumber", "must be digits" },
        { "future birth date", new { name = "李四", documentType = "passport", idNumber = "E12345678", sex = "male", birthDate = "2031-01-01" }, "birthDate", "future" },
        { "birth date disagrees", new { name = "李四", idNumber = Fix("42010619850312123"), birthDate = "1985-03-13" }, "birthDate", "does not agree" },
        { "sex disagrees", new { name = "李四", idNumber = Fix("42010619850312123"), sex = "female" }, "sex", "17th digit" },
        { "empty name", new { name = "  ", idNumber = Fix("42010619850312123") }, "name", "required" },
        { "name of 500 characters", new { name = new string('王', 500), idNumber = Fix("42010619850312123") }, "name", "at most 100" },
        { "control characters", new { name = "李\n四", idNumber = Fix("42010619850312123") }, "name", "control characters" },
        { "bad passport", new { name = "John Smith", documentType = "passport", idNumber = "E1-23", sex = "male", birthDate = "1980-01-01" }, "idNumber", "passport" },
        { "bad phone", new { name = "李四", idNumber = Fix("42010619850312123"), phone = "12345" }, "phone", "not a phone number" },
    };

    /// <summary>17 digits and their right check digit.</summary>
    private static string Fix(string first17) => first17 + ResidentIdNumber.CheckDigit(first17);

    [Theory]
    [MemberData(nameof(BadPeople))]
    public async Task A_bad_resident_is_refused_with_the_field_and_the_reason_and_changes_nothing(string why, object person, string field, string reasonPart)
    {
        var (_, household) = await NewHousehold();
        var before = await ResidentRows();

        var response = await App.Hq.PostAsJsonAsync($"/api/v1/households/{household.Id}/residents", person, GreenGridApp.Json, Ct);

        var reasons = await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field);
        Assert.True(reasons.Any(r => r.Contains(reasonPart, StringComparison.Ordinal)), $"{why}: {string.Join(" | ", reasons)}");
        Assert.Equal(before, await ResidentRows());
    }

    [Fact]
    public async Task Full_width_digits_from_a_chinese_input_method_are_read_as_digits()
    {
        var (_, household) = await NewHousehold();
        var id = IdNumber(new DateOnly(1990, 7, 1));
        var fullWidth = string.Concat(id.Select(c => c == 'X' ? 'Ｘ' : (char)(c - '0' + '０')));
        var created = await Register(household.Id, new { name = "张三", idNumber = fullWidth });
        Assert.Equal(id[^4..], created.IdNumberMasked[^4..]);
    }

    [Fact]
    public async Task The_same_id_number_is_never_registered_twice_and_the_answer_names_the_existing_record()
    {
        var (_, household) = await NewHousehold();
        var id = IdNumber(new DateOnly(1970, 5, 5));
        var first = await Register(household.Id, Person("赵敏", new DateOnly(1970, 5, 5), idNumber: id));
        var (_, other) = await NewHousehold();

        var response = await App.Hq.PostAsJsonAsync($"/api/v1/households/{other.Id}/residents", Person("赵敏", new DateOnly(1970, 5, 5), idNumber: id), GreenGridApp.Json, Ct);

        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "idNumber");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var duplicate = body.RootElement.GetProperty("duplicates").EnumerateArray().Single();
        Assert.Equal(first.Id, duplicate.GetProperty("residentId").GetInt64());
        Assert.Equal("sameIdNumber", duplicate.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Same_name_birth_date_and_phone_is_flagged_and_can_be_confirmed_as_somebody_else()
    {
        var (_, household) = await NewHousehold();
        var birth = new DateOnly(1960, 9, 9);
        await Register(household.Id, Person("刘洋", birth, phone: "13700001111"));

        var flagged = await App.Hq.PostAsJsonAsync($"/api/v1/households/{household.Id}/residents", Person("刘洋", birth, phone: "13700001111"), GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(flagged, HttpStatusCode.Conflict, "name");

        await Register(household.Id, Person("刘洋", birth, phone: "13700001111", extra: new { confirmNotDuplicate = true }));
        var read = await App.GetJson<HouseholdView>($"/api/v1/households/{household.Id}");
        Assert.Equal(2, read.Residents.Length);
    }

    [Fact]
    public async Task A_duplicate_in_another_community_names_only_that_community_not_the_person()
    {
        var (chainA, householdA) = await NewHousehold();
        var (chainB, householdB) = await NewHousehold();
        var id = IdNumber(new DateOnly(1982, 2, 2));
        await Register(householdB.Id, Person("孙丽", new DateOnly(1982, 2, 2), idNumber: id));
        using var workerOfA = await App.ClientAs(Role.CommunityWorker, chainA.Community.Id);

        var response = await workerOfA.PostAsJsonAsync($"/api/v1/households/{householdA.Id}/residents", Person("孙丽", new DateOnly(1982, 2, 2), idNumber: id), GreenGridApp.Json, Ct);

        await ProblemAssert.NamesField(response, HttpStatusCode.Conflict, "idNumber");
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var json = JsonDocument.Parse(body);
        var duplicate = json.RootElement.GetProperty("duplicates").EnumerateArray().Single();
        Assert.Equal(chainB.Community.Id, duplicate.GetProperty("communityId").GetInt64());
        Assert.Equal(JsonValueKind.Null, duplicate.GetProperty("residentId").ValueKind);
        Assert.DoesNotContain("孙丽", body);
    }

    [Fact]
    public async Task A_resident_who_moved_out_is_no_longer_counted_but_is_listed_as_moved_out()
    {
        var (chain, household) = await NewHousehold();
        var resident = await Register(household.Id, Person("周杰", new DateOnly(1975, 1, 1)));

        var future = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/status", new { status = "movedOut", date = "2020-03-30" }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(future, HttpStatusCode.BadRequest, "date");
        var moved = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/status", new { status = "movedOut", date = "2020-02-20" }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);

        var counts = await Counts(chain.Community.Id);
        Assert.Equal(0, counts.Residents[RegisterCategory.Residents]);
        Assert.Equal(1, counts.Residents[RegisterCategory.MovedOut]);
        var list = await App.GetJson<ResidentPage>($"/api/v1/places/{chain.Community.Id}/residents?category=movedOut");
        Assert.Equal(resident.Id, list.Items.Single().Id);
    }

    [Fact]
    public async Task A_resident_moves_to_a_household_of_another_building_and_is_counted_there()
    {
        var (chain, from) = await NewHousehold();
        var otherBuilding = await Tree.Create(chain.Compound.Id, GreenGrid.Places.PlaceKind.Building);
        var to = await App.Hq.PostAsJsonAsync("/api/v1/households", new { buildingId = otherBuilding.Id, room = "9-901" }, GreenGridApp.Json, Ct);
        var target = (await to.Content.ReadFromJsonAsync<HouseholdSummary>(GreenGridApp.Json, Ct))!;
        var resident = await Register(from.Id, Person("吴迪", new DateOnly(1999, 9, 9)));

        var moved = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/move", new { householdId = target.Id }, GreenGridApp.Json, Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(0, (await Counts(chain.Building.Id)).Residents[RegisterCategory.Residents]);
        Assert.Equal(1, (await Counts(otherBuilding.Id)).Residents[RegisterCategory.Residents]);
        var unknown = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{resident.Id}/move", new { householdId = 987654321 }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(unknown, HttpStatusCode.BadRequest, "householdId");
    }

    [Fact]
    public async Task A_merge_keeps_both_records_counts_one_person_and_undoing_it_restores_both_exactly()
    {
        var (chain, household) = await NewHousehold();
        var birth = new DateOnly(1950, 6, 6);
        var kept = await Register(household.Id, Person("陈红", birth, phone: null, extra: new { note = "社区登记" }));
        var other = await Register(household.Id, Person("陈红", birth, phone: "13600002222", extra: new { vulnerabilities = new[] { "elderlyAlone" }, note = "排查发现" }));
        Assert.Equal(2, (await Counts(chain.Community.Id)).Residents[RegisterCategory.Residents]);

        var response = await App.Hq.PostAsJsonAsync($"/api/v1/residents/{kept.Id}/merge", new { mergedId = other.Id }, GreenGridApp.Json, Ct);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        var merged = (await response.Content.ReadFromJsonAsync<ResidentView>(GreenGridApp.Json, Ct))!;
        Assert.Equal("136****2222", merged.PhoneMasked);             // the kept record had none: it takes the other's
        Assert.Equal(Vulnerability.ElderlyAlone, merged.Vulnerabilities); // flags of both
        Assert.Equal("社区登记 / 排查发现", merged.Note);                 // notes of both
        Assert.Equal(1, (await Counts(chain.Community.Id)).Residents[RegisterCategory.Residents]);
        Assert.Single((await App.GetJson<HouseholdView>($"/api/v1/households/{household.Id}")).Residents);

        var merge = (await App.GetJson<MergeView[]>($"/api/v1/residents/{kept.Id}/merges")).Single();
        var undo = await App.Hq.PostAsync($"/api/v1/merges/{merge.Id}/undo", null, Ct);
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);

        var restored = await App.GetJson<ResidentView>($"/api/v1/residents/{kept.Id}");
        Assert.Equal(kept with { Age = restored.Age }, restored);
        Assert.Equal(other, await App.GetJson<ResidentView>($"/api/v1/residents/{other.Id}"));
        Assert.Equal(2, (await Counts(chain.Community.Id)).Residents[RegisterCategory.Residents]);
        var again = await App.Hq.PostAsync($"/api/v1/merges/{merge.Id}/undo", null, Ct);
        await ProblemAssert.NamesField(again, HttpStatusCode.Conflict, "id");

        await using var scope = App.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AsNoTracking();
        Assert.True(await audit.AnyAsync(e => e.Action == AuditAction.Merge && e.SubjectIds == $"{kept.Id},{other.Id}", Ct));
        Assert.True(await audit.AnyAsync(e => e.Action == AuditAction.Unmerge && e.SubjectIds == $"{kept.Id},{other.Id}", Ct));
    }

    [Fact]
    public async Task Records_that_look_like_one_person_are_listed_as_duplicates_of_the_place()
    {
        var (chain, household) = await NewHousehold();
        var birth = new DateOnly(1944, 4, 4);
        await Register(household.Id, Person("何平", birth, phone: "13511112222"));
        await Register(household.Id, Person("何平", birth, phone: "13511112222", extra: new { confirmNotDuplicate = true }));

        var groups = await App.GetJson<DuplicateGroup[]>($"/api/v1/places/{chain.Community.Id}/duplicates");

        var group = Assert.Single(groups);
        Assert.Equal(DuplicateReason.SameNameBirthDateAndPhone, group.Reason);
        Assert.Equal(2, group.Residents.Length);
    }

    [Fact]
    public async Task Duplicates_of_a_place_are_the_groups_a_recount_of_its_own_records_finds()
    {
        var (chain, household) = await NewHousehold();
        var (_, second) = await NewHousehold(chain: chain);
        var birth = new DateOnly(1951, 5, 1);
        await Register(household.Id, Person("周红", birth, phone: "13522223333"));
        await Register(second.Id, Person("周红", birth, phone: "13522223333", extra: new { confirmNotDuplicate = true }));
        await Register(second.Id, Person("吴军", new DateOnly(1977, 7, 7), phone: "13533334444"));

        await using var scope = App.Services.CreateAsyncScope();
        var place = await scope.ServiceProvider.GetRequiredService<AppDb>().Places().SingleAsync(p => p.Id == chain.Community.Id, Ct);
        var recount = await DuplicatesRecount.Groups(scope.ServiceProvider.GetRequiredService<AppDb>(), place, Ct);
        var found = (await App.GetJson<DuplicateGroup[]>($"/api/v1/places/{chain.Community.Id}/duplicates"))
            .Select(g => DuplicatesRecount.Shape(g.Reason, g.Residents.Select(r => r.Id))).ToList();

        Assert.Contains(found, g => g.StartsWith(nameof(DuplicateReason.SameNameBirthDateAndPhone), StringComparison.Ordinal));
        Assert.Equal(recount.Order(), found.Order());
    }

    [Fact]
    public async Task Every_count_of_the_register_equals_the_length_of_its_list()
    {
        var (chain, household) = await NewHousehold();
        var (_, second) = await NewHousehold(chain: chain);
        await Register(household.Id, Person("甲", new DateOnly(1940, 1, 1), extra: new { residence = "registered", vulnerabilities = new[] { "elderlyAlone", "chronicIllness" } }));
        await Register(household.Id, Person("乙", new DateOnly(1992, 1, 1), extra: new { residence = "floating", vulnerabilities = new[] { "pregnant" } }));
        await Register(second.Id, Person("丙", new DateOnly(1988, 1, 1), extra: new { residence = "stranded" }));
        var gone = await Register(second.Id, Person("丁", new DateOnly(1930, 1, 1), extra: new { vulnerabilities = new[] { "dialysis" } }));
        await App.Hq.PostAsJsonAsync($"/api/v1/residents/{gone.Id}/status", new { status = "deceased", date = "2020-02-10" }, GreenGridApp.Json, Ct);

        var counts = await Counts(chain.Community.Id);

        Assert.Equal(3, counts.Residents[RegisterCategory.Residents]);
        Assert.Equal(0, counts.Residents[RegisterCategory.Dialysis]);
        Assert.Equal(1, counts.Residents[RegisterCategory.Deceased]);
        Assert.Equal(2, counts.Residents[RegisterCategory.Vulnerable]);
        foreach (var (category, count) in counts.Residents)
        {
            var list = await App.GetJson<ResidentPage>($"/api/v1/places/{chain.Community.Id}/residents?category={category}&take=500");
            Assert.True(count == list.Total && count == list.Items.Length, $"{category}: count {count}, list {list.Total}/{list.Items.Length}");
        }
        await ProblemAssert.NamesField(await App.Hq.GetAsync($"/api/v1/places/{chain.Community.Id}/residents?category=everyone", Ct), HttpStatusCode.BadRequest, "category");
        await ProblemAssert.NamesField(await App.Hq.GetAsync($"/api/v1/places/{chain.Community.Id}/residents?take=100000", Ct), HttpStatusCode.BadRequest, "take");
        // The community's count is the sum of its buildings'.
        Assert.Equal(counts.Residents[RegisterCategory.Residents], (await Counts(chain.Building.Id)).Residents[RegisterCategory.Residents]);
    }

    [Fact]
    public async Task The_xlsx_export_has_every_resident_with_numbers_masked_for_a_role_that_does_not_need_them_and_is_audited()
    {
        var (chain, household) = await NewHousehold();
        var id = IdNumber(new DateOnly(1977, 7, 7));
        await Register(household.Id, Person("=SUM(A1)", new DateOnly(1977, 7, 7), idNumber: id));
        using var office = await App.ClientAs(Role.SubdistrictOffice, chain.Subdistrict.Id);

        var response = await office.GetAsync($"/api/v1/places/{chain.Community.Id}/residents.xlsx", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct));
        using var workbook = SpreadsheetDocument.Open(stream, false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(r => r.Descendants<Cell>().Select(c => c.InnerText).ToArray()).ToArray();
        Assert.Equal(2, rows.Length);
        Assert.Equal("idNumber", rows[0][7]);
        Assert.Equal(id[..4] + "**********" + id[^4..], rows[1][7]);
        Assert.Equal("'=SUM(A1)", rows[1][3]); // a formula-like name cannot run in a spreadsheet
        await using var scope = App.Services.CreateAsyncScope();
        var community = chain.Community.Code;
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries
            .AnyAsync(e => e.Action == AuditAction.Export && e.Detail == $"1 residents of {chain.Community.NameZh} ({community}) as XLSX, numbers masked", Ct));
    }

    [Fact]
    public async Task A_grid_worker_corrects_a_resident_and_only_the_changed_field_names_are_audited()
    {
        var (chain, household) = await NewHousehold();
        var resident = await Register(household.Id, Person("郑爽", new DateOnly(1991, 1, 1)));
        using var grid = await App.ClientAs(Role.GridWorker, chain.Community.Id);

        var withoutNumber = (Dictionary<string, object?>)Person("郑爽", new DateOnly(1991, 1, 1), phone: "13899998888");
        withoutNumber.Remove("idNumber");
        var response = await grid.PutAsJsonAsync($"/api/v1/residents/{resident.Id}", withoutNumber, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "idNumber");

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var stored = await db.Residents().AsNoTracking().FirstAsync(r => r.Id == resident.Id, Ct);
        var fix = await grid.PutAsJsonAsync($"/api/v1/residents/{resident.Id}", Person("郑爽", new DateOnly(1991, 1, 1), idNumber: stored.IdNumber, phone: "13899998888"), GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        var entry = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Update && e.SubjectIds == resident.Id.ToString()).SingleAsync(Ct);
        Assert.Equal("changed phone", entry.Detail);
    }
}

public sealed class RegisterEditTests_on_Sqlite(SqliteApp fixture) : RegisterEditTests(fixture), IClassFixture<SqliteApp>;

public sealed class RegisterEditTests_on_Postgres(PostgresApp fixture) : RegisterEditTests(fixture), IClassFixture<PostgresApp>;
