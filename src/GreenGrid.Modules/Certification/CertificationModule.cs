using GreenGrid.Cases;
using GreenGrid.Certification.ApplyForCertification;
using GreenGrid.Certification.AttestControl;
using GreenGrid.Certification.ChartCertification;
using GreenGrid.Certification.ExportBatch;
using GreenGrid.Certification.PublishBatch;
using GreenGrid.Certification.ReadApplications;
using GreenGrid.Certification.ReadBatches;
using GreenGrid.Certification.ReadCertification;
using GreenGrid.Certification.ReadRevocations;
using GreenGrid.Certification.ReviewApplication;
using GreenGrid.Certification.RevokeCertification;
using GreenGrid.Certification.WithdrawControl;
using GreenGrid.Certification.Workflow;
using GreenGrid.Platform.Security;

namespace GreenGrid.Certification;

/// <summary>
/// Certification (无疫情创建): the standard as data and the engine that applies it
/// (docs/adr/0006-certification-engine.md), scenarios, and the workflow of attestations,
/// applications, reviews, batches and revocation on the city's own data (docs/adr/0010-certification-workflow.md),
/// one folder per use case. The demo city's certification history is seeded by the demo module (<see cref="CertificationDemo"/>).
/// </summary>
public static class CertificationModule
{
    public static WebApplicationBuilder AddCertification(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CertificationOptions>(builder.Configuration.GetSection(CertificationOptions.Section));
        // The in-memory model of the city, kept in step by the listeners and checked once at start-up.
        builder.Services.AddSingleton<CityCertification>();
        builder.Services.AddScoped<ICaseEventListener, CertificationListener>();
        builder.Services.AddScoped<Places.IPlaceTreeListener, CertificationPlaceListener>();
        builder.Services.AddHostedService<CertificationStartup>();
        // The workflow's use cases (each resolved by its endpoint and by the pages).
        builder.Services.AddScoped<WorkflowQueries>();
        builder.Services.AddScoped<Revocations>();
        builder.Services.AddScoped<ReadCertification.ReadCertification>();
        builder.Services.AddScoped<ChartCertification.ChartCertification>();
        builder.Services.AddScoped<ReadApplications.ReadApplications>();
        builder.Services.AddScoped<ReadBatches.ReadBatches>();
        builder.Services.AddScoped<ReadRevocations.ReadRevocations>();
        builder.Services.AddScoped<AttestControl.AttestControl>();
        builder.Services.AddScoped<WithdrawControl.WithdrawControl>();
        builder.Services.AddScoped<ApplyForCertification.ApplyForCertification>();
        builder.Services.AddScoped<ReviewApplication.ReviewApplication>();
        builder.Services.AddScoped<PublishBatch.PublishBatch>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCertification(this IEndpointRouteBuilder app)
    {
        var certification = app.MapGroup("/api/v1/certification").WithTags("Certification").RequirePermission(Permissions.CertificationRead);
        Scenario.EvaluateScenario.Map(certification);

        var read = app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationRead);
        ReadCertification.ReadCertification.Map(read);
        ChartCertification.ChartCertification.Map(read);
        ReadApplications.ReadApplications.Map(read);
        ReadBatches.ReadBatches.Map(read);
        ExportBatch.ExportBatch.Map(read);
        ReadRevocations.ReadRevocations.Map(read);

        var apply = app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationApply);
        AttestControl.AttestControl.Map(apply);
        WithdrawControl.WithdrawControl.Map(apply);
        ApplyForCertification.ApplyForCertification.Map(apply);

        var review = app.MapGroup("/api/v1").WithTags("Certification").RequirePermission(Permissions.CertificationReview);
        ReviewApplication.ReviewApplication.Map(review);
        PublishBatch.PublishBatch.Map(review);
        return app;
    }
}
