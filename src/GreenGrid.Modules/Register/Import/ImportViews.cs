using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

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

    /// <summary>The refusal as the API answers it: a 400 with every field that is wrong.</summary>
    internal ValidationProblem Invalid() => Errors is { } errors ? Problems.Invalid(errors) : Problems.Invalid(Field!, Reason!);

    /// <summary>The refusal as the API answers it: 404, 409, or the file's own status (413, 400).</summary>
    internal ProblemHttpResult Problem() => Status switch
    {
        404 => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: Reason),
        409 => Problems.Conflict(Field!, Reason!),
        _ => TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Field!] = [Reason!] })
        {
            Status = Status,
            Title = Status == StatusCodes.Status413PayloadTooLarge ? "The file is too large." : "The file cannot be imported.",
        }),
    };
}
