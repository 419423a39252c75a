using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Reconciliation.ImportList;

/// <summary>
/// Import a list from another source and compare it with the register. Scope: the place chosen at
/// import (inside the importer's jurisdiction). A person of the list is matched on the ID number
/// with the register inside the scope; one whose number is on the register only outside the scope
/// is counted as <see cref="ReconciliationOutcome.Elsewhere"/> and nothing of that record is kept.
/// The comparison is a snapshot, stored with the import in one transaction.
/// </summary>
internal sealed class ImportList(AppDb db, Caller caller, PlaceQueries places, CaseStatuses statuses, CityClock clock, AuditLog audit)
{
    public static void Map(RouteGroupBuilder group) =>
        group.MapPost("/places/{id:long}/reconciliations", Endpoint).DisableAntiforgery()
            .WithSummary("Import a CSV list (multipart: file; source = facilityAdmissions|labPositives|sweepFindings|other; sourceName; asOf) with the columns name/姓名, idNumber/身份证号, status/状态, date/日期, and compare it person by person with the register of the place.");

    private static async Task<Results<Created<ReconciliationView>, ValidationProblem, ProblemHttpResult>> Endpoint(long id, HttpRequest request, PlaceQueries places, ImportList service, CancellationToken ct)
    {
        if (await places.Find(id, ct) is null)
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(id));
        }
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = ReconciliationReader.MaxBytes + 64 * 1024;
        }
        if (!request.HasFormContentType)
        {
            return Problems.Invalid("file", CaseMessages.ListFileRequired);
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ReconciliationReader.MaxBytes + 64 * 1024 }, ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Problems.Invalid("file", CaseMessages.ListTooLargeOrUnreadable(ReconciliationReader.MaxBytes / 1024 / 1024));
        }
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Invalid("file", CaseMessages.ListFileRequired);
        }
        if (file.Length > ReconciliationReader.MaxBytes)
        {
            return Problems.Invalid("file", CaseMessages.ListTooLarge(ReconciliationReader.MaxBytes / 1024 / 1024));
        }
        using var memory = new MemoryStream();
        await file.CopyToAsync(memory, ct);
        return await service.Handle(id, file.FileName, memory.ToArray(), form["source"], form["sourceName"], form["asOf"], ct);
    }

    public async Task<Results<Created<ReconciliationView>, ValidationProblem, ProblemHttpResult>> Handle(
        long placeId, string fileName, byte[] bytes, string? source, string? sourceName, string? asOfText, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound(Places.PlaceMessages.NotFound(placeId));
        }
        var errors = new ValidationErrors();
        var parsedSource = ReconciliationSource.Other;
        if (string.IsNullOrWhiteSpace(source) || !Enum.TryParse(source, ignoreCase: true, out parsedSource) || !Enum.IsDefined(parsedSource))
        {
            errors.Add("source", PlatformMessages.OneOf(Enum.GetNames<ReconciliationSource>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName)));
        }
        var name = errors.Text("sourceName", sourceName, 100, required: false);
        var asOf = clock.Today;
        if (!string.IsNullOrWhiteSpace(asOfText) && !DateOnly.TryParseExact(asOfText.Trim(), "yyyy-MM-dd", out asOf))
        {
            errors.Add("asOf", CaseMessages.AsOfDateLike);
        }
        else if (asOf > clock.Today)
        {
            errors.Add("asOf", PlatformMessages.InFuture(asOf, clock.Today));
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (ReconciliationReader.Read(bytes, asOf, errors) is not { } entries)
        {
            return Problems.Invalid(errors);
        }
        var rows = await Compare(place, entries, asOf, ct);
        var import = ReconciliationImport.Of(place, parsedSource, name, asOf, Path.GetFileName(fileName) is { Length: > 0 and <= 260 } f ? f : "list.csv",
            entries.Count, rows, account.Id, clock.UtcNow);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(import);
        await db.SaveChangesAsync(ct);
        import.Adopt(rows);
        db.AddRange(rows);
        await audit.Add(AuditAction.Import, "reconciliation", [import.Id], place.Path, $"{parsedSource} list of {entries.Count} as of {asOf:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return TypedResults.Created($"/api/v1/reconciliations/{import.Id}", ReconciliationView.Of(import, place));
    }

    private async Task<List<ReconciliationRow>> Compare(Place scope, List<ListEntry> entries, DateOnly asOf, CancellationToken ct)
    {
        var numbers = entries.Select(e => e.IdNumber).ToList();
        var matches = new List<(long Id, string IdNumber, string Name, string Path, bool Present)>();
        foreach (var chunk in numbers.Chunk(500))
        {
            var found = await (
                from n in RegisterReads.IdNumbers(db)
                where chunk.Contains(n.IdNumber)
                join r in RegisterReads.Records(db) on n.Id equals r.Id
                where r.MergedIntoId == null
                join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
                join b in db.Places() on h.BuildingId equals b.Id
                select new { r.Id, n.IdNumber, r.Name, b.Path, r.Status }).ToListAsync(ct);
            matches.AddRange(found.Select(f => (f.Id, f.IdNumber.ToUpperInvariant(), f.Name, f.Path, f.Status == ResidentStatus.Present)));
        }
        bool InScope(string path) => path.StartsWith(scope.Path, StringComparison.Ordinal);
        var byNumber = matches.ToLookup(m => m.IdNumber);
        // People of the scope with a case history: the candidates of "only in the register".
        var scopeBuildings = db.Places().Where(PlacePath.Within(scope.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var records = RegisterReads.Records(db);
        var withHistory = await (
            from r in RegisterReads.OnRegister(db)
            join h in RegisterReads.Households(db) on r.HouseholdId equals h.Id
            where scopeBuildings.Contains(h.BuildingId)
                && (db.CaseEvents().Any(e => e.ResidentId == r.Id) || records.Any(m => m.MergedIntoId == r.Id && db.CaseEvents().Any(e => e.ResidentId == m.Id)))
            join b in db.Places() on h.BuildingId equals b.Id
            join n in RegisterReads.IdNumbers(db) on r.Id equals n.Id
            select new { r.Id, n.IdNumber, r.Name, b.Path }).ToListAsync(ct);
        var matchedInScope = entries.ToDictionary(e => e.Row, e => byNumber[e.IdNumber].Where(m => InScope(m.Path)).OrderByDescending(m => m.Present).ThenBy(m => m.Id).Select(m => ((long Id, string IdNumber, string Name, string Path, bool Present)?)m).FirstOrDefault());
        var ids = matchedInScope.Values.Where(m => m is not null).Select(m => m!.Value.Id).Concat(withHistory.Select(w => w.Id)).Distinct().ToList();
        var states = await statuses.OfResidents(ids, asOf, ct);
        CaseCategory StatusOf(long id) => states[id].Category(asOf, statuses.ObservationDays);

        var rows = new List<ReconciliationRow>();
        foreach (var entry in entries)
        {
            if (matchedInScope[entry.Row] is { } match)
            {
                var status = StatusOf(match.Id);
                rows.Add(new ReconciliationRow
                {
                    Row = entry.Row, Name = entry.Name, IdNumber = entry.IdNumber, Claimed = entry.Claimed, ClaimedDate = entry.Date,
                    ResidentId = match.Id, RegisterStatus = status, PlacePath = match.Path,
                    Outcome = status == CaseCategory.None ? ReconciliationOutcome.OnlyInList
                        : status == entry.Claimed ? ReconciliationOutcome.Same : ReconciliationOutcome.Different,
                });
            }
            else
            {
                rows.Add(new ReconciliationRow
                {
                    Row = entry.Row, Name = entry.Name, IdNumber = entry.IdNumber, Claimed = entry.Claimed, ClaimedDate = entry.Date, PlacePath = scope.Path,
                    Outcome = byNumber[entry.IdNumber].Any() ? ReconciliationOutcome.Elsewhere : ReconciliationOutcome.OnlyInList,
                });
            }
        }
        // The kinds the source reports are the kinds its list holds.
        var kinds = entries.Select(e => e.Claimed).ToHashSet();
        var listed = rows.Where(r => r.ResidentId is not null).Select(r => r.ResidentId!.Value).ToHashSet();
        var numbersListed = numbers.ToHashSet(StringComparer.Ordinal);
        foreach (var person in withHistory.Where(w => !listed.Contains(w.Id) && !numbersListed.Contains(w.IdNumber.ToUpperInvariant())).OrderBy(w => w.Path).ThenBy(w => w.Id))
        {
            var status = StatusOf(person.Id);
            if (kinds.Contains(status))
            {
                rows.Add(new ReconciliationRow
                {
                    Name = person.Name, IdNumber = person.IdNumber, Outcome = ReconciliationOutcome.OnlyInRegister, ResidentId = person.Id, RegisterStatus = status, PlacePath = person.Path,
                });
            }
        }
        return rows;
    }
}
