using GreenGrid.Access.Gates;
using GreenGrid.Access.IssuePass;
using GreenGrid.Access.ScanPass;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Access;

/// <summary>The routes of closed management, grouped by the permission they need.</summary>
internal static class AccessEndpoints
{
    public static void MapManage(RouteGroupBuilder api)
    {
        api.MapGet("/compounds/{compoundId:long}/gates", async (long compoundId, GateAdmin admin, CancellationToken ct) =>
                await admin.Gates(compoundId, ct) is { } gates ? Results.Ok(gates) : Problems.NotFound("compound", compoundId))
            .Produces<List<GateView>>().WithSummary("The gates of a compound, open or not under the closure order in force.");
        api.MapPost("/compounds/{compoundId:long}/gates", (long compoundId, GateRequest request, GateAdmin admin, CancellationToken ct) => admin.CreateGate(compoundId, request, ct))
            .WithSummary("Add a gate to a compound (audited).");
        api.MapPut("/gates/{gateId:long}", (long gateId, GateRequest request, GateAdmin admin, CancellationToken ct) => admin.RenameGate(gateId, request, ct))
            .WithSummary("Rename a gate (audited).");
        api.MapPost("/gates/{gateId:long}/retire", (long gateId, GateAdmin admin, CancellationToken ct) => admin.RetireGate(gateId, ct))
            .WithSummary("Retire a gate: it no longer opens (audited).");
        api.MapGet("/compounds/{compoundId:long}/closure", async (long compoundId, GateAdmin admin, CancellationToken ct) =>
                await admin.Closure(compoundId, ct) is { } closure ? Results.Ok(closure) : Problems.NotFound("compound", compoundId))
            .Produces<ClosureView>().WithSummary("The closure order in force (or the default closure) and every order before it.");
        api.MapPost("/compounds/{compoundId:long}/closure-orders", (long compoundId, ClosureOrderRequest request, GateAdmin admin, CancellationToken ct) => admin.IssueOrder(compoundId, request, ct))
            .WithSummary("Issue a closure order: open gates, hours, rules, from when (audited; replaces the order in force from then).");

        api.MapPost("/passes", (IssuePassRequest request, PassIssuer issuer, CancellationToken ct) => issuer.Issue(request, ct))
            .WithSummary("Issue a pass (resident, worker, volunteer, courier, medical transport) with its signed token (audited).");
        api.MapGet("/passes/{id:long}", async (long id, PassIssuer issuer, CancellationToken ct) =>
                await issuer.Find(id, ct) is { } pass ? Results.Ok(pass) : Problems.NotFound("pass", id))
            .Produces<PassView>().WithSummary("One pass with its token and status.");
        api.MapPost("/passes/{id:long}/revoke", (long id, RevokePassRequest request, PassIssuer issuer, CancellationToken ct) => issuer.Revoke(id, request, ct))
            .WithSummary("Revoke a pass at once, with the reason (audited).");
        api.MapGet("/passes/{id:long}/qr", Qr).WithSummary("The pass's QR code: SVG, or PNG with ?format=png.");
        api.MapGet("/households/{householdId:long}/passes", async (long householdId, PassIssuer issuer, CancellationToken ct) =>
                await issuer.OfHousehold(householdId, ct) is { } passes ? Results.Ok(passes) : Problems.NotFound("household", householdId))
            .Produces<List<PassView>>().WithSummary("The passes of a household, newest first.");
        api.MapGet("/places/{id:long}/passes", async (long id, PassIssuer issuer, CancellationToken ct) =>
                await issuer.OfPlace(id, ct: ct) is { } passes ? Results.Ok(passes) : Problems.NotFound("place", id))
            .Produces<List<PassView>>().WithSummary("The passes valid in a compound or community (or inside it), newest first, at most 500.");
    }

    public static void MapOwn(RouteGroupBuilder api)
    {
        api.MapGet("/me/passes", async (Caller caller, PassIssuer issuer, CancellationToken ct) =>
                (await caller.Account(ct))?.HouseholdId is { } id && await issuer.OfHousehold(id, ct) is { } passes ? Results.Ok(passes) : Problems.NotFound("household", "of this account"))
            .Produces<List<PassView>>().WithSummary("The signed-in resident's household's passes.");
        api.MapGet("/me/passes/{id:long}/qr", Qr).WithSummary("The QR code of one of the resident's own passes.");
    }

