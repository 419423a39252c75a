using GreenGrid.Register;
using GreenGrid.Cases;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Access.ScanPass;

/// <summary>
/// One scan as the scanner sends it: its own id (a UUID made on the phone), the token read from
/// the QR code (or typed; empty for a person without a pass), <c>in</c> or <c>out</c>, temperature
/// in °C, whether a mask is worn, and the time on the gate's clock.
/// </summary>
public sealed record ScanRequest(string? ScanId, string? Token, string? Direction, decimal? Temperature, bool? Mask, DateTime? ScannedAt);

/// <summary>The answer to a scan, also when it was sent before (<see cref="Replayed"/>): the same scan always answers the same.</summary>
public sealed record ScanResult(
    string ScanId, long Id, Decision Decision, ScanReason Reason, long? PassId, HolderKind? HolderKind, string? HolderName,
    DateTime ScannedAt, DateTime DecidedAt, bool ClockSkew, bool Offline, bool Conflict, ScanReason? ServerReason, bool Replayed)
{
    public static ScanResult Of(Scan s, string? holderName, bool replayed) => new(
        s.ClientScanId, s.Id, s.Decision, s.Reason, s.PassId, s.HolderKind, holderName, s.ScannedAt, s.DecidedAt, s.ClockSkew, s.Offline, s.Conflict, s.ServerReason, replayed);
}

