using GreenGrid.Platform.Security;

namespace GreenGrid.Access;

/// <summary>Closed management (封闭管理): gates, closure orders, passes a gate verifies offline, every scan logged.</summary>
public static class AccessModule
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
        builder.Services.AddSingleton<PassKeys>();
        builder.Services.AddSingleton<GateDirectory>();
        builder.Services.AddSingleton<ScanLocks>();
        builder.Services.AddSingleton<ScanPass.PassLedger>();
        builder.Services.AddScoped<Cases.ICaseEventListener, ScanPass.PassLedgerCaseListener>();
        builder.Services.AddScoped<Gates.GateAdmin>();
        builder.Services.AddScoped<IssuePass.PassIssuer>();
        builder.Services.AddScoped<ScanPass.GateScanner>();
        builder.Services.AddScoped<Offline.GateBundles>();
        builder.Services.AddScoped<Reconcile.GateReports>();
        Pages.AccessPageParts.AddAccessPageParts(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        AccessEndpoints.MapManage(app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessManage));
        var scan = app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessScan);
        AccessEndpoints.MapScan(scan);
        AccessEndpoints.MapOffline(scan);
        AccessEndpoints.MapRead(app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessRead));
        AccessEndpoints.MapOwn(app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.OwnHousehold));
        return app;
    }
}
