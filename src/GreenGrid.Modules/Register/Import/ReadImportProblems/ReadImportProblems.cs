using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Import.ReadImportProblems;

/// <summary>The problems the check of an import of the caller's found, per row in row order, a page at a time.</summary>
internal sealed class ReadImportProblems(AppDb db, ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports/{id:long}/problems", GetProblems).WithName("GetRegisterImportProblems").WithSummary("The problems found per row, in row order.");

    private static async Task<Results<Ok<ImportProblemsPage>, ProblemHttpResult>> GetProblems(long id, ReadImportProblems problems, CancellationToken ct, int skip = 0, int take = 100) =>
        await problems.Handle(id, skip, take, ct) is { } page ? TypedResults.Ok(page) : Problems.NotFound(RegisterMessages.ImportNotFound(id));

    /// <returns>null when the import is not the caller's to see.</returns>
    public async Task<ImportProblemsPage?> Handle(long id, int skip, int take, CancellationToken ct)
    {
        if (await store.Find(id, ct) is not { } import)
        {
            return null;
        }
        var problems = db.ImportProblems().AsNoTracking().Where(p => p.ImportId == id);
        var stored = await problems.CountAsync(ct);
        var items = await problems.OrderBy(p => p.Row).ThenBy(p => p.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(p => new ImportProblemView(p.Row, p.Column, p.Value, p.Reason, p.ExistingResidentId)).ToArrayAsync(ct);
        return new ImportProblemsPage(import.RowsWithProblems, stored, items);
    }
}
