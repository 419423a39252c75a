using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Register.Import.ReadImport;

/// <summary>An import of the caller's: its status, the progress of a running check, and its summary.</summary>
internal sealed class ReadImport(ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/imports/{id:long}", Get).WithName("GetRegisterImport").WithSummary("Status, progress and summary of an import.");

    private static async Task<Results<Ok<ImportView>, ProblemHttpResult>> Get(long id, ReadImport read, CancellationToken ct) =>
        await read.Handle(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(RegisterMessages.ImportNotFound(id));

    /// <returns>null when the import is not the caller's to see.</returns>
    public async Task<ImportView?> Handle(long id, CancellationToken ct) => await store.Find(id, ct) is { } import ? store.View(import) : null;
}
