using System.Net;
using System.Net.Http.Json;
using System.Text;
using GreenGrid.Cases;
using GreenGrid.Cases.Reconciliation;
using GreenGrid.Cases.Reconciliation.ReadDisagreements;
using GreenGrid.Cases.Reconciliation.ReadImport;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Cases;

/// <summary>Lists of other sources compared with the register person by person, and where sources disagree by place.</summary>
public abstract class ReconciliationApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    static ReconciliationApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static MultipartFormDataContent Upload(byte[] file, string source = "labPositives", string? asOf = "2020-02-27")
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(file), "file", "lab.csv" }, { new StringContent(source), "source" }, { new StringContent("市疾控中心"), "sourceName" } };
        if (asOf is not null)
        {
            form.Add(new StringContent(asOf), "asOf");
        }
        return form;
    }

    private async Task<int> Imports()
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDb>().ReconciliationImports().CountAsync(Ct);
    }

    private static async Task Event(HttpClient worker, long residentId, object body) =>
        Assert.Equal(HttpStatusCode.Created, (await worker.PostAsJsonAsync($"/api/v1/residents/{residentId}/case-events", body, GreenGridApp.Json, Ct)).StatusCode);

    [Fact]
    public async Task A_lab_list_compared_with_the_register_sorts_people_into_same_different_only_in_the_list_only_in_the_register_and_elsewhere()
    {
        var chain = await new TreeBuilder(App).Chain();
        var (_, ids, numbers) = await CasePeopleBuilder.Household(App, chain.Building.Id, 4); // A, B, C, D
        var elsewhere = await new TreeBuilder(App).Chain();
        var (_, _, otherNumbers) = await CasePeopleBuilder.Household(App, elsewhere.Building.Id, 1); // E
        var worker = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        await Event(worker, ids[0], new { type = "confirmed", effectiveDate = "2020-02-20" });
        await Event(worker, ids[1], new { type = "suspected", effectiveDate = "2020-02-21" });
        await Event(worker, ids[2], new { type = "closeContact", effectiveDate = "2020-02-21", lastExposure = "2020-02-20" });
        var csv = $"""
            姓名,身份证号,状态,日期
            甲,{numbers[0]},确诊,2020-02-20
            乙,{numbers[1]},confirmed,2020-02-21
            丁,{numbers[3].ToLowerInvariant()},疑似,2020-02-22
            无名,X000000001,密接,2020/2/22
            戊,{otherNumbers[0]},confirmed,
            """;

        var response = await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(Encoding.UTF8.GetBytes(csv)), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var import = (await response.Content.ReadFromJsonAsync<ReconciliationView>(GreenGridApp.Json, Ct))!;
        Assert.Equal((5, 1, 1, 2, 1, 1), (import.ListRows, import.Same, import.Different, import.OnlyInList, import.OnlyInRegister, import.Elsewhere));

        var detail = (await worker.GetFromJsonAsync<ReconciliationDetail>($"/api/v1/reconciliations/{import.Id}", GreenGridApp.Json, Ct))!;
        Assert.Equal(6, detail.Total);
        var byName = detail.Rows.ToDictionary(r => r.Name);
        Assert.Equal((ReconciliationOutcome.Same, CaseCategory.Confirmed), (byName["甲"].Outcome, byName["甲"].RegisterStatus));
        Assert.Equal((ReconciliationOutcome.Different, CaseCategory.Confirmed, CaseCategory.Suspected), (byName["乙"].Outcome, byName["乙"].Claimed, byName["乙"].RegisterStatus));
        Assert.Equal((ReconciliationOutcome.OnlyInList, (long?)ids[3]), (byName["丁"].Outcome, byName["丁"].ResidentId));
        Assert.Equal((ReconciliationOutcome.OnlyInList, (long?)null), (byName["无名"].Outcome, byName["无名"].ResidentId));
        Assert.Equal((ReconciliationOutcome.Elsewhere, (long?)null, (CaseCategory?)null), (byName["戊"].Outcome, byName["戊"].ResidentId, byName["戊"].RegisterStatus));
        var onlyInRegister = Assert.Single(detail.Rows, r => r.Outcome == ReconciliationOutcome.OnlyInRegister);
        Assert.Equal((ids[2], CaseCategory.CloseContact, (int?)null), (onlyInRegister.ResidentId!.Value, onlyInRegister.RegisterStatus!.Value, onlyInRegister.Row));
        Assert.DoesNotContain(numbers[0], await (await worker.GetAsync($"/api/v1/reconciliations/{import.Id}", Ct)).Content.ReadAsStringAsync(Ct));
        var different = (await worker.GetFromJsonAsync<ReconciliationDetail>($"/api/v1/reconciliations/{import.Id}?outcome=different", GreenGridApp.Json, Ct))!;
        Assert.Equal(["乙"], different.Rows.Select(r => r.Name));

        // HQ sees where the sources disagree, by place: the compound holds the people on the register, the community the others.
        var summary = (await App.Hq.GetFromJsonAsync<ReconciliationSummary>($"/api/v1/places/{chain.Community.Id}/reconciliation", GreenGridApp.Json, Ct))!;
        var compound = Assert.Single(summary.Children, c => c.PlaceId == chain.Compound.Id);
        Assert.Equal((1, 1, 1, 1, 3), (compound.Same, compound.Different, compound.OnlyInList, compound.OnlyInRegister, compound.Disagreements));
        var here = Assert.Single(summary.Children, c => c.PlaceId == chain.Community.Id);
        Assert.Equal((1, 1), (here.OnlyInList, here.Elsewhere));
        Assert.Equal(4, summary.Total.Disagreements);
        Assert.Equal([import.Id], summary.Imports.Select(i => i.Id));
        var district = (await App.Hq.GetFromJsonAsync<ReconciliationSummary>($"/api/v1/places/{chain.District.Id}/reconciliation", GreenGridApp.Json, Ct))!;
        Assert.Equal(4, Assert.Single(district.Children).Disagreements);
    }

    [Fact]
    public async Task A_list_saved_as_GB18030_by_a_Chinese_spreadsheet_is_read()
    {
        var chain = await new TreeBuilder(App).Chain();
        var worker = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var bytes = Encoding.GetEncoding(54936).GetBytes("姓名,证件号码,状态\r\n张三,X000000009,发热\r\n");
        var response = await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(bytes, "facilityAdmissions"), Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<ReconciliationView>(GreenGridApp.Json, Ct))!.OnlyInList);
    }

    [Theory]
    [InlineData("姓名,身份证号\n张三,X1\n", "file", "column status/状态 is missing")]
    [InlineData("姓名,身份证号,状态\n张三,X1,确诊\n李四,X2,阳性\n", "rows[3].status", "row 3, column 状态: '阳性' is not a status")]
    [InlineData("name,idNumber,status,date\nA,X1,confirmed,2020-13-01\n", "rows[2].date", "row 2, column date")]
    [InlineData("name,idNumber,status,date\nA,X1,confirmed,2020-02-28\n", "rows[2].date", "after the list's date")]
    [InlineData("name,idNumber,status\nA,X1,confirmed\nB,x1,suspected\n", "rows[3].idNumber", "already on row 2")]
    [InlineData("name,idNumber,status\n,X1,confirmed\n", "rows[2].name", "is empty")]
    [InlineData("name,idNumber,status\n", "file", "no people")]
    [InlineData("", "file", "is empty")]
    public async Task A_bad_list_is_refused_naming_the_row_and_column_and_imports_nothing(string csv, string field, string reason)
    {
        var chain = await new TreeBuilder(App).Chain();
        var worker = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var before = await Imports();
        var response = await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(Encoding.UTF8.GetBytes(csv)), Ct);
        Assert.Contains(reason, string.Join(" | ", await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field)));
        Assert.Equal(before, await Imports());
    }

    [Fact]
    public async Task Bad_form_fields_are_named()
    {
        var chain = await new TreeBuilder(App).Chain();
        var worker = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var csv = Encoding.UTF8.GetBytes("name,idNumber,status\nA,X1,confirmed\n");
        await ProblemAssert.NamesField(await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(csv, "rumour"), Ct), HttpStatusCode.BadRequest, "source");
        await ProblemAssert.NamesField(await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(csv, asOf: "2020-03-01"), Ct), HttpStatusCode.BadRequest, "asOf");
        await ProblemAssert.NamesField(await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", new StringContent("x"), Ct), HttpStatusCode.BadRequest, "file");
    }

    [Fact]
    public async Task A_caller_of_another_community_sees_no_import_and_cannot_import_into_it()
    {
        var chain = await new TreeBuilder(App).Chain();
        var worker = await App.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var response = await worker.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(Encoding.UTF8.GetBytes("name,idNumber,status\nA,X1,confirmed\n")), Ct);
        var import = (await response.Content.ReadFromJsonAsync<ReconciliationView>(GreenGridApp.Json, Ct))!;
        var elsewhere = await new TreeBuilder(App).Chain();
        var stranger = await App.ClientAs(Role.CommunityWorker, elsewhere.Community.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/reconciliations/{import.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/places/{chain.Community.Id}/reconciliation", Ct)).StatusCode);
        var before = await Imports();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(Encoding.UTF8.GetBytes("name,idNumber,status\nA,X1,confirmed\n")), Ct)).StatusCode);
        var grid = await App.ClientAs(Role.GridWorker, chain.Community.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.PostAsync($"/api/v1/places/{chain.Community.Id}/reconciliations", Upload(Encoding.UTF8.GetBytes("name,idNumber,status\nA,X1,confirmed\n")), Ct)).StatusCode);
        Assert.Equal(before, await Imports());
    }
}

public sealed class ReconciliationApiTests_on_Sqlite(SqliteApp fixture) : ReconciliationApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ReconciliationApiTests_on_Postgres(PostgresApp fixture) : ReconciliationApiTests(fixture), IClassFixture<PostgresApp>;
