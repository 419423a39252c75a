using GreenGrid.Places;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace GreenGrid.Register.Import;

/// <summary>Optional mapping for the dry run: field (building, room, name, idNumber, ...) → column header of the file.</summary>
public sealed record CheckImportRequest(Dictionary<string, string?>? Mapping);

/// <summary>
/// The import API: upload (multipart, streamed to disk), check (the dry run, in the background),
/// status, problems, commit (all or none) and discard.
/// </summary>
internal static class ImportEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/places/{id:long}/imports", Upload).WithName("UploadRegisterImport")
            .WithSummary("Upload a CSV (UTF-8 or GB18030) or XLSX file of residents into a community, compound or building; answers the header and a proposed mapping.");
        api.MapPost("/imports/{id:long}/check", Check).WithName("CheckRegisterImport")
            .WithSummary("Start the dry run (in the background), with an optional mapping field → column.");
        api.MapGet("/imports/{id:long}", Get).WithName("GetRegisterImport").WithSummary("Status, progress and summary of an import.");
        api.MapGet("/imports/{id:long}/problems", GetProblems).WithName("GetRegisterImportProblems").WithSummary("The problems found per row, in row order.");
        api.MapPost("/imports/{id:long}/commit", Commit).WithName("CommitRegisterImport").WithSummary("Import every checked row or none, in one transaction.");
        api.MapDelete("/imports/{id:long}", Discard).WithName("DiscardRegisterImport").WithSummary("Discard an import that is not committed.");
    }

    private static async Task<Results<Created<ImportView>, ValidationProblem, ProblemHttpResult>> Upload(long id, HttpRequest request, ImportService imports, PlaceQueries places, CancellationToken ct)
    {
        // A place outside the caller's jurisdictions does not exist, whatever the request carries.
        if (await places.Find(id, ct) is null)
        {
            return Problems.NotFound("place", id);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // Room for the multipart envelope around the file; the file itself is counted while it streams.
            limit.MaxRequestBodySize = imports.MaxImportBytes + 1024 * 1024;
        }
        if (request.ContentLength > imports.MaxImportBytes + 1024 * 1024)
        {
            return TooLarge(imports);
        }
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 } boundary)
        {
            return Problems.Invalid("file", "is required: send the file as multipart/form-data in a part named 'file'");
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
                var outcome = await imports.UploadAsync(id, fileName, section.Body, ct);
                if (outcome.Import is { } view)
                {
                    return TypedResults.Created($"/api/v1/imports/{view.Id}", view);
                }
                return outcome.Status == 400 ? Invalid(outcome) : Refused(outcome);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(imports);
        }
        catch (IOException e)
        {
            return Problems.Invalid("file", $"the upload could not be read: {e.Message}");
        }
        return Problems.Invalid("file", "is required: send the file as multipart/form-data in a part named 'file'");
    }

    private static ProblemHttpResult TooLarge(ImportService imports) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["file"] = [$"is larger than the {imports.MaxImportBytes / (1024 * 1024.0):0.#} MB an import may have (Register:MaxImportBytes): split the file"],
        })
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The file is too large.",
        });

    private static async Task<Results<Accepted<ImportView>, ValidationProblem, ProblemHttpResult>> Check(
        long id, CheckImportRequest? request, ImportService imports, CancellationToken ct)
    {
        var outcome = await imports.CheckAsync(id, request?.Mapping, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Accepted($"/api/v1/imports/{view.Id}", view);
        }
        return outcome.Status == 400 ? Invalid(outcome) : Refused(outcome);
    }

    private static async Task<Results<Ok<ImportView>, ProblemHttpResult>> Get(long id, ImportService imports, CancellationToken ct) =>
        await imports.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound("import", id);

    private static async Task<Results<Ok<ImportProblemsPage>, ProblemHttpResult>> GetProblems(long id, ImportService imports, CancellationToken ct, int skip = 0, int take = 100) =>
        await imports.ProblemsAsync(id, skip, take, ct) is { } page ? TypedResults.Ok(page) : Problems.NotFound("import", id);

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Commit(long id, ImportService imports, CancellationToken ct)
    {
        var outcome = await imports.CommitAsync(id, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Ok(view);
        }
        return outcome.Status == 400 ? Invalid(outcome) : Refused(outcome);
    }

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Discard(long id, ImportService imports, CancellationToken ct)
    {
        var outcome = await imports.DiscardAsync(id, ct);
        if (outcome.Import is { } view)
        {
            return TypedResults.Ok(view);
        }
        return outcome.Status == 400 ? Invalid(outcome) : Refused(outcome);
    }

    private static ValidationProblem Invalid(ImportOutcome outcome) =>
        outcome.Errors is { } errors ? Problems.Invalid(errors) : Problems.Invalid(outcome.Field!, outcome.Reason!);

    private static ProblemHttpResult Refused(ImportOutcome outcome) => outcome.Status switch
    {
        404 => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: outcome.Reason),
        409 => Problems.Conflict(outcome.Field!, outcome.Reason!),
        _ => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [outcome.Field!] = [outcome.Reason!] })
        {
            Status = outcome.Status,
            Title = outcome.Status == StatusCodes.Status413PayloadTooLarge ? "The file is too large." : "The file cannot be imported.",
        }),
    };
}
