using System.Globalization;
using CsvHelper;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Export;

/// <summary>
/// The residents on the register under a place as CSV (UTF-8 with BOM, which Excel on Chinese
/// Windows reads) or XLSX, streamed row by row; ID and phone numbers masked unless the role may see
/// them in full. The columns are the ones the import recognises, so an export can be imported back.
/// Every export is audited.
/// </summary>
internal static class ExportResidents
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/places/{id:long}/residents.csv", Csv).WithSummary("Export the residents under a place as CSV (audited).");
        api.MapGet("/places/{id:long}/residents.xlsx", Xlsx).WithSummary("Export the residents under a place as XLSX (audited).");
    }

    public static readonly string[] Header =
        ["id", "building", "room", "name", "sex", "birthDate", "documentType", "idNumber", "phone", "relationship", "residence", "vulnerabilities", "note"];

    /// <summary>Excel's last row is 1,048,576; with the header that leaves this many residents.</summary>
    public const int XlsxMaxRows = 1_048_575;

    /// <summary>Residents per read of an export: each read a bounded query, answered through the indexes (as a page of the residents list).</summary>
    public const int RowsPerRead = 2_000;

    private sealed record ResidentLine(long Id, string BuildingPath, string Building, string Room, string Name, Sex Sex, DateOnly BirthDate, DocumentType DocumentType,
        string IdNumber, string? Phone, Relationship Relationship, Residence Residence, Vulnerability Vulnerabilities, string? Note);

    /// <summary>
    /// Buildings in path order, then their households, then their residents (the residents list's order), read
    /// in pages that each start after the last row of the one before (the list's keyset, ResidentCursor). One
    /// query for the whole place had the database sort every resident of a city before the first row (PostgreSQL),
    /// or run a step that a cancelled request cannot interrupt (SQLite); a page is a bounded read, and a client
    /// that goes away stops the export at the next row.
    /// </summary>
    private static async IAsyncEnumerable<ResidentLine> Rows(AppDb db, Place place, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        Counts.ResidentCursor? after = null;
        while (true)
        {
            var page = await Page(db, place, after).Take(RowsPerRead).ToListAsync(ct);
            foreach (var row in page)
            {
                ct.ThrowIfCancellationRequested(); // a write to a client that has gone may succeed silently: the token says it left
                yield return row;
            }
            if (page.Count < RowsPerRead)
            {
                yield break;
            }
            after = new Counts.ResidentCursor(page[^1].BuildingPath, page[^1].Room, page[^1].Id);
        }
    }

    private static IQueryable<ResidentLine> Page(AppDb db, Place place, Counts.ResidentCursor? after)
    {
        var rows =
            from b in db.Places().Where(PlacePath.Within(place.Path))
            join h in db.Households() on b.Id equals h.BuildingId
            join r in db.Residents().AsNoTracking().Where(Resident.OnRegister) on h.Id equals r.HouseholdId
            select new { b.Path, b.NameZh, h.Room, r };
        if (after is not null)
        {
            // As the residents list: the first condition follows from the second and gives the planner the range of the path index.
            rows = rows.Where(x => string.Compare(x.Path, after.Path) >= 0)
                .Where(x => string.Compare(x.Path, after.Path) > 0
                    || (x.Path == after.Path && (string.Compare(x.Room, after.Room) > 0 || (x.Room == after.Room && x.r.Id > after.Id))));
        }
        return rows.OrderBy(x => x.Path).ThenBy(x => x.Room).ThenBy(x => x.r.Id)
            .Select(x => new ResidentLine(x.r.Id, x.Path, x.NameZh, x.Room, x.r.Name, x.r.Sex, x.r.BirthDate, x.r.DocumentType, x.r.IdNumber, x.r.Phone,
                x.r.Relationship, x.r.Residence, x.r.Vulnerabilities, x.r.Note));
    }

    private static string[] Fields(ResidentLine r, bool full) =>
    [
        r.Id.ToString(CultureInfo.InvariantCulture), r.Building, r.Room, r.Name, r.Sex.ToString(),
        r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.DocumentType.ToString(),
        full ? r.IdNumber : Masking.IdNumber(r.IdNumber), (full ? r.Phone : Masking.Phone(r.Phone)) ?? "",
        r.Relationship.ToString(), r.Residence.ToString(), r.Vulnerabilities == Vulnerability.None ? "" : r.Vulnerabilities.ToString(), r.Note ?? "",
    ];

    private static async Task<(Place Place, bool Full, int Count)?> Prepare(long id, string format, PlaceQueries places, Caller caller, Counts.RegisterCountsModel counts, AuditLog audit, CancellationToken ct)
    {
        if (await places.Find(id, ct) is not { } place)
        {
            return null;
        }
        var full = await caller.Can(Permissions.RegisterReveal, ct);
        // The export's rows are everyone on the register under the place: counted in memory, not by a scan of the city.
        var count = await counts.OnRegisterAnywhereUnder(place, ct);
        await audit.Record(AuditAction.Export, "resident", [], place.Path,
            $"{count} residents of {place.NameZh} ({place.Code}) as {format}, numbers {(full ? "in full" : "masked")}", ct);
        return (place, full, count);
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Csv(
        long id, PlaceQueries places, Caller caller, AppDb db, Counts.RegisterCountsModel counts, AuditLog audit, ILogger<Exporter> log, CancellationToken ct)
    {
        if (await Prepare(id, "CSV", places, caller, counts, audit, ct) is not var (place, full, count))
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(id));
        }
        return TypedResults.Stream(async body =>
        {
            // A name that starts like a formula ("=...") is escaped, so the file cannot run code in a spreadsheet.
            await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
            foreach (var header in Header)
            {
                csv.WriteField(header);
            }
            await csv.EndRecordAsync(ct);
            var written = 0;
            try
            {
                await foreach (var r in Rows(db, place, ct))
                {
                    foreach (var field in Fields(r, full))
                    {
                        csv.WriteField(field);
                    }
                    await csv.EndRecordAsync(ct);
                    written++;
                }
                await csv.FlushAsync(ct);
            }
            finally
            {
                Written(log, "CSV", place, written, count, ct);
            }
        }, "text/csv; charset=utf-8", $"residents-{place.Code}.csv");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Xlsx(
        long id, PlaceQueries places, Caller caller, AppDb db, Counts.RegisterCountsModel counts, AuditLog audit, ILogger<Exporter> log, CancellationToken ct)
    {
        if (await Prepare(id, "XLSX", places, caller, counts, audit, ct) is not var (place, full, count))
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(id));
        }
        if (count > XlsxMaxRows)
        {
            return Problems.Conflict("id", RegisterMessages.TooManyForWorksheet(count, XlsxMaxRows));
        }
        // A workbook is a zip, which needs a seekable stream: write it to a temporary file row by row, then send the file.
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var written = 0;
        try
        {
            using (var workbook = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook, autoSave: true))
            {
                var workbookPart = workbook.AddWorkbookPart();
                var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, Header);
                    await foreach (var r in Rows(db, place, ct))
                    {
                            WriteRow(writer, Fields(r, full));
                        written++;
                    }
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "residents" }));
            }
        }
        catch
        {
            await file.DisposeAsync(); // the half-written workbook is deleted with it
            throw;
        }
        finally
        {
            Written(log, "XLSX", place, written, count, ct);
        }
        file.Position = 0;
        return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"residents-{place.Code}.xlsx");
    }

    // How many rows each export wrote and whether it ran to its end, for operators (dotnet-counters monitor --counters GreenGrid.Export).
    private static readonly System.Diagnostics.Metrics.Meter Meter = new("GreenGrid.Export");
    private static readonly System.Diagnostics.Metrics.Histogram<long> RowsWritten = Meter.CreateHistogram<long>("greengrid.export.rows", description: "residents written by one export; outcome=stopped when the client went away");

    /// <summary>Names the exports' log category.</summary>
    internal sealed class Exporter;

    private static void Written(ILogger log, string format, Place place, int written, int count, CancellationToken ct)
    {
        var stopped = ct.IsCancellationRequested;
        RowsWritten.Record(written, new KeyValuePair<string, object?>("format", format), new KeyValuePair<string, object?>("outcome", stopped ? "stopped" : "complete"));
        if (stopped)
        {
            log.LogInformation("Export of {Place} ({Code}) as {Format} stopped after {Written:N0} of {Count:N0} residents: the client went away", place.NameZh, place.Code, format, written, count);
        }
    }

    /// <summary>Every cell as an inline string: ID and phone numbers must not turn into numbers (Excel would round 18 digits).</summary>
    private static void WriteRow(OpenXmlWriter writer, string[] values)
    {
        writer.WriteStartElement(new Row());
        foreach (var value in values)
        {
            writer.WriteElement(new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Escape(value))) });
        }
        writer.WriteEndElement();
    }

    /// <summary>As in the CSV: a value that a spreadsheet would read as a formula gets a leading apostrophe.</summary>
    private static string Escape(string value) => value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
}
