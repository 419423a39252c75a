using GreenGrid.Places;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Errors;
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

    /// <summary>The 409 of a place that is not epidemic-free today, with its reasons (texts in the caller's language, codes beside them).</summary>
    public static ProblemHttpResult NotEligible(List<ReasonView> reasons)
    {
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        var sentences = reasons.Select(CertificationMessages.Sentence).ToList();
        var problem = Problems.Conflict("id", CertificationMessages.NotEpidemicFree);
        var details = (HttpValidationProblemDetails)problem.ProblemDetails;
        details.Errors["id"] = [CertificationMessages.NotEpidemicFree.Text(culture), .. sentences.Select(s => s.Text(culture))];
        details.Extensions[Problems.CodesExtension] = new Dictionary<string, string[]> { ["id"] = [CertificationMessages.NotEpidemicFree.Code, .. sentences.Select(s => s.Code)] };
        details.Title = CertificationMessages.NotEligibleTitle.Text(culture);
        details.Detail = $"id: {CertificationMessages.NotEpidemicFree.Text(culture)}: {string.Join("; ", sentences.Select(s => s.Text(culture)))}";
        details.Extensions["reasons"] = reasons;
        return problem;
    }
}
