using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Cases;

/// <summary>Cases and base numbers (病例与疫情底数): every person's epidemic status as a history of events.</summary>
public static class CasesModule
{
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CasesOptions>(builder.Configuration.GetSection(CasesOptions.Section));
        builder.Services.AddSingleton<CaseEventLocks>();
        builder.Services.AddScoped<CasePeople>();
        builder.Services.AddScoped<CaseStatuses>();
        builder.Services.AddScoped<RecordEvents.CaseRecorder>();
        builder.Services.AddScoped<RecordEvents.CaseHistoryQueries>();
        builder.Services.AddScoped<HealthChecks.HealthCheckService>();
        builder.Services.AddScoped<Sweeps.SweepService>();
        builder.Services.AddScoped<Reconciliation.ReconciliationService>();
        builder.Services.AddScoped<Counts.CaseCountReader>();
        builder.Services.AddScoped<Counts.CaseCountQueries>();
        Pages.CasesPageParts.AddCasesPageParts(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        RecordEvents.CaseEndpoints.MapRecord(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRecord));
        RecordEvents.CaseEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRead));
        HealthChecks.HealthCheckEndpoints.MapRecord(app.MapGroup("/api/v1").WithTags("Health checks").RequirePermission(Permissions.CasesRecord));
        HealthChecks.HealthCheckEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Health checks").RequirePermission(Permissions.CasesRead));
        Sweeps.SweepEndpoints.MapManage(app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesManage));
        Sweeps.SweepEndpoints.MapRecord(app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesRecord));
        Sweeps.SweepEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesRead));
        Reconciliation.ReconciliationEndpoints.MapRecord(app.MapGroup("/api/v1").WithTags("Reconciliation").RequirePermission(Permissions.CasesManage));
        Reconciliation.ReconciliationEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Reconciliation").RequirePermission(Permissions.CasesRead));
        Counts.CaseCountEndpoints.Map(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRead));
        return app;
    }
}
