using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register;

/// <summary>The register (底数): households and residents.</summary>
public static class RegisterModule
{
    public static WebApplicationBuilder AddRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadHouseholds.HouseholdQueries>();
        builder.Services.AddScoped<RegisterAccess>();
        builder.Services.AddScoped<Duplicates>();
        builder.Services.AddScoped<EditRegister.RegisterEditor>();
        builder.Services.AddScoped<Merge.ResidentMerges>();
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
        EditRegister.EditRegister.Map(edit);
        Merge.MergeResidents.Map(edit, read);
        ReadHouseholds.ReadHouseholds.MapReveal(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterReveal));
        ReadHouseholds.ReadHouseholds.MapOwn(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.OwnHousehold));
        Export.ExportResidents.Map(app.MapGroup("/api/v1").WithTags("Register").RequirePermission(Permissions.RegisterExport));
        Import.ImportModule.Map(app);
        return app;
    }
}
