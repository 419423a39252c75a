using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Register.Import;

/// <summary>The import of the register from spreadsheets: services and endpoints, one folder per step.</summary>
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
        builder.Services.AddScoped<ImportChecker>();
        AddSteps(builder.Services);
    }

    /// <summary>The import's steps (each resolved by its endpoint and by the page) and what they share.</summary>
    internal static void AddSteps(IServiceCollection services)
    {
        services.AddScoped<ImportStore>();
        services.AddScoped<UploadImport.UploadImport>();
        services.AddScoped<CheckImport.CheckImport>();
        services.AddScoped<ReadImport.ReadImport>();
        services.AddScoped<ReadImportProblems.ReadImportProblems>();
        services.AddScoped<CommitImport.CommitImport>();
        services.AddScoped<DiscardImport.DiscardImport>();
    }

    /// <summary>
    /// The import API: upload (multipart, streamed to disk), check (the dry run, in the background),
    /// status, problems, commit (all or none) and discard.
    /// </summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Register import").RequirePermission(Permissions.RegisterImport);
        UploadImport.UploadImport.Map(api);
        CheckImport.CheckImport.Map(api);
        ReadImport.ReadImport.Map(api);
        ReadImportProblems.ReadImportProblems.Map(api);
        CommitImport.CommitImport.Map(api);
        DiscardImport.DiscardImport.Map(api);
    }
}
