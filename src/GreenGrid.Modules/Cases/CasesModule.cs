using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Cases;

/// <summary>Cases and base numbers (病例与疫情底数): every person's epidemic status as a history of events.</summary>
public static class CasesModule
{
    /// <summary>
    /// Everything of the cases module is registered here: its options and services, one per use
    /// case, and the in-memory case counts with the listeners and start-up that keep them current
    /// (docs/adr/0020-case-counts-in-memory.md); other modules register their
    /// <see cref="ICaseEventListener"/> in their own AddX. Its EF configurations are found in
    /// the assembly by <see cref="Platform.Data.AppDb"/>.
    /// </summary>
    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CasesOptions>(builder.Configuration.GetSection(CasesOptions.Section));
        builder.Services.AddSingleton<CaseEventLocks>();
        builder.Services.AddScoped<CasePeople>();
        builder.Services.AddScoped<CaseStatuses>();
        builder.Services.AddScoped<RecordEvents.CaseRecorder>();
        builder.Services.AddScoped<RecordEvents.CaseHistoryQueries>();
        builder.Services.AddScoped<HealthChecks.FeverFlags>();
        builder.Services.AddScoped<HealthChecks.RecordCheck.RecordCheck>();
        builder.Services.AddScoped<HealthChecks.RecordBuildingChecks.RecordBuildingChecks>();
        builder.Services.AddScoped<HealthChecks.ReportFever.ReportFever>();
        builder.Services.AddScoped<HealthChecks.ReadCheckCoverage.ReadCheckCoverage>();
        builder.Services.AddScoped<Sweeps.VisibleSweeps>();
        builder.Services.AddScoped<Sweeps.CreateSweep.CreateSweep>();
        builder.Services.AddScoped<Sweeps.RecordVisit.RecordVisit>();
        builder.Services.AddScoped<Sweeps.ReadSweeps.ReadSweeps>();
        builder.Services.AddScoped<Sweeps.ReadSweepCoverage.ReadSweepCoverage>();
        builder.Services.AddScoped<Sweeps.ReadSweepHouseholds.ReadSweepHouseholds>();
        builder.Services.AddScoped<Reconciliation.ImportList.ImportList>();
        builder.Services.AddScoped<Reconciliation.ReadImport.ReadImport>();
        builder.Services.AddScoped<Reconciliation.ReadDisagreements.ReadDisagreements>();
        builder.Services.AddScoped<Counts.CaseCountReader>();
        builder.Services.AddScoped<Counts.CaseCountRecount>();
        builder.Services.AddScoped<Counts.CaseCountQueries>();
        builder.Services.AddSingleton<Counts.CaseCountsModel>();
        builder.Services.AddScoped<ICaseEventListener, Counts.CaseCountsEventListener>();
        builder.Services.AddSingleton<Register.IRegisterListener, Counts.CaseCountsRegisterListener>();
        builder.Services.AddScoped<Places.IPlaceTreeListener, Counts.CaseCountsPlaceListener>();
        builder.Services.AddHostedService<Counts.CaseCountsStartup>();
        Pages.CasesPageParts.AddCasesPageParts(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        RecordEvents.CaseEndpoints.MapRecord(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRecord));
        RecordEvents.CaseEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRead));

        var recordChecks = app.MapGroup("/api/v1").WithTags("Health checks").RequirePermission(Permissions.CasesRecord);
        HealthChecks.RecordCheck.RecordCheck.Map(recordChecks);
        HealthChecks.RecordBuildingChecks.RecordBuildingChecks.Map(recordChecks);
        HealthChecks.ReadCheckCoverage.ReadCheckCoverage.Map(app.MapGroup("/api/v1").WithTags("Health checks").RequirePermission(Permissions.CasesRead));

        Sweeps.CreateSweep.CreateSweep.Map(app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesManage));
        Sweeps.RecordVisit.RecordVisit.Map(app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesRecord));
        var readSweeps = app.MapGroup("/api/v1").WithTags("Sweeps").RequirePermission(Permissions.CasesRead);
        Sweeps.ReadSweeps.ReadSweeps.Map(readSweeps);
        Sweeps.ReadSweepCoverage.ReadSweepCoverage.Map(readSweeps);
        Sweeps.ReadSweepHouseholds.ReadSweepHouseholds.Map(readSweeps);

        Reconciliation.ImportList.ImportList.Map(app.MapGroup("/api/v1").WithTags("Reconciliation").RequirePermission(Permissions.CasesManage));
        var readReconciliation = app.MapGroup("/api/v1").WithTags("Reconciliation").RequirePermission(Permissions.CasesRead);
        Reconciliation.ReadDisagreements.ReadDisagreements.Map(readReconciliation);
        Reconciliation.ReadImport.ReadImport.Map(readReconciliation);

        Counts.CaseCountEndpoints.Map(app.MapGroup("/api/v1").WithTags("Cases").RequirePermission(Permissions.CasesRead));
        return app;
    }
}
