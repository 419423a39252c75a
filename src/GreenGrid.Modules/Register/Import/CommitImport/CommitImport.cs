using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Import.CommitImport;

/// <summary>
/// Commit a checked import of the caller's that has no problem: every staged row or none, in one transaction with its
/// audit entry, and only when nobody of the file was registered since the check.
/// </summary>
internal sealed class CommitImport(AppDb db, AuditLog audit, CityClock clock, RegisterChanges register, ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/imports/{id:long}/commit", Commit).WithName("CommitRegisterImport").WithSummary("Import every checked row or none, in one transaction.");

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Commit(long id, CommitImport commit, CancellationToken ct)
    {
        var outcome = await commit.Handle(id, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Ok(view);
        }
        return outcome.Status == 400 ? outcome.Invalid() : outcome.Problem();
    }

    /// <summary>All the checked rows or none, in one transaction.</summary>
    public async Task<ImportOutcome> Handle(long id, CancellationToken ct)
    {
        if (await store.Find(id, ct) is not { } import)
        {
            return ImportOutcome.Refused(404, "import", $"import {id} does not exist.");
        }
        if (import.Status != ImportStatus.Checked)
        {
            return ImportOutcome.Refused(409, "status", import.Status == ImportStatus.Committed
                ? "the import is already committed"
                : $"the import is {import.Status.ToString().ToLowerInvariant()}: check it first, and commit when the check found no problem");
        }
        if (import.RowsWithProblems > 0)
        {
            return ImportOutcome.Refused(409, "status", $"the check found problems in {import.RowsWithProblems} rows: fix the file and upload it again; nothing was imported");
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            // Claim the import inside the transaction: a second commit of the same import finds it taken.
            var claimed = await db.RegisterImports().Where(i => i.Id == id && i.Status == ImportStatus.Checked)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Committing), ct);
            if (claimed != 1)
            {
                return ImportOutcome.Refused(409, "status", "the import is being committed by another request");
            }
            if (await ImportSql.RegisterChangedSinceCheck(db, id, ct))
            {
                // Disposing the transaction rolls the claim back: the import stays checked, and can be checked again.
                return ImportOutcome.Refused(409, "status", "people of this file have been registered since the check (another import or a form): check the file again; nothing was imported");
            }
            var (households, residents) = await ImportSql.Commit(db, id, ct);
            import.Committed(households, residents, clock.UtcNow);
            await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath,
                $"committed {import.FileName}: {residents} new residents, {households} new households, {import.UnchangedResidents} unchanged", ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            ImportMetrics.Commit(residents);
        }
        // The residents were written in SQL, which the register's write watch does not see.
        register.Tell(RegisterChange.Under(import.PlaceId));
        // Outside the transaction: the commit is done, the staged rows are only space now.
        await ImportSql.DeleteStaged(db, id, ct);
        return new ImportOutcome(store.View(import));
    }
}
