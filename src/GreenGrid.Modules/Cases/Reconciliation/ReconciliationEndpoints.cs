using GreenGrid.Places;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace GreenGrid.Cases.Reconciliation;

/// <summary>The routes of reconciliation: import a list from another source, compare it with the register, see where sources disagree.</summary>
public static class ReconciliationEndpoints
{
    public static void MapRecord(RouteGroupBuilder group)
    {
        group.MapPost("/places/{id:long}/reconciliations", Import).DisableAntiforgery()
            .WithSummary("Import a CSV list (multipart: file; source = facilityAdmissions|labPositives|sweepFindings|other; sourceName; asOf) with the columns name/姓名, idNumber/身份证号, status/状态, date/日期, and compare it person by person with the register of the place.");
    }

    public static void MapRead(RouteGroupBuilder group)
    {
        group.MapGet("/places/{id:long}/reconciliation", async Task<Results<Ok<ReconciliationSummary>, ProblemHttpResult>> (long id, PlaceQueries places, ReconciliationService service, CancellationToken ct) =>
                await places.Find(id, ct) is { } place ? TypedResults.Ok(await service.Summary(place, ct)) : Problems.NotFound("place", id))
            .WithSummary("Where sources disagree under a place: counts per child place (same, different, only in the list, only in the register, elsewhere) and the imports of the subtree.");
        group.MapGet("/reconciliations/{id:long}", Detail)
            .WithSummary("One import: its counts and its people (ID numbers masked), page by page, optionally one outcome (?outcome=different).");
    }

    private static async Task<Results<Created<ReconciliationView>, ValidationProblem, ProblemHttpResult>> Import(long id, HttpRequest request, PlaceQueries places, ReconciliationService service, CancellationToken ct)
    {
        if (await places.Find(id, ct) is null)
        {
            return Problems.NotFound("place", id);
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ReconciliationReader.MaxBytes + 64 * 1024;
        }
        if (!request.HasFormContentType)
        {
            return Problems.Invalid("file", "is required: send the list as multipart/form-data in a part named 'file'");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ReconciliationReader.MaxBytes + 64 * 1024 }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.Invalid("file", $"is larger than {ReconciliationReader.MaxBytes / 1024 / 1024} MB or could not be read; a reconciliation list is small: split it");
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Invalid("file", "is required: send the list as multipart/form-data in a part named 'file'");
        }
        if (file.Length > ReconciliationReader.MaxBytes)
        {
            return Problems.Invalid("file", $"is larger than {ReconciliationReader.MaxBytes / 1024 / 1024} MB; a reconciliation list is small: split it");
        }
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, ct);
        return await service.Import(id, file.FileName, memory.ToArray(), form["source"], form["sourceName"], form["asOf"], ct);
    }

    private static async Task<Results<Ok<ReconciliationDetail>, ValidationProblem, ProblemHttpResult>> Detail(
        long id, ReconciliationService service, CancellationToken ct, string? outcome = null, int skip = 0, int take = 100)
    {
        var errors = new ValidationErrors();
        ReconciliationOutcome? parsed = null;
        if (outcome is not null)
        {
            if (Enum.TryParse<ReconciliationOutcome>(outcome, ignoreCase: true, out var o) && Enum.IsDefined(o))
            {
                parsed = o;
            }
            else
            {
                errors.Add("outcome", $"must be one of: {string.Join(", ", Enum.GetNames<ReconciliationOutcome>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}");
            }
        }
        errors.Page(skip, take, ReconciliationService.MaxTake);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        return await service.Detail(id, parsed, skip, take, ct) is { } detail ? TypedResults.Ok(detail) : Problems.NotFound("reconciliation", id);
    }
}
