using System.Text.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Register.Import;

/// <summary>
/// What the import's steps share: the imports the caller may reach (every import is reached through its place: one
/// outside the caller's jurisdictions does not exist), their files in the import folder, and their views.
/// </summary>
internal sealed class ImportStore(AppDb db, PlaceQueries places, ImportQueue queue, IOptions<ImportOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long MaxImportBytes => options.Value.MaxImportBytes;

    public string Folder
    {
        get
        {
            var folder = options.Value.ImportFolder ?? Path.Combine("data", "imports");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public string PathOf(RegisterImport import) => Path.Combine(Folder, $"{import.Id}.{(import.Format == ImportFormat.Xlsx ? "xlsx" : "csv")}");

    /// <summary>The import (tracked) when its place is the caller's to see, else null.</summary>
    public async Task<RegisterImport?> Find(long id, CancellationToken ct)
    {
        var import = await db.RegisterImports().FirstOrDefaultAsync(i => i.Id == id, ct);
        return import is not null && await places.Find(import.PlaceId, ct) is not null ? import : null;
    }

    public static string Serialize(StoredMapping mapping) => JsonSerializer.Serialize(mapping, Json);

    public static StoredMapping Stored(RegisterImport import) =>
        import.Mapping is { } json ? JsonSerializer.Deserialize<StoredMapping>(json, Json)! : new StoredMapping([], []);

    public ImportView View(RegisterImport i)
    {
        var stored = Stored(i);
        var used = stored.Mapping.Values.ToHashSet(StringComparer.Ordinal);
        var progress = i.Status == ImportStatus.Checking && queue.Progress(i.Id) is { } p ? new ImportProgressView(p.Done, p.Total, p.Percent, p.Rows) : null;
        return new ImportView(i.Id, i.PlaceId, i.FileName, i.SizeBytes, i.Format, i.Encoding, i.Status, stored.Header, stored.Mapping,
            [.. stored.Header.Where(h => h.Length > 0 && !used.Contains(h))], [.. ImportColumns.Required.Where(r => !stored.Mapping.ContainsKey(r))],
            progress, i.Rows, i.RowsWithProblems, i.NewResidents, i.UnchangedResidents, i.NewHouseholds, i.Failure, i.CreatedAt, i.CheckedAt, i.CommittedAt);
    }
}
