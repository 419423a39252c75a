using GreenGrid.Platform.Files;
using System.Security.Cryptography;
using System.Text.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Register.Import;

/// <summary>The header of the file and which column feeds which field, as stored in <see cref="RegisterImport.Mapping"/>.</summary>
internal sealed record StoredMapping(string[] Header, Dictionary<string, string> Mapping);

public sealed record ImportProgressView(long Done, long Total, int Percent, int Rows);

public sealed record ImportView(
    long Id, long PlaceId, string FileName, long SizeBytes, ImportFormat Format, string? Encoding, ImportStatus Status,
    string[] Header, Dictionary<string, string> Mapping, string[] IgnoredColumns, string[] MissingColumns,
    ImportProgressView? Progress, int Rows, int RowsWithProblems, int NewResidents, int UnchangedResidents, int NewHouseholds,
    string? Failure, DateTime CreatedAt, DateTime? CheckedAt, DateTime? CommittedAt);

public sealed record ImportProblemView(int Row, string Column, string? Value, string Reason, long? ExistingResidentId);

public sealed record ImportProblemsPage(int RowsWithProblems, int Stored, ImportProblemView[] Items);

/// <summary>An outcome: the import, or the field and reason of a refusal, with the status to answer.</summary>
public sealed record ImportOutcome(ImportView? Import, int Status = 200, string? Field = null, string? Reason = null)
{
    /// <summary>For a 400: every field that is wrong.</summary>
    public ValidationErrors? Errors { get; init; }

    public static ImportOutcome Refused(int status, string field, string reason) => new(null, status, field, reason);
}

