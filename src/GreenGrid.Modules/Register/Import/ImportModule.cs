using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register.Import;

/// <summary>The import of the register from spreadsheets: services and endpoints.</summary>
internal static class ImportModule
{
    public static void AddImport(WebApplicationBuilder builder)
    {
        var dataFolder = builder.Configuration["Database:DataFolder"] is { Length: > 0 } folder ? folder : "data";
        builder.Services.Configure<ImportOptions>(builder.Configuration.GetSection(ImportOptions.Section));
        builder.Services.PostConfigure<ImportOptions>(o =>
            o.ImportFolder = Path.GetFullPath(string.IsNullOrWhiteSpace(o.ImportFolder)
                ? Path.Combine(builder.Environment.ContentRootPath, dataFolder, "imports")
                : Path.Combine(builder.Environment.ContentRootPath, o.ImportFolder)));
        builder.Services.AddSingleton<ImportQueue>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.Services.AddScoped<ImportService>();
        builder.Services.AddScoped<ImportChecker>();
    }

    public static void Map(IEndpointRouteBuilder app) =>
        ImportEndpoints.Map(app.MapGroup("/api/v1").WithTags("Register import").RequirePermission(Permissions.RegisterImport));
}
