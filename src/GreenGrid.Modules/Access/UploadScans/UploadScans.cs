using GreenGrid.Access.ScanPass;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GreenGrid.Access.UploadScans;

/// <summary>One scan decided by an offline gate, uploaded later: the scan's fields and what the gate answered.</summary>
public sealed record OfflineScan(string? ScanId, string? Token, string? Direction, decimal? Temperature, bool? Mask, DateTime? ScannedAt, Decision? Decision, ScanReason? Reason);

public sealed record SyncRequest(OfflineScan[]? Scans);

/// <summary>The upload's answer: every scan's recorded result (in the order sent) and the conflicts among them.</summary>
public sealed record SyncResult(ScanResult[] Results, int Recorded, int Replayed, ScanResult[] Conflicts);

/// <summary>
/// The upload of the scans a gate decided alone. An uploaded scan is recorded exactly once, with
/// the decision the gate made (that is what happened at the gate); the server decides it again with
/// what it knows, and where it would have answered otherwise (a quota spent at two gates, a pass
/// revoked meanwhile) the scan is marked as a conflict with the server's reason, in the answer and
/// in the conflict list.
/// </summary>
internal sealed class UploadScans(Caller caller, GateDirectory gates, GateScanner scanner, IOptions<AccessOptions> options)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/gates/{gateId:long}/scans/sync", (long gateId, SyncRequest request, UploadScans upload, CancellationToken ct) => upload.Handle(gateId, request, ct))
            .WithSummary("Upload scans decided offline: each recorded exactly once by (gate, scan id); conflicts with the server's view are reported.");

    public async Task<Results<Ok<SyncResult>, ValidationProblem, ProblemHttpResult>> Handle(long gateId, SyncRequest request, CancellationToken ct)
    {
        if (await gates.FindVisible(gateId, caller, ct) is not { } gate)
        {
            return Problems.NotFound(AccessMessages.GateNotFound(gateId));
        }
        var items = request.Scans ?? [];
        if (items.Length == 0)
        {
            return Problems.Invalid("scans", AccessMessages.ScansEmpty);
        }
        if (items.Length > options.Value.MaxSyncBatch)
        {
            return Problems.Invalid("scans", AccessMessages.ScansTooMany(options.Value.MaxSyncBatch, items.Length));
        }
        var errors = new ValidationErrors();
        var inputs = new GateScanner.ScanInput[items.Length];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            var prefix = $"scans[{i}].";
            if (GateScanner.Check(errors, prefix, item.ScanId, item.Token, item.Direction, item.Temperature, item.ScannedAt) is { } input)
            {
                inputs[i] = input with { Mask = item.Mask };
                if (!seen.Add(input.ScanId))
                {
                    errors.Add(prefix + "scanId", AccessMessages.ScanIdTwice);
                }
            }
            if (item.Decision is null)
            {
                errors.Add(prefix + "decision", AccessMessages.DecisionRequired);
            }
            if (item.Reason is null)
            {
                errors.Add(prefix + "reason", AccessMessages.ReasonRequired);
            }
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        var guard = (await caller.Account(ct))!;
        var results = new ScanResult[items.Length];
        // In the order they happened, so that each is judged with the passages before it.
        foreach (var i in Enumerable.Range(0, items.Length).OrderBy(i => inputs[i].ScannedAt))
        {
            results[i] = await scanner.Record(gate, guard.Id, inputs[i], new GateScanner.GateVerdict(items[i].Decision!.Value, items[i].Reason!.Value), ct);
        }
        return TypedResults.Ok(new SyncResult(results, results.Count(r => !r.Replayed), results.Count(r => r.Replayed), results.Where(r => r.Conflict).ToArray()));
    }
}
