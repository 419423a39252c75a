using GreenGrid.Access;
using GreenGrid.Accounts;
using GreenGrid.Cases;
using GreenGrid.Certification;
using GreenGrid.Certification.Scenario;
using GreenGrid.Components;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Platform;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Scalar.AspNetCore;

// GreenGrid: one application, one module per capability. This file is the table of contents.

// Command-line verbs that need no web host and no database come first.
if (args.Length > 0 && args[0] == CertifyCommand.Verb)
{
    return CertifyCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

// backup and restore read the database's configuration exactly as the server does, and build no host.
if (BackupCommand.Handles(args))
{
    return await BackupCommand.RunAsync(args, builder.Configuration, builder.Environment.ContentRootPath, Console.Out, Console.Error);
}

builder.AddPlatform();
builder.AddAccounts();
builder.AddPlaces();
builder.AddRegister();
builder.AddCases();
builder.AddCertification();
builder.AddAccess();
builder.AddDemo();
builder.AddWebShell();
builder.Services.AddOpenApi("v1");

var app = builder.Build();

app.UsePlatform();
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/api-reference", o => o.WithTitle("GreenGrid API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
app.MapPlatform();
app.MapAccounts();
app.MapPlaces();
app.MapRegister();
app.MapCases();
app.MapCertification();
app.MapAccess();
app.MapWebShell();

app.PrintAddressesOnStart();
await app.PrepareDatabaseAsync();
await app.EnsureInitialAdminAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests (WebApplicationFactory).</summary>
public partial class Program;
