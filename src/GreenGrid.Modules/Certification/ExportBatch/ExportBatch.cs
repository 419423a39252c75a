using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenGrid.Certification.ReadBatches;
using GreenGrid.Certification.Workflow;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GreenGrid.Certification.ExportBatch;

/// <summary>
/// Export one batch the caller sees as CSV or XLSX: its numbered list, then its totals per level under a
/// blank row; every export is audited. Cells that a spreadsheet would run as a formula are escaped.
/// </summary>
internal static class ExportBatch
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/certification/batches/{id:long}.csv", Csv).WithSummary("One batch as CSV.");
        api.MapGet("/certification/batches/{id:long}.xlsx", Xlsx).WithSummary("One batch as XLSX.");
    }

    private static readonly string[] Header = ["no", "kind", "code", "name_zh", "name_en", "certified_on", "status"];

    private static async Task<(BatchView Batch, List<string[]> Rows)?> Rows(long id, ReadBatches.ReadBatches read, AuditLog audit, string format, CancellationToken ct)
    {
        if (await read.Batch(id, ct) is not { } batch)
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

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Csv(long id, ReadBatches.ReadBatches read, AuditLog audit, CancellationToken ct)
    {
        if (await Rows(id, read, audit, "CSV", ct) is not var (batch, rows))
        {
            return Problems.NotFound(CertificationMessages.BatchNotFound(id));
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

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Xlsx(long id, ReadBatches.ReadBatches read, AuditLog audit, CancellationToken ct)
    {
        if (await Rows(id, read, audit, "XLSX", ct) is not var (batch, rows))
        {
            return Problems.NotFound(CertificationMessages.BatchNotFound(id));
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
