using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GreenGrid.Accounts;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register.ReadHouseholds;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Accounts;

/// <summary>Sign-in, tokens, accounts administration, privacy of numbers and the audit log, over HTTP.</summary>
public abstract class AccountApiTests(AppFixture fixture) : IAsyncLifetime
{
    private GreenGridApp App => fixture.App;
    private MatrixCity City = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => City = await MatrixCity.Build(App);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<HttpResponseMessage> Token(string? userName, string? password) =>
        App.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new { userName, password }, Ct);

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var account = await App.Create(Role.CommunityWorker, [City.A.Community.Id]);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Token(account.UserName, "wrong-password-1")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Token(account.UserName, "wrong-password-1")).StatusCode);
        var locked = await Token(account.UserName, TestAccounts.Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("locked", await locked.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_answer_and_both_are_audited()
    {
        var unknown = await Token("nobody.here", "whatever-password-1");
        var wrong = await Token(City.A.Worker.UserName, "whatever-password-1");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(await Detail(unknown), await Detail(wrong));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.UserName == "nobody.here", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.SubjectIds == City.A.Worker.Id.ToString(), Ct));
    }

    [Theory]
    [InlineData("userName", "", "x")]
    [InlineData("userName", null, "x")]
    [InlineData("password", "someone", "")]
    public async Task Missing_sign_in_fields_are_named(string field, string? userName, string? password) =>
        await ProblemAssert.NamesField(await Token(userName, password), HttpStatusCode.BadRequest, field);

    [Fact]
    public async Task Over_long_and_malformed_sign_in_input_is_refused_without_a_server_error()
    {
        await ProblemAssert.NamesField(await Token(new string('a', 5000), "x"), HttpStatusCode.BadRequest, "userName");
        await ProblemAssert.NamesField(await Token("someone", new string('p', 100_000)), HttpStatusCode.BadRequest, "password");
        await ProblemAssert.NamesField(await Token("some\u0000one", "password-1"), HttpStatusCode.BadRequest, "userName");
        var garbage = await App.CreateClient().PostAsync("/api/v1/auth/token", new StringContent("{\"userName\": [", System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task No_api_answer_carries_a_password_hash_or_security_stamp()
    {
        var admin = await App.ClientAs(Role.Administrator, City.A.Community.Id);
        var bodies = new[]
        {
            await admin.GetStringAsync("/api/v1/me", Ct),
            await admin.GetStringAsync("/api/v1/accounts", Ct),
            await admin.GetStringAsync($"/api/v1/accounts/{City.A.Worker.Id}", Ct),
        };
        foreach (var body in bodies)
        {
            Assert.DoesNotContain("passwordHash", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("securityStamp", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal); // Identity's hash prefix
        }
        Assert.Contains(City.A.Worker.UserName!, bodies[1]);
    }

    [Fact]
    public async Task An_administrator_creates_an_account_that_signs_in_and_sees_its_own_community()
    {
        var admin = await App.ClientAs(Role.Administrator, City.A.Community.Id);
        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "new.worker.a", displayName = "新社工", role = "gridWorker", password = "new-password-1", jurisdictionIds = new[] { City.A.Community.Id },
        }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var worker = await App.ClientFor("new.worker.a", "new-password-1");
        var roots = await worker.GetFromJsonAsync<JsonElement[]>("/api/v1/places", Ct);
        Assert.Equal(City.A.Community.Id, Assert.Single(roots!).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task An_administrator_cannot_give_away_a_place_outside_their_own_jurisdiction()
    {
        var admin = await App.ClientAs(Role.Administrator, City.A.Community.Id);
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "grab.b", displayName = "越权", role = "headquarters", password = "grab-password-1", jurisdictionIds = new[] { City.B.Community.Id },
        }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, "jurisdictionIds");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/accounts/{City.B.Worker.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Account_input_is_checked_field_by_field()
    {
        var admin = await App.ClientAs(Role.Administrator, City.A.Community.Id);
        var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "", displayName = new string('名', 300), password = "short", jurisdictionIds = Array.Empty<long>() }, GreenGridApp.Json, Ct);
        foreach (var field in new[] { "userName", "displayName", "role" })
        {
            await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field);
        }
        var weak = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "weak.one", displayName = "弱", role = "volunteer", password = "short", jurisdictionIds = new[] { City.A.Community.Id },
        }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(weak, HttpStatusCode.BadRequest, "password");
        var resident = await admin.PostAsJsonAsync("/api/v1/accounts", new
        {
            userName = "res.one", displayName = "居民", role = "resident", password = "resident-pass-1", jurisdictionIds = new[] { City.A.Community.Id },
        }, GreenGridApp.Json, Ct);
        await ProblemAssert.NamesField(resident, HttpStatusCode.BadRequest, "householdId");
    }

    [Fact]
    public async Task A_disabled_account_loses_its_token_at_once_and_cannot_sign_in()
    {
        var admin = await App.ClientAs(Role.Administrator, City.A.Community.Id);
        var account = await App.Create(Role.CommunityWorker, [City.A.Community.Id]);
        var worker = await App.ClientFor(account.UserName!);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/v1/places", Ct)).StatusCode);

        (await admin.PostAsync($"/api/v1/accounts/{account.Id}/disable", null, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/places", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(account.UserName, TestAccounts.Password)).StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_password_and_the_old_one_stops_working()
    {
        var account = await App.Create(Role.Volunteer, [City.A.Community.Id]);
        var client = await App.ClientFor(account.UserName!);
        var wrong = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "not-it-at-all-1", newPassword = "brand-new-pass-1" }, Ct);
        await ProblemAssert.NamesField(wrong, HttpStatusCode.BadRequest, "currentPassword");

        var changed = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = TestAccounts.Password, newPassword = "brand-new-pass-1" }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Token(account.UserName, TestAccounts.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Token(account.UserName, "brand-new-pass-1")).StatusCode);
    }

    [Fact]
    public async Task Numbers_are_masked_until_a_role_that_needs_them_reveals_one_record_which_is_audited()
    {
        var office = await App.ClientAs(Role.SubdistrictOffice, City.A.Community.Id);
        var household = await office.GetFromJsonAsync<HouseholdView>($"/api/v1/households/{City.A.Household.Id}", GreenGridApp.Json, Ct);
        Assert.Equal("4201**********1233", household!.Residents.Single().IdNumberMasked);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.PostAsync($"/api/v1/residents/{City.A.Resident.Id}/reveal", null, Ct)).StatusCode);

        var worker = await App.ClientFor(City.A.Worker.UserName!);
        var revealed = await worker.PostAsync($"/api/v1/residents/{City.A.Resident.Id}/reveal", null, Ct);
        var numbers = await revealed.Content.ReadFromJsonAsync<RevealedNumbers>(GreenGridApp.Json, Ct);
        Assert.Equal(("420106198001011233", "13800001111"), (numbers!.IdNumber, numbers.Phone));

        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var entry = await db.AuditEntries.Where(e => e.Action == AuditAction.Reveal).OrderByDescending(e => e.Id).FirstAsync(Ct);
        Assert.Equal((City.A.Worker.Id, City.A.Resident.Id.ToString()), (entry.AccountId, entry.SubjectIds));
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.Subject == "household" && e.SubjectIds == City.A.Household.Id.ToString(), Ct));
    }

    [Fact]
    public async Task An_export_is_masked_for_a_role_without_reveal_full_for_one_with_it_and_always_audited()
    {
        var office = await App.ClientAs(Role.SubdistrictOffice, City.A.Community.Id);
        var masked = await office.GetStringAsync($"/api/v1/places/{City.A.Community.Id}/residents.csv", Ct);
        Assert.Contains("4201**********1233", masked);
        Assert.Contains("甲居民", masked);
        Assert.DoesNotContain("乙居民", masked);

        var worker = await App.ClientFor(City.A.Worker.UserName!);
        Assert.Contains("420106198001011233", await worker.GetStringAsync($"/api/v1/places/{City.A.Community.Id}/residents.csv", Ct));

        var volunteer = await App.ClientAs(Role.Volunteer, City.A.Community.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await volunteer.GetAsync($"/api/v1/places/{City.A.Community.Id}/residents.csv", Ct)).StatusCode);

        await using var scope = App.Services.CreateAsyncScope();
        var exports = await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.CountAsync(e => e.Action == AuditAction.Export && e.PlacePath == City.A.Community.Path, Ct);
        Assert.Equal(2, exports);
    }

    [Fact]
    public async Task A_resident_sees_their_own_household_and_no_other()
    {
        var resident = await App.Create(Role.Resident, [], City.A.Household.Id);
        var client = await App.ClientFor(resident.UserName!);
        var own = await client.GetFromJsonAsync<HouseholdView>("/api/v1/me/household", GreenGridApp.Json, Ct);
        Assert.Equal("甲居民", own!.Residents.Single().Name);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/households/{City.A.Household.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/places", Ct)).StatusCode);
    }

    [Fact]
    public async Task The_audit_log_of_a_community_shows_its_own_entries_and_not_the_neighbours()
    {
        var workerB = await App.ClientFor(City.B.Worker.UserName!);
        (await workerB.GetAsync($"/api/v1/households/{City.B.Household.Id}", Ct)).EnsureSuccessStatusCode();
        var workerA = await App.ClientFor(City.A.Worker.UserName!);
        (await workerA.GetAsync($"/api/v1/households/{City.A.Household.Id}", Ct)).EnsureSuccessStatusCode();

        var hqA = await App.ClientAs(Role.Headquarters, City.A.Community.Id);
        var page = await hqA.GetFromJsonAsync<AuditPage>("/api/v1/audit?action=read", GreenGridApp.Json, Ct);
        Assert.Contains(page!.Entries, e => e.UserName == City.A.Worker.UserName && e.SubjectIds == City.A.Household.Id.ToString());
        Assert.DoesNotContain(page.Entries, e => e.UserName == City.B.Worker.UserName);

        var bad = await hqA.GetAsync("/api/v1/audit?take=100000&action=burn", Ct);
        await ProblemAssert.NamesField(bad, HttpStatusCode.BadRequest, "take");
        await ProblemAssert.NamesField(await hqA.GetAsync("/api/v1/audit?action=burn", Ct), HttpStatusCode.BadRequest, "action");
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry()
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        db.AuditEntries.Add(new AuditEntry { At = DateTime.UtcNow, Action = AuditAction.Read, Subject = "test" });
        await db.SaveChangesAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Detail\" = 'forged'", Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", Ct));
        Assert.True(await db.AuditEntries.AnyAsync(Ct));
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Detail == "forged", Ct));
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers()
    {
        var response = await App.CreateClient().GetAsync("/api/v1/places", Ct);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    private static async Task<string?> Detail(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("detail").GetString();
}

public sealed class AccountApiTests_on_Sqlite(SqliteApp fixture) : AccountApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class AccountApiTests_on_Postgres(PostgresApp fixture) : AccountApiTests(fixture), IClassFixture<PostgresApp>;
