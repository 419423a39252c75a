using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.Import.CheckImport;

/// <summary>Optional mapping for the dry run: field (building, room, name, idNumber, ...) → column header of the file.</summary>
public sealed record CheckImportRequest(Dictionary<string, string?>? Mapping);

/// <summary>
/// Start the dry run of an uploaded (or checked, or failed) import with the mapping given, or the one proposed: it is
/// queued and run in the background by <see cref="ImportWorker"/>, as the caller.
/// </summary>
internal sealed class CheckImport(AppDb db, Caller caller, ImportQueue queue, ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/imports/{id:long}/check", Check).WithName("CheckRegisterImport")
            .WithSummary("Start the dry run (in the background), with an optional mapping field → column.");

    private static async Task<Results<Accepted<ImportView>, ValidationProblem, ProblemHttpResult>> Check(
        long id, CheckImportRequest? request, CheckImport check, CancellationToken ct)
    {
        var outcome = await check.Handle(id, request?.Mapping, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Accepted($"/api/v1/imports/{view.Id}", view);
        }
        return outcome.Status == 400 ? outcome.Invalid() : outcome.Problem();
    }

    /// <summary>Starts the dry run with the mapping given (field → column header), or the one proposed.</summary>
    public async Task<ImportOutcome> Handle(long id, IReadOnlyDictionary<string, string?>? mapping, CancellationToken ct)
    {
        if (await store.Find(id, ct) is not { } import)
        {
            return ImportOutcome.Refused(404, "import", $"import {id} does not exist.");
        }
        if (!import.CanCheck)
        {
            return ImportOutcome.Refused(409, "status", $"the import is {import.Status.ToString().ToLowerInvariant()}: only an uploaded or checked import is checked");
        }
        var stored = ImportStore.Stored(import);
        var errors = new ValidationErrors();
        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mapping is null)
        {
            chosen = stored.Mapping;
        }
        else
        {
            foreach (var (field, column) in mapping)
            {
                if (!ImportColumns.Fields.Any(f => f.Field == field))
                {
                    errors.Add($"mapping.{field}", $"is not a field: one of {string.Join(", ", ImportColumns.Fields.Select(f => f.Field))}");
                }
                else if (!string.IsNullOrWhiteSpace(column))
                {
                    if (!stored.Header.Contains(column))
                    {
                        errors.Add($"mapping.{field}", $"the file has no column '{column}'");
                    }
                    chosen[field] = column;
                }
            }
        }
        foreach (var required in ImportColumns.Required.Where(r => !chosen.ContainsKey(r)))
        {
            errors.Add($"mapping.{required}", $"the file has no column for {ImportColumns.Label(required)}: add one, or say which column holds it");
        }
        if (!errors.IsEmpty)
        {
            return new ImportOutcome(null, 400, null, null) { Errors = errors };
        }
        import.StartCheck(ImportStore.Serialize(stored with { Mapping = chosen }));
        await db.SaveChangesAsync(ct);
        queue.Enqueue(import.Id, (await caller.Account(ct))!.Id);
        return new ImportOutcome(store.View(import), 202);
    }
}
