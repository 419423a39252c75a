using System.Net.Http.Json;
using GreenGrid.Access;
using GreenGrid.Access.IssuePass;
using GreenGrid.Access.ScanPass;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Access;

/// <summary>
/// A compound with a gate, a household of two with a resident's pass, a community worker who runs
/// the gate and a guard of the compound: the starting point of the gate tests.
/// </summary>
public sealed record AccessScenario(GreenGridApp App, Chain Chain, long GateId, long HouseholdId, long[] ResidentIds, PassView Pass, HttpClient Worker, HttpClient Guard)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<AccessScenario> Build(GreenGridApp app)
    {
        var tree = new TreeBuilder(app);
        var chain = await tree.Chain();
        var household = await tree.AddHousehold(chain.Building.Id, 2);
        await using var scope = app.Services.CreateAsyncScope();
        var residents = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == household.Id).OrderBy(r => r.Id).Select(r => r.Id).ToArrayAsync(Ct);
        var worker = await app.ClientAs(Role.CommunityWorker, chain.Community.Id);
        var gate = await Ok<GreenGrid.Access.GateView>(await worker.PostAsJsonAsync($"/api/v1/compounds/{chain.Compound.Id}/gates", new { name = "北门" }, GreenGridApp.Json, Ct));
        var pass = await Issue(worker, new { holderKind = "resident", holderResidentId = residents[0] });
        var guard = await app.ClientAs(Role.CheckpointGuard, chain.Compound.Id);
        return new AccessScenario(app, chain, gate.Id, household.Id, residents, pass, worker, guard);
    }

    public static async Task<PassView> Issue(HttpClient client, object body) =>
        await Ok<PassView>(await client.PostAsJsonAsync("/api/v1/passes", body, GreenGridApp.Json, Ct));

    public static async Task<T> Ok<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(GreenGridApp.Json, Ct))!;
    }

    public DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    public Task<HttpResponseMessage> Post(string? token, string direction, decimal? temperature = 36.5m, bool? mask = true, string? scanId = null, DateTime? at = null, long? gateId = null, HttpClient? guard = null) =>
        (guard ?? Guard).PostAsJsonAsync($"/api/v1/gates/{gateId ?? GateId}/scans",
            new { scanId = scanId ?? Guid.NewGuid().ToString(), token, direction, temperature, mask, scannedAt = at ?? Now }, GreenGridApp.Json, Ct);

    public async Task<ScanResult> Scan(string? token, string direction, decimal? temperature = 36.5m, bool? mask = true, string? scanId = null, DateTime? at = null, long? gateId = null) =>
        await Ok<ScanResult>(await Post(token, direction, temperature, mask, scanId, at, gateId));

    /// <summary>A pass row signed straight with the server's key, for windows the API would not issue (already over).</summary>
    public async Task<string> SignedPass(DateOnly from, DateOnly until)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var keys = scope.ServiceProvider.GetRequiredService<PassKeys>();
        var pass = new Pass
        {
            HolderKind = HolderKind.Resident, HolderResidentId = ResidentIds[1], HolderName = "居民1", HouseholdId = HouseholdId, PlaceId = Chain.Community.Id,
            ValidFrom = from, ValidUntil = until, QuotaRuleId = QuotaRule.ResidentDefaultId, IssuedAt = Now, IssuedById = (await db.Users.FirstAsync(Ct)).Id,
        };
        (_, pass.KeyId) = await keys.Sign(k => PassIssuer.Claims(pass, k), Ct);
        db.Passes().Add(pass);
        await db.SaveChangesAsync(Ct);
        (pass.Token, _) = await keys.Sign(k => PassIssuer.Claims(pass, k), Ct);
        await db.SaveChangesAsync(Ct);
        return pass.Token;
    }

    public async Task<int> Rows(Func<IQueryable<Scan>, IQueryable<Scan>> filter)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await filter(scope.ServiceProvider.GetRequiredService<AppDb>().Scans().Where(s => s.GateId == GateId)).CountAsync(Ct);
    }
}
