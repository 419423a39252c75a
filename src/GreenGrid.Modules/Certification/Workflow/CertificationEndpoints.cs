using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Globalization;

namespace GreenGrid.Certification.Workflow;

/// <summary>The workflow over HTTP; the rules are in <see cref="CertificationWorkflow"/>.</summary>
internal static class CertificationEndpoints
{
    public static void MapRead(RouteGroupBuilder api)
    {
        api.MapGet("/places/{id:long}/certification", async Task<Results<Ok<CertificationView>, ProblemHttpResult>> (long id, DateOnly? asOf, CertificationWorkflow w, CancellationToken ct) =>
            await w.Status(id, asOf, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound("place", id))
            .WithSummary("A place's certification on a day: status, reasons, free since / free from, children, controls, application, reopening.");
        api.MapGet("/places/{id:long}/certification/curve", (long id, DateOnly? from, DateOnly? to, CertificationWorkflow w, CancellationToken ct) => w.Curve(id, from, to, ct))
            .WithSummary("The certification curve under a place: share of compounds, communities and sub-districts free per day.");
        api.MapGet("/certification/applications", (string? status, CertificationWorkflow w, CancellationToken ct) => w.Applications(status, ct))
            .WithSummary("Applications inside the caller's jurisdictions (status: pending, approved, rejected, revoked).");
        api.MapGet("/certification/batches", async (CertificationWorkflow w, CancellationToken ct) => TypedResults.Ok(await w.Batches(ct)))
            .WithSummary("Published batches, the day the next one is due and how many approved places wait for it.");
        api.MapGet("/certification/batches/{id:long}", async Task<Results<Ok<BatchView>, ProblemHttpResult>> (long id, CertificationWorkflow w, CancellationToken ct) =>
            await w.Batch(id, ct) is { } batch ? TypedResults.Ok(batch) : Problems.NotFound("batch", id)).WithSummary("One batch: its numbered list and totals per level.");
        api.MapGet("/certification/batches/{id:long}.csv", Csv).WithSummary("One batch as CSV.");
        api.MapGet("/certification/batches/{id:long}.xlsx", Xlsx).WithSummary("One batch as XLSX.");
        api.MapGet("/certification/revocations", async (CertificationWorkflow w, CancellationToken ct) => TypedResults.Ok(await w.Alerts(ct)))
            .WithSummary("Revocations (alerts for the reviewers), newest first.");
    }

    public static void MapApply(RouteGroupBuilder api)
    {
        api.MapPost("/places/{id:long}/controls", (long id, ControlInput input, CertificationWorkflow w, CancellationToken ct) => w.Attest(id, input, ct))
            .WithSummary("Attest one of the six controls (六个到位) for a compound, with the day it is in place.");
        api.MapPost("/certification/controls/{id:long}/withdraw", (long id, WithdrawInput input, CertificationWorkflow w, CancellationToken ct) => w.Withdraw(id, input, ct))
            .WithSummary("Withdraw an attested control (from a day); a certified place it leaves without the control is revoked.");
        api.MapPost("/places/{id:long}/certification/applications", (long id, ApplyInput input, CertificationWorkflow w, CancellationToken ct) => w.Apply(id, input, ct))
            .WithSummary("Apply to certify an eligible place epidemic-free (refused with the reasons when it is not).");
    }

    public static void MapReview(RouteGroupBuilder api)
    {
        api.MapPost("/certification/applications/{id:long}/approve", (long id, CertificationWorkflow w, CancellationToken ct) => w.Approve(id, ct))
            .WithSummary("Approve an application (district HQ: compounds and communities; city HQ: sub-districts and districts after the public notice).");
        api.MapPost("/certification/applications/{id:long}/reject", (long id, RejectInput input, CertificationWorkflow w, CancellationToken ct) => w.Reject(id, input, ct))
            .WithSummary("Reject an application with a reason.");
        api.MapPost("/certification/batches", (CertificationWorkflow w, CancellationToken ct) => w.Publish(ct))
            .WithSummary("Publish the next batch: the places approved since the last one, numbered, with totals per level.");
    }

    private static readonly string[] Header = ["no", "kind", "code", "name_zh", "name_en", "certified_on", "status"];

    private static async Task<(BatchView Batch, List<string[]> Rows)?> Rows(long id, CertificationWorkflow w, AuditLog audit, string format, CancellationToken ct)
    {
        if (await w.Batch(id, ct) is not { } batch)
        {
            return null;
        }
        await audit.Record(AuditAction.Export, "certification-batch", [batch.Id], null, $"batch {batch.Number} of {batch.ScopeZh} as {format}", ct);
        var rows = batch.Entries.Select(e => new[]
        {
            e.Seq.ToString(CultureInfo.InvariantCulture), System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()), e.PlaceId.ToString(CultureInfo.InvariantCulture),
            e.NameZh, e.NameEn, e.CertifiedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString()),
        }).ToList();
        rows.Add([""]);
        rows.Add(["level", "certified", "free", "total", "percent"]);
        rows.AddRange(batch.Totals.Select(t => new[]
        {
            t.Level, t.Certified.ToString(CultureInfo.InvariantCulture), t.Free.ToString(CultureInfo.InvariantCulture), t.Total.ToString(CultureInfo.InvariantCulture),
            t.Percent.ToString("0.0", CultureInfo.InvariantCulture),
        }));
        // One width for every row (the totals follow the list under a blank row).
        return (batch, rows.Select(r => r.Concat(Enumerable.Repeat("", Math.Max(0, Header.Length - r.Length))).ToArray()).ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(long id, CertificationWorkflow w, AuditLog audit, CancellationToken ct)
    {
        if (await Rows(id, w, audit, "CSV", ct) is not var (batch, rows))
        {
            return Problems.NotFound("batch", id);
        }
        using var memory = new MemoryStream();
        await using (var csv = CsvWriter.Create(memory, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true))
        {
            foreach (var row in rows.Prepend(Header))
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
        }
        return TypedResults.File(memory.ToArray(), "text/csv; charset=utf-8", $"certification-batch-{batch.Number}.csv");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Xlsx(long id, CertificationWorkflow w, AuditLog audit, CancellationToken ct)
    {
        if (await Rows(id, w, audit, "XLSX", ct) is not var (batch, rows))
        {
            return Problems.NotFound("batch", id);
        }
        using var memory = new MemoryStream();
        using (var workbook = SpreadsheetDocument.Create(memory, SpreadsheetDocumentType.Workbook, autoSave: true))
        {
            var workbookPart = workbook.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                foreach (var row in rows.Prepend(Header))
                {
                    writer.WriteStartElement(new Row());
                    foreach (var value in row)
                    {
                        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
                        writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(safe)) });
                    }
                    writer.WriteEndElement();
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = $"batch {batch.Number}" }));
        }
        return TypedResults.File(memory.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"certification-batch-{batch.Number}.xlsx");
    }
}
