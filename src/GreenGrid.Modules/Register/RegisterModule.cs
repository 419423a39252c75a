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
        builder.Services.AddScoped<CreateHousehold.CreateHousehold>();
        builder.Services.AddScoped<MoveHousehold.MoveHousehold>();
        builder.Services.AddScoped<AddResident.AddResident>();
        builder.Services.AddScoped<UpdateResident.UpdateResident>();
        builder.Services.AddScoped<MoveResident.MoveResident>();
        builder.Services.AddScoped<SetResidentStatus.SetResidentStatus>();
        builder.Services.AddScoped<Merge.MergeResidents.MergeResidents>();
        builder.Services.AddScoped<Merge.UndoMerge.UndoMerge>();
        builder.Services.AddScoped<Merge.ReadMergeHistory.ReadMergeHistory>();
        builder.Services.AddScoped<Merge.FindDuplicates.FindDuplicates>();
        builder.Services.AddScoped<Counts.RegisterCountQueries>();
        builder.Services.AddScoped<IPlaceOccupancy, Counts.RegisterOccupancy>();
        // The counts kept in memory: one instance that the register's writes and the tree's changes are told to.
        builder.Services.AddSingleton<Counts.RegisterCountsModel>();
        builder.Services.AddSingleton<IRegisterListener>(services => services.GetRequiredService<Counts.RegisterCountsModel>());
        builder.Services.AddSingleton<IPlaceTreeListener>(services => services.GetRequiredService<Counts.RegisterCountsModel>());
        builder.Services.AddHostedService<Counts.RegisterCountsStartup>();
        // The duplicate keys kept in memory, told of the same writes.
        builder.Services.AddSingleton<Merge.FindDuplicates.DuplicateKeysModel>();
        builder.Services.AddSingleton<IRegisterListener>(services => services.GetRequiredService<Merge.FindDuplicates.DuplicateKeysModel>());
        builder.Services.AddSingleton<IPlaceTreeListener>(services => services.GetRequiredService<Merge.FindDuplicates.DuplicateKeysModel>());
        builder.Services.AddHostedService<Merge.FindDuplicates.DuplicateKeysStartup>();
        builder.Services.AddSingleton<RegisterGeneration>();
        builder.Services.AddSingleton<RegisterChanges>();
        builder.Services.AddAppDbInterceptor(provider => new RegisterWriteWatch(provider.GetRequiredService<RegisterChanges>()));
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
        CreateHousehold.CreateHousehold.Map(edit);
        MoveHousehold.MoveHousehold.Map(edit);
        AddResident.AddResident.Map(edit);
        UpdateResident.UpdateResident.Map(edit);
        MoveResident.MoveResident.Map(edit);
        SetResidentStatus.SetResidentStatus.Map(edit);
        Merge.MergeResidents.MergeResidents.Map(edit);
        Merge.UndoMerge.UndoMerge.Map(edit);
        Merge.ReadMergeHistory.ReadMergeHistory.Map(read);
        Merge.FindDuplicates.FindDuplicates.Map(read);
        ReadHouseholds.ReadHouseholds.MapReveal(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterReveal));
        ReadHouseholds.ReadHouseholds.MapOwn(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.OwnHousehold));
        Export.ExportResidents.Map(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterExport));
        Import.ImportModule.Map(app);
        return app;
    }
}
