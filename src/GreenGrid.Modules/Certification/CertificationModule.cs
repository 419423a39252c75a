using GreenGrid.Platform.Security;

namespace GreenGrid.Certification;

/// <summary>
/// Certification (无疫情创建): the standard as data and the engine that applies it
/// (docs/adr/0006-certification-engine.md). This part evaluates scenarios; the workflow of
/// applications, reviews, batches and revocation comes with the case events.
/// </summary>
public static class CertificationModule
{
    public static WebApplicationBuilder AddCertification(this WebApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapCertification(this IEndpointRouteBuilder app)
    {
        var certification = app.MapGroup("/api/v1/certification").WithTags("Certification").RequirePermission(Permissions.CertificationRead);
        Scenario.EvaluateScenario.Map(certification);
        return app;
    }
}
