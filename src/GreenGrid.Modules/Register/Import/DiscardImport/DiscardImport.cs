using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Import.DiscardImport;

/// <summary>Discard an import of the caller's that is not being checked or committed, nor committed: its staged rows, problems and file go. Audited.</summary>
internal sealed class DiscardImport(AppDb db, AuditLog audit, ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapDelete("/imports/{id:long}", Discard).WithName("DiscardRegisterImport").WithSummary("Discard an import that is not committed.");

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Discard(long id, DiscardImport discard, CancellationToken ct)
    {
        var outcome = await discard.Handle(id, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Ok(view);
        }
        return outcome.Status == 400 ? outcome.Invalid() : outcome.Problem();
    }

    public async Task<ImportOutcome> Handle(long id, CancellationToken ct)
    {
        if (await store.Find(id, ct) is not { } import)
        {
            return ImportOutcome.Refused(404, "import", $"import {id} does not exist.");
        }
        if (!import.CanDiscard)
        {
            return ImportOutcome.Refused(409, "status", $"the import is {import.Status.ToString().ToLowerInvariant()} and cannot be discarded");
        }
        await db.ImportRows().Where(r => r.ImportId == id).ExecuteDeleteAsync(ct);
        await db.ImportProblems().Where(r => r.ImportId == id).ExecuteDeleteAsync(ct);
        import.Discard();
        await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath, $"discarded {import.FileName}", ct);
        await db.SaveChangesAsync(ct);
        File.Delete(store.PathOf(import));
        return new ImportOutcome(store.View(import));
    }
}
