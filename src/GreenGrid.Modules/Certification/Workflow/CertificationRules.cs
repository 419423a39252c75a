using GreenGrid.Places;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Certification.Workflow;

/// <summary>
/// The rules the workflow's use cases share (docs/adr/0010-certification-workflow.md): which places are
/// certified, which headquarters reviews them, which batches a caller sees, how a refusal reads.
/// </summary>
internal static class CertificationRules
{
    public const int ReasonMaxLength = 400;

    /// <summary>A revocation's reason is cut to this length (it may quote a long event).</summary>
    public const int RevokedReasonMaxLength = 400;

    public static readonly PlaceKind[] Certifiable = [PlaceKind.Compound, PlaceKind.Community, PlaceKind.Village, PlaceKind.Subdistrict, PlaceKind.Township, PlaceKind.District];

    /// <summary>Whether city headquarters (rather than district headquarters) reviews this kind of place.</summary>
    public static bool ReviewedByCity(PlaceKind kind) => kind.Level() <= PlaceKind.Subdistrict.Level();

    /// <summary>Headquarters covering the place at district level (compounds, communities) or city level (sub-districts, districts).</summary>
    public static bool ReviewerOf(CallerAccount account, string path, PlaceKind kind) =>
        account.Places().Any(j => path.StartsWith(j.Path, StringComparison.Ordinal)
            && (ReviewedByCity(kind) ? j.Kind == PlaceKind.City : j.Kind.Level() <= PlaceKind.District.Level()));

    /// <summary>The place a headquarters publishes for: its widest jurisdiction.</summary>
    public static Place? ScopeOf(CallerAccount account) => account.Places().OrderBy(j => j.Kind.Level()).ThenBy(j => j.Path).FirstOrDefault();

    /// <summary>A batch is seen inside its scope and above it.</summary>
    public static bool SeesBatch(CallerAccount account, string scopePath) =>
        account.Covers(scopePath) || account.Jurisdictions.Any(j => j.Path.StartsWith(scopePath, StringComparison.Ordinal));

    /// <summary>The 409 of a place that is not epidemic-free today, with its reasons.</summary>
    public static ProblemHttpResult NotEligible(List<ReasonView> reasons) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["id"] = ["the place is not epidemic-free today", .. reasons.Select(Sentence)],
        })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The place is not eligible.",
            Detail = "id: the place is not epidemic-free today: " + string.Join("; ", reasons.Select(Sentence)),
            Extensions = { ["reasons"] = reasons },
        });

    /// <summary>A reason in English words, for problems and exports (the pages put it in the reader's language).</summary>
    public static string Sentence(ReasonView r) => r.Code switch
    {
        "recentCase" => $"{r.Person ?? "a resident"} (resident {r.ResidentId}) was a case reported on {r.Date:yyyy-MM-dd}",
        "underManagement" => $"{r.Person ?? "a resident"} (resident {r.ResidentId}) is under management as {r.Type}" + (r.Until is { } u ? $" until {u:yyyy-MM-dd}" : " with no known end"),
        "controlMissing" => $"{r.Control} is not attested",
        _ => $"{r.PlaceEn} ({r.PlaceId}) is not epidemic-free",
    };
}