/// <summary>
/// Upload, check, read, commit and discard of register imports, for the API and the page alike.
/// Every import is reached through its place: one outside the caller's jurisdictions does not exist.
/// </summary>
public sealed class ImportService(
    AppDb db, PlaceQueries places, Caller caller, AuditLog audit, CityClock clock, ImportQueue queue, IOptions<ImportOptions> options, RegisterGeneration register)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public long MaxImportBytes => options.Value.MaxImportBytes;

    private string Folder
    {
        get
        {
            var folder = options.Value.ImportFolder ?? Path.Combine("data", "imports");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    internal string PathOf(RegisterImport import) => Path.Combine(Folder, $"{import.Id}.{(import.Format == ImportFormat.Xlsx ? "xlsx" : "csv")}");

    public static bool CanImportInto(PlaceKind kind) =>
        kind is PlaceKind.Community or PlaceKind.Village or PlaceKind.Compound or PlaceKind.Building;

    /// <summary>Stores the file, finds its format and encoding, reads its header and proposes a mapping.</summary>
    public async Task<ImportOutcome> UploadAsync(long placeId, string fileName, Stream content, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return ImportOutcome.Refused(404, "place", $"place {placeId} does not exist.");
        }
        if (!CanImportInto(place.Kind))
        {
            return ImportOutcome.Refused(409, "id", "a register is imported into a community, a compound or a building");
        }
        fileName = Path.GetFileName(fileName.Replace('\\', '/'));
        if (string.IsNullOrWhiteSpace(fileName))
        {
            fileName = "upload.csv";
        }
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension is ".xls" or ".et")
        {
            return ImportOutcome.Refused(400, "file", "old .xls workbooks are not read: save the sheet as .xlsx or as CSV");
        }

        var temporary = Path.Combine(Folder, $"upload-{Guid.NewGuid():N}.part");
        try
        {
            var detection = new TextDetection();
            long size = 0;
            var start = new byte[4];
            var startLength = 0;
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                {
                    var buffer = new byte[1 << 16];
                    int read;
                    while ((read = await content.ReadAsync(buffer, ct)) > 0)
                    {
                        size += read;
                        if (size > MaxImportBytes)
                        {
                            return ImportOutcome.Refused(413, "file", $"is larger than the {MaxImportBytes / (1024 * 1024.0):0.#} MB an import may have (Register:MaxImportBytes): split the file");
                        }
                        var chunk = buffer.AsSpan(0, read);
                        for (var i = 0; startLength < 4 && i < read; i++)
                        {
                            start[startLength++] = buffer[i];
                        }
                        sha.AppendData(chunk);
                        detection.Feed(chunk);
                        await file.WriteAsync(buffer.AsMemory(0, read), ct);
                    }
                }
                if (size == 0)
                {
                    return ImportOutcome.Refused(400, "file", "is empty");
                }
                var isZip = TableReaders.LooksLikeZip(start.AsSpan(0, startLength));
                var format = extension is ".xlsx" or ".xlsm" || isZip ? ImportFormat.Xlsx : ImportFormat.Csv;
                string? encoding = null;
                if (format == ImportFormat.Csv)
                {
                    (encoding, var problem) = detection.Finish();
                    if (problem is not null)
                    {
                        return ImportOutcome.Refused(400, "file", problem);
                    }
                }
                string[] header;
                try
                {
                    using var reader = TableReaders.Open(temporary, format == ImportFormat.Xlsx, encoding);
                    header = reader.TryRead(out _, out var cells) ? [.. cells.Select(c => c.Trim())] : [];
                }
                catch (ImportFileException e)
                {
                    return ImportOutcome.Refused(400, "file", e.Message);
                }
                catch (Exception e) when (e is IOException or System.Text.DecoderFallbackException)
                {
                    return ImportOutcome.Refused(400, "file", $"cannot be read: {e.Message}");
                }
                var last = Array.FindLastIndex(header, h => h.Length > 0);
                header = header[..(last + 1)];
                var mapping = ImportColumns.Propose(header);
                if (mapping.Count == 0)
                {
                    return ImportOutcome.Refused(400, "file", "the first row is not a header this import knows: name the columns like 楼栋, 房号, 姓名, 身份证号 (or building, room, name, ID number)");
                }
                var account = await caller.Account(ct);
                var import = new RegisterImport
                {
                    PlaceId = place.Id,
                    PlacePath = place.Path,
                    FileName = fileName.Length > 260 ? fileName[..260] : fileName,
                    SizeBytes = size,
                    Sha256 = Convert.ToHexStringLower(sha.GetHashAndReset()),
                    Format = format,
                    Encoding = encoding,
                    Mapping = JsonSerializer.Serialize(new StoredMapping(header, mapping), Json),
                    Status = ImportStatus.Uploaded,
                    CreatedAt = clock.UtcNow,
                    CreatedBy = account?.Id,
                };
                db.RegisterImports().Add(import);
                await db.SaveChangesAsync(ct);
                File.Move(temporary, PathOf(import), overwrite: true);
                await audit.Record(AuditAction.Import, "register-import", [import.Id], place.Path,
                    $"uploaded {import.FileName} ({size} bytes, {format}{(encoding is null ? "" : ", " + encoding)}) for {place.NameZh} ({place.Code})", ct);
                return new ImportOutcome(View(import));
            }
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private async Task<RegisterImport?> Find(long id, CancellationToken ct)
    {
        var import = await db.RegisterImports().FirstOrDefaultAsync(i => i.Id == id, ct);
        return import is not null && await places.Find(import.PlaceId, ct) is not null ? import : null;
    }

    public async Task<ImportView?> GetAsync(long id, CancellationToken ct) => await Find(id, ct) is { } import ? View(import) : null;

    /// <summary>Starts the dry run with the mapping given (field → column header), or the one proposed.</summary>
    public async Task<ImportOutcome> CheckAsync(long id, IReadOnlyDictionary<string, string?>? mapping, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } import)
        {
            return ImportOutcome.Refused(404, "import", $"import {id} does not exist.");
        }
        if (import.Status is not (ImportStatus.Uploaded or ImportStatus.Checked or ImportStatus.Failed))
        {
            return ImportOutcome.Refused(409, "status", $"the import is {import.Status.ToString().ToLowerInvariant()}: only an uploaded or checked import is checked");
        }
        var stored = Stored(import);
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
        import.Mapping = JsonSerializer.Serialize(stored with { Mapping = chosen }, Json);
        import.Status = ImportStatus.Checking;
        import.Failure = null;
        await db.SaveChangesAsync(ct);
        queue.Enqueue(import.Id, (await caller.Account(ct))!.Id);
        return new ImportOutcome(View(import), 202);
    }

    public async Task<ImportProblemsPage?> ProblemsAsync(long id, int skip, int take, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } import)
        {
            return null;
        }
        var problems = db.ImportProblems().AsNoTracking().Where(p => p.ImportId == id);
        var stored = await problems.CountAsync(ct);
        var items = await problems.OrderBy(p => p.Row).ThenBy(p => p.Id).Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(p => new ImportProblemView(p.Row, p.Column, p.Value, p.Reason, p.ExistingResidentId)).ToArrayAsync(ct);
        return new ImportProblemsPage(import.RowsWithProblems, stored, items);
    }

    /// <summary>All the checked rows or none, in one transaction.</summary>
    public async Task<ImportOutcome> CommitAsync(long id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } import)
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
            import.Status = ImportStatus.Committed;
            import.CommittedAt = clock.UtcNow;
            import.NewHouseholds = households;
            import.NewResidents = residents;
            await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath,
                $"committed {import.FileName}: {residents} new residents, {households} new households, {import.UnchangedResidents} unchanged", ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        // The residents were written in SQL, which the register's write watch does not see.
        register.Advance();
        // Outside the transaction: the commit is done, the staged rows are only space now.
        await ImportSql.DeleteStaged(db, id, ct);
        return new ImportOutcome(View(import));
    }

    public async Task<ImportOutcome> DiscardAsync(long id, CancellationToken ct)
    {
        if (await Find(id, ct) is not { } import)
        {
            return ImportOutcome.Refused(404, "import", $"import {id} does not exist.");
        }
        if (import.Status is ImportStatus.Checking or ImportStatus.Committing or ImportStatus.Committed)
        {
            return ImportOutcome.Refused(409, "status", $"the import is {import.Status.ToString().ToLowerInvariant()} and cannot be discarded");
        }
        await db.ImportRows().Where(r => r.ImportId == id).ExecuteDeleteAsync(ct);
        await db.ImportProblems().Where(r => r.ImportId == id).ExecuteDeleteAsync(ct);
        import.Status = ImportStatus.Discarded;
        await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath, $"discarded {import.FileName}", ct);
        await db.SaveChangesAsync(ct);
        File.Delete(PathOf(import));
        return new ImportOutcome(View(import));
    }

    internal static StoredMapping Stored(RegisterImport import) =>
        import.Mapping is { } json ? JsonSerializer.Deserialize<StoredMapping>(json, Json)! : new StoredMapping([], []);

    private ImportView View(RegisterImport i)
    {
        var stored = Stored(i);
        var used = stored.Mapping.Values.ToHashSet(StringComparer.Ordinal);
        var progress = i.Status == ImportStatus.Checking && queue.Progress(i.Id) is { } p ? new ImportProgressView(p.Done, p.Total, p.Percent, p.Rows) : null;
        return new ImportView(i.Id, i.PlaceId, i.FileName, i.SizeBytes, i.Format, i.Encoding, i.Status, stored.Header, stored.Mapping,
            [.. stored.Header.Where(h => h.Length > 0 && !used.Contains(h))], [.. ImportColumns.Required.Where(r => !stored.Mapping.ContainsKey(r))],
            progress, i.Rows, i.RowsWithProblems, i.NewResidents, i.UnchangedResidents, i.NewHouseholds, i.Failure, i.CreatedAt, i.CheckedAt, i.CommittedAt);
    }
}
