using System.Globalization;
using CsvHelper;
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
/// The residents under a place as CSV (UTF-8 with BOM, which Excel on Chinese Windows reads),
/// streamed; ID and phone numbers masked unless the role may see them in full. Every export is audited.
/// </summary>
internal static class ExportResidents
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/places/{id:long}/residents.csv", Handle).WithSummary("Export the residents under a place as CSV (audited).");

    private static async Task<Results<FileStreamHttpResult, PushStreamHttpResult, ProblemHttpResult>> Handle(
        long id, PlaceQueries places, Caller caller, AppDb db, AuditLog audit, CancellationToken ct)
    {
        if (await places.Find(id, ct) is not { } place)
        {
            return Problems.NotFound("place", id);
        }
        var full = await caller.Can(Permissions.RegisterReveal, ct);
        var rows =
            from r in db.Residents.AsNoTracking()
            join h in db.Households on r.HouseholdId equals h.Id
            join b in db.Places.Where(PlacePath.Within(place.Path)) on h.BuildingId equals b.Id
            orderby b.Path, h.Room, r.Id
            select new { Building = b.NameZh, BuildingPath = b.Path, h.Room, r.Id, r.Name, r.Sex, r.BirthDate, r.IdNumber, r.Phone, r.Relationship, r.Residence };
        var count = await rows.CountAsync(ct);
        await audit.Record(AuditAction.Export, "resident", [], place.Path,
            $"{count} residents of {place.NameZh} ({place.Code}) as CSV, numbers {(full ? "in full" : "masked")}", ct);

        return TypedResults.Stream(async body =>
        {
            // A name that starts like a formula ("=...") is escaped, so the file cannot run code in a spreadsheet.
            await using var csv = CsvWriter.Create(body, new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape }, leaveOpen: true);
            foreach (var header in Header)
            {
                csv.WriteField(header);
            }
            await csv.EndRecordAsync(ct);
            await foreach (var r in rows.AsAsyncEnumerable().WithCancellation(ct))
            {
                csv.WriteField(r.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(r.Building);
                csv.WriteField(r.Room);
                csv.WriteField(r.Name);
                csv.WriteField(r.Sex.ToString());
                csv.WriteField(r.BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(full ? r.IdNumber : Masking.IdNumber(r.IdNumber));
                csv.WriteField(full ? r.Phone : Masking.Phone(r.Phone));
                csv.WriteField(r.Relationship.ToString());
                csv.WriteField(r.Residence.ToString());
                await csv.EndRecordAsync(ct);
            }
            await csv.FlushAsync(ct);
        }, "text/csv; charset=utf-8", $"residents-{place.Code}.csv");
    }

    private static readonly string[] Header = ["id", "building", "room", "name", "sex", "birthDate", "idNumber", "phone", "relationship", "residence"];
}