/// <summary>
/// Decides and records scans at a gate. The guard must have the gate's compound in their
/// jurisdiction (else 404). Each scan is committed before the answer leaves, exactly once per
/// (gate, scan id): a repeated scan answers what was recorded. Decisions come from
/// <see cref="PassRules.Decide"/>, the same function the offline verifier runs.
/// </summary>
public sealed class GateScanner(
    AppDb db, GroupCommit commits, Caller caller, GateDirectory gates, PassKeys keys, ScanLocks locks, PassLedger ledger, CaseStatuses cases,
    CityClock clock, IOptions<AccessOptions> options)
{
    private TimeSpan Skew => options.Value.ClockSkew;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/gates/{gateId:long}/scans", (long gateId, ScanRequest request, GateScanner scanner, CancellationToken ct) => scanner.Scan(gateId, request, ct))
            .WithSummary("Decide and record one scan (allow or deny with the reason); the same scan id answers the same result however often it is sent.");

    public async Task<Results<Ok<ScanResult>, ValidationProblem, ProblemHttpResult>> Scan(long gateId, ScanRequest request, CancellationToken ct)
    {
        if (await gates.FindVisible(gateId, caller, ct) is not { } gate)
        {
            return Problems.NotFound(AccessMessages.GateNotFound(gateId));
        }
        var errors = new ValidationErrors();
        if (Check(errors, "", request.ScanId, request.Token, request.Direction, request.Temperature, request.ScannedAt) is not { } input)
        {
            return Problems.Invalid(errors);
        }
        var account = (await caller.Account(ct))!;
        return TypedResults.Ok(await Record(gate, account.Id, input with { Mask = request.Mask }, offline: null, ct));
    }

    /// <summary>A scan whose fields passed the checks.</summary>
    internal sealed record ScanInput(string ScanId, string? Token, Direction Direction, decimal? Temperature, bool? Mask, DateTime ScannedAt);

    /// <summary>What an offline gate decided, uploaded with the scan.</summary>
    internal sealed record GateVerdict(Decision Decision, ScanReason Reason);

    internal static ScanInput? Check(ValidationErrors errors, string prefix, string? scanId, string? token, string? direction, decimal? temperature, DateTime? scannedAt)
    {
        var before = errors.Count;
        var id = errors.Text(prefix + "scanId", scanId, ScanFieldRules.ScanIdMaxLength);
        if (id is not null && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
        {
            errors.Add(prefix + "scanId", AccessMessages.ScanIdCharacters);
        }
        if (token is { Length: > PassFieldRules.TokenMaxLength })
        {
            errors.Add(prefix + "token", AccessMessages.TokenTooLong(PassFieldRules.TokenMaxLength, token.Length, PassToken.TokenBytes * 4 / 3 + 1));
        }
        Direction? parsed = direction?.Trim().ToLowerInvariant() switch
        {
            "in" => Access.Direction.In,
            "out" => Access.Direction.Out,
            _ => null,
        };
        if (parsed is null)
        {
            errors.Add(prefix + "direction", direction is null ? AccessMessages.DirectionRequired : AccessMessages.DirectionInOrOut(direction));
        }
        if (temperature is { } t && (t < ScanFieldRules.MinTemperature || t > ScanFieldRules.MaxTemperature))
        {
            errors.Add(prefix + "temperature", AccessMessages.Temperature(ScanFieldRules.MinTemperature, ScanFieldRules.MaxTemperature, t));
        }
        if (scannedAt is null)
        {
            errors.Add(prefix + "scannedAt", AccessMessages.ScannedAtRequired);
        }
        return errors.Count > before ? null : new ScanInput(id!, string.IsNullOrWhiteSpace(token) ? null : token.Trim(), parsed!.Value, temperature, null, scannedAt!.Value.ToUniversalTime());
    }

    /// <summary>Decides and records one checked scan, or answers the one recorded before under the same id.</summary>
    internal async Task<ScanResult> Record(GateInfo gate, long guardId, ScanInput input, GateVerdict? offline, CancellationToken ct)
    {
        // An offline upload is often sent again whole (the gate did not get the answer): look first.
        // Online a repeat is rare, so a scan skips that round trip and lets the unique key
        // (gate, scan id) catch a repeat at the insert, which then answers what was recorded.
        if (offline is not null && await Existing(gate.Gate.Id, input.ScanId, ct) is { } earlier)
        {
            return earlier;
        }
        var token = (await keys.Verifier(ct)).Verify(input.Token);
        var now = clock.UtcNow;
        var skewed = Math.Abs((input.ScannedAt - now).Ticks) > Skew.Ticks;
        // Online the server's clock decides; an offline scan happened when the gate says, unless that is in the future.
        var decidedAt = offline is not null && input.ScannedAt <= now + Skew ? input.ScannedAt : now;
        var skewFlag = offline is null ? skewed : input.ScannedAt > now + Skew;
        var local = clock.Local(decidedAt);
        var day = DateOnly.FromDateTime(local);
        var claims = token.Claims;
        var rules = gate.Gate.RetiredAt is null ? gate.RulesAt(decidedAt) : ClosureRules.Default(null);
        var context = new GateContext(gate.Gate.Id, gate.Gate.CompoundId, gate.PlaceIds, rules);
        var facts = new ScanFacts(input.Direction, input.Temperature, input.Mask, decidedAt, local);

        using var held = claims is null ? null : await locks.Acquire(claims.PassId, claims.HouseholdId, ct);
        string? holderName = null;
        var state = PassState.Fresh;
        QuotaRule? rule = null;
        if (claims is not null)
        {
            var row = await State(held!, claims, day, offline is null ? null : decidedAt, ct);
            if (row is null)
            {
                // Signed by our key but unknown here (a database restored from an older backup): not a pass of this place.
                token = TokenCheck.Fail(ScanReason.InvalidSignature);
                claims = null;
            }
            else
            {
                holderName = row.HolderName;
                var suspended = claims.HouseholdId is { } household && row.HouseholdHasCases
                    && (await cases.HouseholdsUnderManagement([household], day, ct)).Contains(household);
                state = new PassState(row.RevokedAt is not null && row.RevokedAt <= decidedAt, suspended, row.HouseholdExits, row.PassExits,
                    row.LastDirection == Access.Direction.Out ? row.LastAt : null);
                rule = QuotaRules.Find(claims.QuotaRuleId);
            }
        }
        var server = PassRules.Decide(token, context, facts, state, rule, Skew);
        var recorded = offline is null ? server : new GateDecision(offline.Decision, offline.Reason);
        var scan = new Scan
        {
            GateId = gate.Gate.Id, CompoundId = gate.Gate.CompoundId, ClientScanId = input.ScanId, GuardId = guardId, Direction = input.Direction,
            ScannedAt = input.ScannedAt, ReceivedAt = now, DecidedAt = decidedAt, Day = day, Temperature = input.Temperature, Mask = input.Mask,
            PassId = claims?.PassId, HouseholdId = claims?.HouseholdId, HolderKind = claims?.HolderKind,
            Decision = recorded.Decision, Reason = recorded.Reason, Offline = offline is not null,
            Conflict = recorded != server, ServerReason = recorded != server ? server.Reason : null, ClockSkew = skewFlag,
        };
        var result = await Insert(scan, holderName, claims, ct);
        if (claims is not null && !result.Replayed)
        {
            if (offline is null)
            {
                ledger.Recorded(held!, scan);
            }
            else
            {
                // Decided in the past: what it changes is read again from the database on the next scan.
                ledger.Drop(held!, claims.PassId, claims.HouseholdId);
            }
        }
        return result;
    }

    /// <summary>
    /// The pass's state: online from the ledger when it has it, else from the database (and kept);
    /// an offline scan counts only what was decided before it, so it always reads the database.
    /// </summary>
    private async Task<StateRow?> State(HouseholdLock held, PassClaims claims, DateOnly day, DateTime? offlineDecidedAt, CancellationToken ct)
    {
        if (offlineDecidedAt is { } before)
        {
            return await StateQuery.For(db)(db, claims.PassId, claims.HouseholdId ?? -1, day, before, ct);
        }
        if (ledger.Find(held, claims.PassId, claims.HouseholdId, day) is { } known)
        {
            return known;
        }
        var generation = ledger.RegisterGeneration;
        var row = await StateQuery.For(db)(db, claims.PassId, claims.HouseholdId ?? -1, day, DateTime.MaxValue, ct);
        if (row is not null)
        {
            ledger.Load(held, claims.PassId, claims.HouseholdId, day, row, generation);
        }
        return row;
    }

    private async Task<ScanResult> Insert(Scan scan, string? holderName, PassClaims? claims, CancellationToken ct)
    {
        try
        {
            if (scan.Reason == ScanReason.Fever || scan.ServerReason == ScanReason.Fever)
            {
                // Rare: the alert needs the scan's id, so scan and alert commit in a transaction of their own.
                db.Scans().Add(scan);
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                await db.SaveChangesAsync(ct);
                db.FeverAlerts().Add(await Alert(scan, holderName, ct));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            else
            {
                // The common case: committed together with the scans of other gates arriving at the
                // same moment (one transaction, one fsync); answered only after that commit.
                await commits.Insert([scan]);
            }
        }
        catch (DbUpdateException)
        {
            // The same scan sent twice at once: the other request recorded it; answer what it recorded.
            db.ChangeTracker.Clear();
            return await Existing(scan.GateId, scan.ClientScanId, ct) ?? throw new InvalidOperationException("scan neither recorded nor found");
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return ScanResult.Of(scan, holderName, replayed: false);
    }

    private async Task<FeverAlert> Alert(Scan scan, string? holderName, CancellationToken ct)
    {
        var holder = scan.PassId is { } passId
            ? await db.Passes().AsNoTracking().Where(p => p.Id == passId).Select(p => new { p.HolderResidentId, p.HouseholdId }).FirstOrDefaultAsync(ct)
            : null;
        long? building = holder?.HouseholdId is { } household
            ? await RegisterReads.Households(db).Where(h => h.Id == household).Select(h => (long?)h.BuildingId).FirstOrDefaultAsync(ct)
            : null;
        return FeverAlert.Raise(scan, holderName, holder?.HolderResidentId, holder?.HouseholdId, building);
    }

    private async Task<ScanResult?> Existing(long gateId, string scanId, CancellationToken ct)
    {
        var found = await ExistingQuery.For(db)(db, gateId, scanId, ct);
        return found is null ? null : ScanResult.Of(found.Scan, found.HolderName, replayed: true);
    }

    internal sealed record ExistingRow(Scan Scan, string? HolderName);

    internal sealed record StateRow(DateTime? RevokedAt, string HolderName, int HouseholdExits, int PassExits, Direction? LastDirection, DateTime? LastAt, bool HouseholdHasCases);

    private static readonly CompiledPerModel<Func<AppDb, long, string, CancellationToken, Task<ExistingRow?>>> ExistingQuery = new(() => EF.CompileAsyncQuery(
        (AppDb db, long gateId, string scanId, CancellationToken ct) => db.Scans().AsNoTracking()
            .Where(s => s.GateId == gateId && s.ClientScanId == scanId)
            .Select(s => new ExistingRow(s, db.Passes().Where(p => p.Id == s.PassId).Select(p => p.HolderName).FirstOrDefault()))
            .FirstOrDefault()));

    /// <summary>Everything the decision needs about a pass, in one round trip: standing, the day's exits, the last passage, whether the household has case records.</summary>
    private static readonly CompiledPerModel<Func<AppDb, long, long, DateOnly, DateTime, CancellationToken, Task<StateRow?>>> StateQuery = new(() => EF.CompileAsyncQuery(
        (AppDb db, long passId, long householdId, DateOnly day, DateTime before, CancellationToken ct) => db.Passes().AsNoTracking()
            .Where(p => p.Id == passId)
            .Select(p => new StateRow(
                p.RevokedAt,
                p.HolderName,
                db.Scans().Count(s => s.HouseholdId == householdId && s.Day == day && s.Direction == Access.Direction.Out && s.Decision == Decision.Allow && s.DecidedAt <= before),
                db.Scans().Count(s => s.PassId == passId && s.Day == day && s.Direction == Access.Direction.Out && s.Decision == Decision.Allow && s.DecidedAt <= before),
                db.Scans().Where(s => s.PassId == passId && s.Decision == Decision.Allow && s.DecidedAt <= before).OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id)
                    .Select(s => (Direction?)s.Direction).FirstOrDefault(),
                db.Scans().Where(s => s.PassId == passId && s.Decision == Decision.Allow && s.DecidedAt <= before).OrderByDescending(s => s.DecidedAt).ThenByDescending(s => s.Id)
                    .Select(s => (DateTime?)s.DecidedAt).FirstOrDefault(),
                // Through the register's and the cases' read contracts: EF inlines them, so this stays the same one statement.
                RegisterReads.Records(db).Any(r => r.HouseholdId == householdId && r.MergedIntoId == null
                    && (CaseEventReads.Events(db).Any(e => e.ResidentId == r.Id) || RegisterReads.Records(db).Any(m => m.MergedIntoId == r.Id)))))
            .FirstOrDefault()));
}
