using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;

namespace GreenGrid.Access;

/// <summary>Closed management (封闭管理): gates, closure orders, passes a gate verifies offline, every scan logged.</summary>
public static class AccessModule
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AccessOptions>(builder.Configuration.GetSection(AccessOptions.Section));
        // Kept per application: the signing keys, the gate cache, the scan locks and the ledger of passes follow every scan.
        services.AddSingleton<PassKeys>();
        services.AddSingleton<GateDirectory>();
        services.AddSingleton<ScanPass.ScanLocks>();
        services.AddSingleton<ScanPass.PassLedger>();
        services.AddSingleton<GatePlaces>();
        services.AddSingleton<IPlaceTreeListener>(provider => provider.GetRequiredService<GatePlaces>());
        services.AddAppDbInterceptor(provider => new GatePlacesWatch(provider.GetRequiredService<GatePlaces>()));
        services.AddHostedService<GatePlacesStartup>();
        services.AddScoped<Cases.ICaseEventListener, ScanPass.PassLedgerCaseListener>();

        // What the use cases share, then one handler per use case (the API and the pages call the same).
        services.AddScoped<CompoundGates>();
        services.AddScoped<PassViews>();
        services.AddScoped<ListGates.ListGates>();
        services.AddScoped<AddGate.AddGate>();
        services.AddScoped<RenameGate.RenameGate>();
        services.AddScoped<RetireGate.RetireGate>();
        services.AddScoped<ReadClosure.ReadClosure>();
        services.AddScoped<IssueClosureOrder.IssueClosureOrder>();
        services.AddScoped<IssuePass.PassIssuer>();
        services.AddScoped<RevokePass.RevokePass>();
        services.AddScoped<ListPasses.ListPasses>();
        services.AddScoped<ScanPass.GateScanner>();
        services.AddScoped<DownloadBundle.DownloadBundle>();
        services.AddScoped<UploadScans.UploadScans>();
        services.AddScoped<ReadGateLog.ReadGateLog>();
        services.AddScoped<ReadOutsideNow.ReadOutsideNow>();
        services.AddScoped<ReadHourlyScans.ReadHourlyScans>();
        services.AddScoped<ReadScanConflicts.ReadScanConflicts>();
        services.AddScoped<ReadFeverAlerts.ReadFeverAlerts>();
        Pages.AccessPageParts.AddAccessPageParts(services);
        return builder;
    }

    /// <summary>The routes, grouped by the permission they need (in the order the API document lists them).</summary>
    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        var manage = app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessManage);
        ListGates.ListGates.Map(manage);
        AddGate.AddGate.Map(manage);
        RenameGate.RenameGate.Map(manage);
        RetireGate.RetireGate.Map(manage);
        ReadClosure.ReadClosure.Map(manage);
        IssueClosureOrder.IssueClosureOrder.Map(manage);
        IssuePass.PassIssuer.Map(manage);
        ShowPass.ShowPass.Map(manage);
        RevokePass.RevokePass.Map(manage);
        ShowPass.ShowPass.MapQr(manage);
        ListPasses.ListPasses.MapOfHousehold(manage);
        ListPasses.ListPasses.MapOfPlace(manage);

        var scan = app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessScan);
        ScanPass.GateScanner.Map(scan);
        DownloadBundle.DownloadBundle.Map(scan);
        UploadScans.UploadScans.Map(scan);

        var read = app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.AccessRead);
        ReadGateLog.ReadGateLog.Map(read);
        ReadOutsideNow.ReadOutsideNow.Map(read);
        ReadHourlyScans.ReadHourlyScans.Map(read);
        ReadScanConflicts.ReadScanConflicts.Map(read);
        ReadFeverAlerts.ReadFeverAlerts.Map(read);

        var own = app.MapGroup("/api/v1").WithTags("Access").RequirePermission(Permissions.OwnHousehold);
        ListPasses.ListPasses.MapOwn(own);
        ShowPass.ShowPass.MapOwnQr(own);
        return app;
    }
}
