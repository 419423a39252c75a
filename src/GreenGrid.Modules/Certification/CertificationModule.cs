using GreenGrid.Cases;
using GreenGrid.Certification.Workflow;
using GreenGrid.Platform.Security;

namespace GreenGrid.Certification;

/// <summary>
/// Certification (无疫情创建): the standard as data and the engine that applies it
/// (docs/adr/0006-certification-engine.md), scenarios, and the workflow of attestations,
/// applications, reviews, batches and revocation on the city's own data (docs/adr/0010-certification-workflow.md).
/// </summary>
public static class CertificationModule
{
    public static WebApplicationBuilder AddCertification(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CertificationOptions>(builder.Configuration.GetSection(CertificationOptions.Section));
        builder.Services.AddSingleton<CityCertification>();
        builder.Services.AddSingleton<Demo.IDemoStep, CertificationDemo.Step>();
        builder.Services.AddScoped<Revocations>();
        builder.Services.AddScoped<CertificationWorkflow>();
        builder.Services.AddScoped<ICaseEventListener, CertificationListener>();
        builder.Services.AddScoped<Places.IPlaceTreeListener, CertificationPlaceListener>();
        builder.Services.AddHostedService<CertificationStartup>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCertification(this IEndpointRouteBuilder app)
    {
        var certification = app.MapGroup("/api/v1/certification").WithTags("Certification").RequirePermission(Permissions.CertificationRead);
        Scenario.EvaluateScenario.Map(certification);
        CertificationEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationRead));
        CertificationEndpoints.MapApply(app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationApply));
        CertificationEndpoints.MapReview(app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationReview));
        return app;
    }
}
