using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using GreenGrid.Access;
using GreenGrid.Access.Offline;
using GreenGrid.Access.ReadFeverAlerts;
using GreenGrid.Access.ReadHourlyScans;
using GreenGrid.Access.ReadOutsideNow;
using GreenGrid.Access.ScanPass;
using GreenGrid.Access.UploadScans;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Access;

/// <summary>Passes scanned at a gate over HTTP: what is let through, what is turned away and why, each scan recorded exactly once.</summary>
public abstract class ScanApiTests(AppFixture fixture)
{
    private GreenGridApp App => fixture.App;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<AccessScenario> Scenario() => AccessScenario.Build(App);

    private static void Decided(ScanResult result, Decision decision, ScanReason reason)
    {
        Assert.Equal(decision, result.Decision);
        Assert.Equal(reason, result.Reason);
    }

    [Fact]
    public async Task A_resident_goes_out_and_comes_back_and_a_second_exit_of_the_household_the_same_day_is_refused_for_quota()
    {
        var s = await Scenario();
        var exit = await s.Scan(s.Pass.Token, "out");
        Decided(exit, Decision.Allow, ScanReason.Ok);
        Assert.Equal(s.Pass.Id, exit.PassId);
        Assert.Equal("居民0", exit.HolderName);
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Allow, ScanReason.Ok);
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.QuotaUsed);
        // Another member's pass shares the household's one exit a day.
        var other = await AccessScenario.Issue(s.Worker, new { holderKind = "resident", holderResidentId = s.ResidentIds[1] });
        Decided(await s.Scan(other.Token, "out"), Decision.Deny, ScanReason.QuotaUsed);
        Assert.Equal(4, await s.Rows(q => q));
    }

    [Fact]
    public async Task The_same_scan_sent_twice_answers_the_same_result_and_is_one_row()
    {
        var s = await Scenario();
        var id = Guid.NewGuid().ToString();
        var first = await s.Scan(s.Pass.Token, "out", scanId: id);
        var again = await s.Scan(s.Pass.Token, "out", scanId: id);
        Decided(first, Decision.Allow, ScanReason.Ok);
        Decided(again, Decision.Allow, ScanReason.Ok);
        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, await s.Rows(q => q.Where(x => x.ClientScanId == id)));
    }

    [Fact]
    public async Task Scans_sent_at_the_same_moment_with_repeats_among_them_are_each_recorded_once_and_answered_alike()
    {
        // Sent together they share group commits; a repeat in a group makes the group fall back to one commit per scan.
        var s = await Scenario();
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid().ToString()).ToArray();
        var answers = await Task.WhenAll(ids.Concat(ids).Select(id => s.Scan(null, "in", scanId: id)));
        foreach (var id in ids)
        {
            var pair = answers.Where(a => a.ScanId == id).ToArray();
            Assert.Equal(2, pair.Length);
            Assert.Equal(pair[0].Id, pair[1].Id);
            Assert.Single(pair, a => a.Replayed);
            Assert.Equal(1, await s.Rows(q => q.Where(x => x.ClientScanId == id)));
        }
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused_as_an_invalid_signature()
    {
        var s = await Scenario();
        using var thief = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claims = PassToken.Verify(s.Pass.Token, _ => null) is var _ ? new PassClaims(1, s.Pass.Id, HolderKind.Resident, s.Chain.Community.Id, s.HouseholdId, new DateOnly(2020, 2, 1), new DateOnly(2020, 12, 31), QuotaRule.UnlimitedId) : null;
        var forged = PassToken.Sign(claims!, thief);
        Decided(await s.Scan(forged, "out"), Decision.Deny, ScanReason.InvalidSignature);
    }

    [Fact]
    public async Task A_token_with_one_byte_flipped_is_refused_as_an_invalid_signature()
    {
        var s = await Scenario();
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(s.Pass.Token);
        foreach (var index in new[] { 5, 13, 31, 40, 97 })
        {
            var copy = (byte[])bytes.Clone();
            copy[index] ^= 0x01;
            var result = await s.Scan(System.Buffers.Text.Base64Url.EncodeToString(copy), "out");
            Decided(result, Decision.Deny, ScanReason.InvalidSignature);
            Assert.Null(result.PassId);
        }
        Decided(await s.Scan("not-a-pass-at-all", "out"), Decision.Deny, ScanReason.InvalidSignature);
    }

    [Fact]
    public async Task A_person_without_a_pass_is_turned_away_as_an_outsider()
    {
        var s = await Scenario();
        Decided(await s.Scan(null, "in"), Decision.Deny, ScanReason.Outsider);
        Decided(await s.Scan("", "in"), Decision.Deny, ScanReason.Outsider);
    }

    [Fact]
    public async Task An_expired_pass_and_a_pass_not_yet_valid_are_refused()
    {
        var s = await Scenario();
        Decided(await s.Scan(await s.SignedPass(new DateOnly(2020, 2, 10), new DateOnly(2020, 2, 27)), "out"), Decision.Deny, ScanReason.Expired);
        var tomorrow = await AccessScenario.Issue(s.Worker, new { holderKind = "resident", holderResidentId = s.ResidentIds[1], validFrom = "2020-02-29" });
        Decided(await s.Scan(tomorrow.Token, "out"), Decision.Deny, ScanReason.NotYetValid);
    }

    [Fact]
    public async Task A_pass_of_another_community_is_refused_for_the_wrong_place()
    {
        var s = await Scenario();
        var elsewhere = await Scenario();
        Decided(await s.Scan(elsewhere.Pass.Token, "in"), Decision.Deny, ScanReason.WrongPlace);
    }

    [Fact]
    public async Task A_revoked_pass_is_refused_at_once_with_the_reason_kept()
    {
        var s = await Scenario();
        var revoked = await AccessScenario.Ok<GreenGrid.Access.PassView>(
            await s.Worker.PostAsJsonAsync($"/api/v1/passes/{s.Pass.Id}/revoke", new { reason = "lost" }, GreenGridApp.Json, Ct));
        Assert.Equal(GreenGrid.Access.PassStatus.Revoked, revoked.Status);
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.Revoked);
    }

    // The next three start with scans, so that the gate's pass ledger holds the pass before the change.

    [Fact]
    public async Task A_pass_that_went_out_and_in_is_refused_at_the_next_scan_once_it_is_revoked()
    {
        var s = await Scenario();
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Allow, ScanReason.Ok);
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Allow, ScanReason.Ok);
        await AccessScenario.Ok<GreenGrid.Access.PassView>(
            await s.Worker.PostAsJsonAsync($"/api/v1/passes/{s.Pass.Id}/revoke", new { reason = "lost" }, GreenGridApp.Json, Ct));
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.Revoked);
    }

    [Fact]
    public async Task A_household_seen_at_the_gate_is_suspended_at_the_next_scan_once_a_member_becomes_a_close_contact()
    {
        var s = await Scenario();
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Allow, ScanReason.Ok);
        var grid = await App.ClientAs(Role.GridWorker, s.Chain.Community.Id);
        var contact = await grid.PostAsJsonAsync($"/api/v1/residents/{s.ResidentIds[1]}/case-events",
            new { type = "closeContact", effectiveDate = "2020-02-27", lastExposure = "2020-02-26", source = "community" }, GreenGridApp.Json, Ct);
        Assert.True(contact.IsSuccessStatusCode, await contact.Content.ReadAsStringAsync(Ct));
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.Suspended);
    }

    [Fact]
    public async Task A_household_seen_at_the_gate_is_suspended_at_the_next_scan_once_a_close_contact_moves_in()
    {
        var s = await Scenario();
        var elsewhere = await new TreeBuilder(App).AddHousehold(s.Chain.Building.Id, 1);
        long contactId;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            contactId = await scope.ServiceProvider.GetRequiredService<AppDb>().Residents().Where(r => r.HouseholdId == elsewhere.Id).Select(r => r.Id).SingleAsync(Ct);
        }
        var grid = await App.ClientAs(Role.GridWorker, s.Chain.Community.Id);
        var contact = await grid.PostAsJsonAsync($"/api/v1/residents/{contactId}/case-events",
            new { type = "closeContact", effectiveDate = "2020-02-27", lastExposure = "2020-02-26", source = "community" }, GreenGridApp.Json, Ct);
        Assert.True(contact.IsSuccessStatusCode, await contact.Content.ReadAsStringAsync(Ct));
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Allow, ScanReason.Ok);

        var moved = await s.Worker.PostAsJsonAsync($"/api/v1/residents/{contactId}/move", new { householdId = s.HouseholdId }, GreenGridApp.Json, Ct);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync(Ct));
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.Suspended);
    }

    [Fact]
    public async Task A_household_with_a_close_contact_is_suspended_and_restored_when_the_contact_is_released()
    {
        var s = await Scenario();
        var grid = await App.ClientAs(Role.GridWorker, s.Chain.Community.Id);
        var contact = await grid.PostAsJsonAsync($"/api/v1/residents/{s.ResidentIds[1]}/case-events",
            new { type = "closeContact", effectiveDate = "2020-02-27", lastExposure = "2020-02-26", source = "community" }, GreenGridApp.Json, Ct);
        Assert.True(contact.IsSuccessStatusCode, await contact.Content.ReadAsStringAsync(Ct));
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Deny, ScanReason.Suspended);
        // Coming home is never refused for it: let in, and flagged.
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Allow, ScanReason.Suspended);
        var listed = await s.Worker.GetFromJsonAsync<GreenGrid.Access.PassView[]>($"/api/v1/households/{s.HouseholdId}/passes", GreenGridApp.Json, Ct);
        Assert.Equal(GreenGrid.Access.PassStatus.Suspended, listed!.Single().Status);

        var released = await grid.PostAsJsonAsync($"/api/v1/residents/{s.ResidentIds[1]}/case-events",
            new { type = "released", effectiveDate = "2020-02-28", source = "community" }, GreenGridApp.Json, Ct);
        Assert.True(released.IsSuccessStatusCode, await released.Content.ReadAsStringAsync(Ct));
        Decided(await s.Scan(s.Pass.Token, "out"), Decision.Allow, ScanReason.Ok);
    }

    [Fact]
    public async Task A_guard_scanning_at_a_gate_outside_their_jurisdiction_gets_404_and_nothing_is_recorded()
    {
        var s = await Scenario();
        var other = await Scenario();
        var response = await s.Post(s.Pass.Token, "out", gateId: other.GateId);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Guard.GetAsync($"/api/v1/gates/{other.GateId}/bundle", Ct)).StatusCode);
        Assert.Equal(0, await other.Rows(q => q));
    }

    [Theory]
    [InlineData("direction", "sideways", 36.5, true, "must be in or out")]
    [InlineData("direction", null, 36.5, true, "is required")]
    [InlineData("temperature", "out", 99.0, true, "between")]
    [InlineData("scanId", "out", 36.5, false, "is required")]
    [InlineData("scannedAt", "out", 36.5, true, "is required")]
    [InlineData("token", "out", 36.5, true, "at most")]
    public async Task A_malformed_scan_is_refused_naming_the_field_and_records_nothing(string field, string? direction, double temperature, bool withScanId, string reason)
    {
        var s = await Scenario();
        var body = new Dictionary<string, object?>
        {
            ["scanId"] = withScanId ? Guid.NewGuid().ToString() : null,
            ["token"] = field == "token" ? new string('A', 5000) : s.Pass.Token,
            ["direction"] = direction,
            ["temperature"] = temperature,
            ["mask"] = true,
            ["scannedAt"] = field == "scannedAt" ? null : s.Now,
        };
        var response = await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans", body, GreenGridApp.Json, Ct);
        Assert.Contains(reason, string.Join(" | ", await ProblemAssert.NamesField(response, HttpStatusCode.BadRequest, field)));
        Assert.Equal(0, await s.Rows(q => q));
    }

    [Fact]
    public async Task A_gate_clock_far_from_the_servers_is_decided_on_the_servers_time_and_flagged()
    {
        var s = await Scenario();
        var result = await s.Scan(s.Pass.Token, "out", at: s.Now.AddDays(-3));
        Decided(result, Decision.Allow, ScanReason.Ok);
        Assert.True(result.ClockSkew);
        Assert.Equal(s.Now, result.DecidedAt);
        var near = await s.Scan(s.Pass.Token, "in", at: s.Now.AddMinutes(2));
        Assert.False(near.ClockSkew);
    }

    [Fact]
    public async Task A_temperature_of_37_3_is_refused_and_raises_a_fever_alert_for_the_grid_worker()
    {
        var s = await Scenario();
        Decided(await s.Scan(s.Pass.Token, "out", temperature: 37.2m), Decision.Allow, ScanReason.Ok);
        var fever = await s.Scan(s.Pass.Token, "in", temperature: 37.3m);
        Decided(fever, Decision.Deny, ScanReason.Fever);
        var alerts = await s.Worker.GetFromJsonAsync<FeverAlertView[]>($"/api/v1/places/{s.Chain.Community.Id}/fever-alerts", GreenGridApp.Json, Ct);
        var alert = Assert.Single(alerts!);
        Assert.Equal(fever.Id, alert.ScanId);
        Assert.Equal(37.3m, alert.Temperature);
        Assert.Equal(s.ResidentIds[0], alert.ResidentId);
        Assert.Equal(s.Chain.Building.Id, alert.BuildingId);
    }

    [Fact]
    public async Task No_mask_is_refused_until_the_holder_puts_one_on()
    {
        var s = await Scenario();
        Decided(await s.Scan(s.Pass.Token, "out", mask: false), Decision.Deny, ScanReason.NoMask);
        Decided(await s.Scan(s.Pass.Token, "out", mask: true), Decision.Allow, ScanReason.Ok);
    }

    [Fact]
    public async Task A_gate_that_the_closure_order_keeps_shut_refuses_every_scan()
    {
        var s = await Scenario();
        var south = await AccessScenario.Ok<GreenGrid.Access.GateView>(
            await s.Worker.PostAsJsonAsync($"/api/v1/compounds/{s.Chain.Compound.Id}/gates", new { name = "南门" }, GreenGridApp.Json, Ct));
        Assert.False(south.Open);
        Decided(await s.Scan(s.Pass.Token, "out", gateId: south.Id), Decision.Deny, ScanReason.GateClosed);
        var order = await s.Worker.PostAsJsonAsync($"/api/v1/compounds/{s.Chain.Compound.Id}/closure-orders", new { openGateIds = new[] { south.Id } }, GreenGridApp.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, order.StatusCode);
        Decided(await s.Scan(s.Pass.Token, "out", gateId: south.Id), Decision.Allow, ScanReason.Ok);
        Decided(await s.Scan(s.Pass.Token, "in"), Decision.Deny, ScanReason.GateClosed);
        var closure = await s.Worker.GetFromJsonAsync<GreenGrid.Access.ClosureView>($"/api/v1/compounds/{s.Chain.Compound.Id}/closure", GreenGridApp.Json, Ct);
        Assert.Equal([south.Id], closure!.InForce!.OpenGateIds);
        await using var scope = App.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<AppDb>().AuditEntries.AnyAsync(e => e.Subject == "closure-order" && e.SubjectIds == s.Chain.Compound.Id.ToString(), Ct));
    }

    [Fact]
    public async Task A_gate_offline_decides_with_the_same_rules_and_its_upload_is_recorded_exactly_once()
    {
        var s = await Scenario();
        var bundle = await AccessScenario.Ok<GateBundle>(await s.Guard.GetAsync($"/api/v1/gates/{s.GateId}/bundle", Ct));
        Assert.DoesNotContain("Private", System.Text.Json.JsonSerializer.Serialize(bundle), StringComparison.OrdinalIgnoreCase);
        var gate = new OfflineGate(bundle);
        var t0 = s.Now.AddMinutes(-150);
        var scans = new List<object>();
        void Take(string? token, Direction direction, DateTime at, decimal temperature = 36.6m)
        {
            var (decision, _) = gate.Decide(token, direction, temperature, true, at);
            scans.Add(new { scanId = Guid.NewGuid().ToString(), token, direction = direction.ToString().ToLowerInvariant(), temperature, mask = true, scannedAt = at, decision = decision.Decision, reason = decision.Reason });
        }
        Take(s.Pass.Token, Direction.Out, t0);
        Take(s.Pass.Token, Direction.Out, t0.AddMinutes(1)); // quota used, decided offline
        Take(s.Pass.Token, Direction.In, t0.AddMinutes(140)); // out too long: let in, flagged
        Take(null, Direction.In, t0.AddMinutes(141));

        var first = await AccessScenario.Ok<SyncResult>(await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans/sync", new { scans }, GreenGridApp.Json, Ct));
        Assert.Equal([ScanReason.Ok, ScanReason.QuotaUsed, ScanReason.OutTooLong, ScanReason.Outsider], first.Results.Select(r => r.Reason));
        Assert.All(first.Results, r => Assert.True(r.Offline));
        Assert.Empty(first.Conflicts);
        var again = await AccessScenario.Ok<SyncResult>(await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans/sync", new { scans }, GreenGridApp.Json, Ct));
        Assert.Equal(0, again.Recorded);
        Assert.Equal(4, again.Replayed);
        Assert.Equal(first.Results.Select(r => (r.Id, r.Decision, r.Reason)), again.Results.Select(r => (r.Id, r.Decision, r.Reason)));
        Assert.Equal(4, await s.Rows(q => q));
    }

    [Fact]
    public async Task One_household_let_out_at_two_offline_gates_is_reported_as_a_conflict_not_hidden()
    {
        var s = await Scenario();
        var east = await AccessScenario.Ok<GreenGrid.Access.GateView>(
            await s.Worker.PostAsJsonAsync($"/api/v1/compounds/{s.Chain.Compound.Id}/gates", new { name = "东门" }, GreenGridApp.Json, Ct));
        await s.Worker.PostAsJsonAsync($"/api/v1/compounds/{s.Chain.Compound.Id}/closure-orders", new { openGateIds = new[] { s.GateId, east.Id } }, GreenGridApp.Json, Ct);
        var other = await AccessScenario.Issue(s.Worker, new { holderKind = "resident", holderResidentId = s.ResidentIds[1] });
        var north = new OfflineGate(await AccessScenario.Ok<GateBundle>(await s.Guard.GetAsync($"/api/v1/gates/{s.GateId}/bundle", Ct)));
        var eastGate = new OfflineGate(await AccessScenario.Ok<GateBundle>(await s.Guard.GetAsync($"/api/v1/gates/{east.Id}/bundle", Ct)));
        var at = s.Now; // after the order that opened the east gate
        var a = north.Decide(s.Pass.Token, Direction.Out, 36.5m, true, at).Decision;
        var b = eastGate.Decide(other.Token, Direction.Out, 36.5m, true, at.AddMinutes(1)).Decision;
        Assert.Equal(Decision.Allow, a.Decision);
        Assert.Equal(Decision.Allow, b.Decision); // each gate alone saw nothing wrong

        await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans/sync",
            new { scans = new[] { new { scanId = "n-1", token = s.Pass.Token, direction = "out", temperature = 36.5m, mask = true, scannedAt = at, decision = a.Decision, reason = a.Reason } } }, GreenGridApp.Json, Ct);
        var upload = await AccessScenario.Ok<SyncResult>(await s.Guard.PostAsJsonAsync($"/api/v1/gates/{east.Id}/scans/sync",
            new { scans = new[] { new { scanId = "e-1", token = other.Token, direction = "out", temperature = 36.5m, mask = true, scannedAt = at.AddMinutes(1), decision = b.Decision, reason = b.Reason } } }, GreenGridApp.Json, Ct));
        var conflict = Assert.Single(upload.Conflicts);
        Assert.Equal(Decision.Allow, conflict.Decision); // what happened at the gate stays recorded
        Assert.Equal(ScanReason.QuotaUsed, conflict.ServerReason);
        var listed = await s.Worker.GetFromJsonAsync<GateLogEntry[]>($"/api/v1/places/{s.Chain.Community.Id}/scans/conflicts", GreenGridApp.Json, Ct);
        Assert.Equal("e-1", Assert.Single(listed!).ScanId);
    }

    [Fact]
    public async Task Outside_now_lists_who_is_out_who_is_out_too_long_and_entries_without_exits_and_hours_count_refusals()
    {
        var s = await Scenario();
        var worker = await AccessScenario.Issue(s.Worker, new { holderKind = "courier", holderName = "快递员", placeId = s.Chain.Compound.Id });
        await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans/sync", new
        {
            scans = new[] { new { scanId = "o-1", token = s.Pass.Token, direction = "out", temperature = 36.5m, mask = true, scannedAt = s.Now.AddHours(-3), decision = Decision.Allow, reason = ScanReason.Ok } },
        }, GreenGridApp.Json, Ct);
        await s.Scan(worker.Token, "in");
        await s.Scan(null, "in");
        var outside = (await s.Worker.GetFromJsonAsync<OutsideNow>($"/api/v1/places/{s.Chain.Community.Id}/outside-now", GreenGridApp.Json, Ct))!;
        var holder = Assert.Single(outside.Outside);
        Assert.Equal(s.Pass.Id, holder.PassId);
        Assert.True(holder.TooLong);
        Assert.Equal(worker.Id, Assert.Single(outside.EntriesWithoutExit).PassId);
        Assert.Equal(1, Assert.Single(outside.Compounds).Outside);
        Assert.Equal(1, Assert.Single(outside.Gates).TooLong);
        var hourly = (await s.Worker.GetFromJsonAsync<HourlyScans>($"/api/v1/places/{s.Chain.Compound.Id}/scans/hourly?date=2020-02-28", GreenGridApp.Json, Ct))!;
        Assert.Equal(3, hourly.Scans);
        Assert.Equal(1, hourly.Refused);
        Assert.Equal(1, hourly.Hours[10].Refusals[ScanReason.Outsider]);
        var log = await s.Worker.GetFromJsonAsync<GateLogEntry[]>($"/api/v1/gates/{s.GateId}/scans?date=2020-02-28", GreenGridApp.Json, Ct);
        Assert.Equal(3, log!.Length);
    }

    [Fact]
    public async Task The_gate_log_and_the_hours_cut_the_days_at_the_citys_midnight_not_at_UTCs()
    {
        var s = await Scenario();
        // An offline gate uploads two refusals, a minute before and a minute after midnight in Wuhan (16:00 UTC).
        DateTime At(int hour, int minute) => new(2020, 2, 27, hour, minute, 0, DateTimeKind.Utc);
        var sync = await s.Guard.PostAsJsonAsync($"/api/v1/gates/{s.GateId}/scans/sync", new
        {
            scans = new[]
            {
                new { scanId = "night-1", token = (string?)null, direction = "in", temperature = 36.5m, mask = true, scannedAt = At(15, 59), decision = Decision.Deny, reason = ScanReason.Outsider },
                new { scanId = "night-2", token = (string?)null, direction = "in", temperature = 36.5m, mask = true, scannedAt = At(16, 1), decision = Decision.Deny, reason = ScanReason.Outsider },
            },
        }, GreenGridApp.Json, Ct);
        sync.EnsureSuccessStatusCode();

        var evening = await s.Worker.GetFromJsonAsync<GateLogEntry[]>($"/api/v1/gates/{s.GateId}/scans?date=2020-02-27", GreenGridApp.Json, Ct);
        Assert.Equal("night-1", Assert.Single(evening!).ScanId);
        var morning = await s.Worker.GetFromJsonAsync<GateLogEntry[]>($"/api/v1/gates/{s.GateId}/scans?date=2020-02-28", GreenGridApp.Json, Ct);
        Assert.Equal("night-2", Assert.Single(morning!).ScanId);
        var hours = (await s.Worker.GetFromJsonAsync<HourlyScans>($"/api/v1/places/{s.Chain.Compound.Id}/scans/hourly?date=2020-02-28", GreenGridApp.Json, Ct))!;
        Assert.Equal(1, hours.Scans);
        Assert.Equal(1, hours.Hours[0].Refusals[ScanReason.Outsider]);
        var before = (await s.Worker.GetFromJsonAsync<HourlyScans>($"/api/v1/places/{s.Chain.Compound.Id}/scans/hourly?date=2020-02-27", GreenGridApp.Json, Ct))!;
        Assert.Equal(1, before.Hours[23].Scans);
    }

    [Fact]
    public async Task A_resident_sees_their_own_households_passes_and_QR_codes_and_nothing_else()
    {
        var s = await Scenario();
        var account = await App.Create(Role.Resident, [], s.HouseholdId);
        var resident = await App.ClientFor(account.UserName!);
        var own = await resident.GetFromJsonAsync<GreenGrid.Access.PassView[]>("/api/v1/me/passes", GreenGridApp.Json, Ct);
        Assert.Equal(s.Pass.Id, Assert.Single(own!).Id);
        var qr = await resident.GetAsync($"/api/v1/me/passes/{s.Pass.Id}/qr", Ct);
        Assert.Equal("image/svg+xml", qr.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<svg", await qr.Content.ReadAsStringAsync(Ct));
        var png = await s.Worker.GetAsync($"/api/v1/passes/{s.Pass.Id}/qr?format=png", Ct);
        Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
        var other = await Scenario();
        Assert.Equal(HttpStatusCode.NotFound, (await resident.GetAsync($"/api/v1/me/passes/{other.Pass.Id}/qr", Ct)).StatusCode);
    }
}

public sealed class ScanApiTests_on_Sqlite(SqliteApp fixture) : ScanApiTests(fixture), IClassFixture<SqliteApp>;

public sealed class ScanApiTests_on_Postgres(PostgresApp fixture) : ScanApiTests(fixture), IClassFixture<PostgresApp>;
