using System.Security.Cryptography;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Files;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GreenGrid.Register.Import.UploadImport;

/// <summary>
/// Upload a CSV (UTF-8 or GB18030) or XLSX file of residents into a community, compound or building of the caller's:
/// the file is streamed to the import folder and counted against the limit, its format and encoding found, its header
/// read and a mapping proposed. Audited.
/// </summary>
internal sealed class UploadImport(AppDb db, PlaceQueries places, Caller caller, AuditLog audit, CityClock clock, ImportStore store)
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/places/{id:long}/imports", Upload).WithName("UploadRegisterImport")
            .WithSummary("Upload a CSV (UTF-8 or GB18030) or XLSX file of residents into a community, compound or building; answers the header and a proposed mapping.");

    public long MaxImportBytes => store.MaxImportBytes;

    private static async Task<Results<Created<ImportView>, ValidationProblem, ProblemHttpResult>> Upload(long id, HttpRequest request, UploadImport upload, PlaceQueries places, CancellationToken ct)
    {
        // A place outside the caller's jurisdictions does not exist, whatever the request carries.
        if (await places.Find(id, ct) is null)
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(id));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the multipart envelope around the file; the file itself is counted while it streams.
            limit.MaxRequestBodySize = upload.MaxImportBytes + 1024 * 1024;
        }
        if (request.ContentLength > upload.MaxImportBytes + 1024 * 1024)
        {
            return TooLarge(upload);
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.Invalid("file", RegisterMessages.ImportFileRequired);
        }
        var reader = new MultipartReader(boundary, request.Body);
        try
        {
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    continue;
                }
                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload.csv";
                var outcome = await upload.Handle(id, fileName, section.Body, ct);
                if (outcome.Import is { } view)
                {
                    return TypedResults.Created($"/api/v1/imports/{view.Id}", view);
                }
                return outcome.Status == 400 ? outcome.Invalid() : outcome.Problem();
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(upload);
        }
        catch (IOException e)
        {
            return Problems.Invalid("file", RegisterMessages.UploadUnreadable(e.Message));
        }
        return Problems.Invalid("file", RegisterMessages.ImportFileRequired);
    }

    private static ProblemHttpResult TooLarge(UploadImport upload) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["file"] = [$"is larger than the {upload.MaxImportBytes / (1024 * 1024.0):0.#} MB an import may have (Register:MaxImportBytes): split the file"],
        })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The file is too large.",
        });

    /// <summary>Stores the file, finds its format and encoding, reads its header and proposes a mapping.</summary>
    public async Task<ImportOutcome> Handle(long placeId, string fileName, Stream content, CancellationToken ct)
    {
        if (await places.Find(placeId, ct) is not { } place)
        {
            return ImportOutcome.Refused(404, "place", $"place {placeId} does not exist.");
        }
        if (!RegisterImport.CanImportInto(place.Kind))
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

        var temporary = Path.Combine(store.Folder, $"upload-{Guid.NewGuid():N}.part");
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
                    Mapping = ImportStore.Serialize(new StoredMapping(header, mapping)),
                    Status = ImportStatus.Uploaded,
                    CreatedAt = clock.UtcNow,
                    CreatedBy = account?.Id,
                };
                db.RegisterImports().Add(import);
                await db.SaveChangesAsync(ct);
                File.Move(temporary, store.PathOf(import), overwrite: true);
                await audit.Record(AuditAction.Import, "register-import", [import.Id], place.Path,
                    $"uploaded {import.FileName} ({size} bytes, {format}{(encoding is null ? "" : ", " + encoding)}) for {place.NameZh} ({place.Code})", ct);
                return new ImportOutcome(store.View(import));
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
}