    public static void MapScan(RouteGroupBuilder api)
    {
        api.MapPost("/gates/{gateId:long}/scans", (long gateId, ScanRequest request, GateScanner scanner, CancellationToken ct) => scanner.Scan(gateId, request, ct))
            .WithSummary("Decide and record one scan (allow or deny with the reason); the same scan id answers the same result however often it is sent.");
    }

    public static void MapOffline(RouteGroupBuilder api)
    {
        api.MapGet("/gates/{gateId:long}/bundle", (long gateId, Offline.GateBundles bundles, CancellationToken ct) => bundles.Bundle(gateId, ct))
            .WithSummary("What the gate needs to decide offline today: public keys, rules, suspended households, revoked passes, the day's quota state.");
        api.MapPost("/gates/{gateId:long}/scans/sync", (long gateId, Offline.SyncRequest request, Offline.GateBundles bundles, CancellationToken ct) => bundles.Sync(gateId, request, ct))
            .WithSummary("Upload scans decided offline: each recorded exactly once by (gate, scan id); conflicts with the server's view are reported.");
    }

    public static void MapRead(RouteGroupBuilder api)
    {
        api.MapGet("/gates/{gateId:long}/scans", async (long gateId, DateOnly? date, Reconcile.GateReports reports, CancellationToken ct) =>
                await reports.Log(gateId, date, ct) is { } log ? Results.Ok(log) : Problems.NotFound("gate", gateId))
            .Produces<List<Reconcile.GateLogEntry>>().WithSummary("The gate log of a city day (?date=yyyy-MM-dd, default today), newest first (audited).");
        api.MapGet("/places/{id:long}/outside-now", async (long id, Reconcile.GateReports reports, CancellationToken ct) =>
                await reports.Outside(id, ct) is { } outside ? Results.Ok(outside) : Problems.NotFound("place", id))
            .Produces<Reconcile.OutsideNow>().WithSummary("Who is outside now, who longer than allowed, entries without exits: per gate and per compound (audited).");
        api.MapGet("/places/{id:long}/scans/hourly", async (long id, DateOnly? date, Reconcile.GateReports reports, CancellationToken ct) =>
                await reports.Hourly(id, date, ct) is { } hourly ? Results.Ok(hourly) : Problems.NotFound("place", id))
            .Produces<Reconcile.HourlyScans>().WithSummary("Scans and refusals per hour of a city day at the gates of the place.");
        api.MapGet("/places/{id:long}/scans/conflicts", async (long id, DateOnly? date, Reconcile.GateReports reports, CancellationToken ct) =>
                await reports.Conflicts(id, date, ct) is { } conflicts ? Results.Ok(conflicts) : Problems.NotFound("place", id))
            .Produces<List<Reconcile.GateLogEntry>>().WithSummary("Offline scans that the server would have decided otherwise (audited).");
        api.MapGet("/places/{id:long}/fever-alerts", async (long id, DateOnly? date, Reconcile.GateReports reports, CancellationToken ct) =>
                await reports.FeverAlerts(id, date, ct) is { } alerts ? Results.Ok(alerts) : Problems.NotFound("place", id))
            .Produces<List<Reconcile.FeverAlertView>>().WithSummary("Fever alerts raised at the gates of the place on a day, for the grid workers (audited).");
    }

    private static async Task<IResult> Qr(long id, string? format, PassIssuer issuer, CancellationToken ct)
    {
        if (await issuer.Find(id, ct) is not { } pass)
        {
            return Problems.NotFound("pass", id);
        }
        return string.Equals(format, "png", StringComparison.OrdinalIgnoreCase)
            ? TypedResults.File(PassIssuer.QrPng(pass.Token), "image/png", $"pass-{id}.png")
            : TypedResults.Text(PassIssuer.QrSvg(pass.Token), "image/svg+xml");
    }
}
