using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register;

/// <summary>The register (底数): households and residents, one folder per use case.</summary>
public static class RegisterModule
{
    public static WebApplicationBuilder AddRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadHouseholds.HouseholdQueries>();
        builder.Services.AddScoped<RegisterAccess>();
        builder.Services.AddScoped<Duplicates>();
        // The use cases (each resolved by its endpoint and by the pages).
        builder.Services.AddScoped<CreateHousehold.CreateHouseholdHandler>();
        builder.Services.AddScoped<MoveHousehold.MoveHouseholdHandler>();
        builder.Services.AddScoped<AddResident.AddResidentHandler>();
        builder.Services.AddScoped<UpdateResident.UpdateResidentHandler>();
        builder.Services.AddScoped<MoveResident.MoveResidentHandler>();
        builder.Services.AddScoped<SetResidentStatus.SetResidentStatusHandler>();
        builder.Services.AddScoped<Merge.MergeResidents.MergeResidentsHandler>();
        builder.Services.AddScoped<Merge.UndoMerge.UndoMergeHandler>();
        builder.Services.AddScoped<Merge.ReadMergeHistory.ReadMergeHistoryHandler>();
        builder.Services.AddScoped<Merge.FindDuplicates.FindDuplicatesHandler>();
        builder.Services.AddScoped<Counts.RegisterCountQueries>();
        builder.Services.AddScoped<IPlaceOccupancy, Counts.RegisterOccupancy>();
        builder.Services.AddSingleton<RegisterGeneration>();
        builder.Services.AddAppDbInterceptor(provider => new WriteWatch(entity => entity is Resident, provider.GetRequiredService<RegisterGeneration>().Advance));
        Import.ImportModule.AddImport(builder);
        Pages.RegisterPageParts.AddRegisterPageParts(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapRegister(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterRead);
        ReadHouseholds.ReadHouseholds.Map(read);
        Counts.RegisterCountEndpoints.Map(read);
        var edit = app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterEdit);
        CreateHousehold.CreateHouseholdHandler.Map(edit);
        MoveHousehold.MoveHouseholdHandler.Map(edit);
        AddResident.AddResidentHandler.Map(edit);
        UpdateResident.UpdateResidentHandler.Map(edit);
        MoveResident.MoveResidentHandler.Map(edit);
        SetResidentStatus.SetResidentStatusHandler.Map(edit);
        Merge.MergeResidents.MergeResidentsHandler.Map(edit);
        Merge.UndoMerge.UndoMergeHandler.Map(edit);
        Merge.ReadMergeHistory.ReadMergeHistoryHandler.Map(read);
        Merge.FindDuplicates.FindDuplicatesHandler.Map(read);
        ReadHouseholds.ReadHouseholds.MapReveal(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterReveal));
        ReadHouseholds.ReadHouseholds.MapOwn(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.OwnHousehold));
        Export.ExportResidents.Map(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterExport));
        Import.ImportModule.Map(app);
        return app;
    }
}
