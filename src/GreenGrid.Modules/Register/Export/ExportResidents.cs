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

    private sealed record ResidentLine(long Id, string Building, string Room, string Name, Sex Sex, DateOnly BirthDate, DocumentType DocumentType,
        string IdNumber, string? Phone, Relationship Relationship, Residence Residence, Vulnerability Vulnerabilities, string? Note);

    // Buildings in path order, then their households, then their residents (as the residents list): the file's
    // first rows are read through the indexes at once, not after a sort of every resident under the place.
    private static IQueryable<ResidentLine> Rows(AppDb db, Place place) =>
        from b in db.Places().Where(PlacePath.Within(place.Path))
        join h in db.Households() on b.Id equals h.BuildingId
        join r in db.Residents().AsNoTracking().Where(Resident.OnRegister) on h.Id equals r.HouseholdId
        orderby b.Path, h.Room, r.Id
        select new ResidentLine(r.Id, b.NameZh, h.Room, r.Name, r.Sex, r.BirthDate, r.DocumentType, r.IdNumber, r.Phone, r.Relationship, r.Residence, r.Vulnerabilities, r.Note);

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
        long id, PlaceQueries places, Caller caller, AppDb db, Counts.RegisterCountsModel counts, AuditLog audit, CancellationToken ct)
    {
        if (await Prepare(id, "CSV", places, caller, counts, audit, ct) is not var (place, full, _))
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
            await foreach (var r in Rows(db, place).AsAsyncEnumerable().WithCancellation(ct))
            {
                foreach (var field in Fields(r, full))
                {
                    csv.WriteField(field);
                }
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
        }, "text/csv; charset=utf-8", $"residents-{place.Code}.csv");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> Xlsx(
        long id, PlaceQueries places, Caller caller, AppDb db, Counts.RegisterCountsModel counts, AuditLog audit, CancellationToken ct)
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
        using (var workbook = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook, autoSave: true))
        {
            var workbookPart = workbook.AddWorkbookPart();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                WriteRow(writer, Header);
                await foreach (var r in Rows(db, place).AsAsyncEnumerable().WithCancellation(ct))
                {
                    WriteRow(writer, Fields(r, full));
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "residents" }));
        }
        file.Position = 0;
        return TypedResults.File(file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"residents-{place.Code}.xlsx");
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
