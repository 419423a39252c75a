using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Privacy;
using GreenGrid.Platform.Security;
using GreenGrid.Platform.Time;
using GreenGrid.Register;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases.Reconciliation;

public sealed record ReconciliationView(
    long Id, long PlaceId, string PlaceNameZh, string PlaceNameEn, ReconciliationSource Source, string? SourceName, DateOnly AsOf, string FileName,
    int ListRows, int Same, int Different, int OnlyInList, int OnlyInRegister, int Elsewhere, DateTime CreatedAt)
{
    public int Disagreements => Different + OnlyInList + OnlyInRegister;
}

public sealed record ReconciliationRowView(long Id, int? Row, string Name, string IdNumberMasked, CaseCategory? Claimed, DateOnly? ClaimedDate, ReconciliationOutcome Outcome, long? ResidentId, CaseCategory? RegisterStatus);

public sealed record ReconciliationDetail(ReconciliationView Import, int Total, int Skip, ReconciliationRowView[] Rows);

/// <summary>Where sources disagree under a place: one row per child place (and one for the place itself, for rows placed at it).</summary>
public sealed record DisagreementRow(long PlaceId, string NameZh, string NameEn, PlaceKind Kind, int Same, int Different, int OnlyInList, int OnlyInRegister, int Elsewhere)
{
    public int Disagreements => Different + OnlyInList + OnlyInRegister;
}

public sealed record ReconciliationSummary(long PlaceId, DisagreementRow Total, DisagreementRow[] Children, ReconciliationView[] Imports);

/// <summary>
/// Imports a list and compares it with the register; answers the comparisons by place and person.
/// Scope: the place chosen at import (inside the importer's jurisdiction). A person of the list is
/// matched on the ID number with the register inside the scope; one whose number is on the
/// register only outside the scope is counted as <see cref="ReconciliationOutcome.Elsewhere"/> and
/// nothing of that record is kept or shown. Everyone who can open the import covers its place,
/// so what it shows never depends on who looks.
/// </summary>
public sealed class ReconciliationService(AppDb db, Caller caller, PlaceQueries places, CaseStatuses statuses, CityClock clock, AuditLog audit)
{
    public const int MaxTake = 500;

    public async Task<Results<Created<ReconciliationView>, ValidationProblem, ProblemHttpResult>> Import(
        long placeId, string fileName, byte[] bytes, string? source, string? sourceName, string? asOfText, CancellationToken ct)
    {
        var account = (await caller.Account(ct))!;
        if (await places.Find(placeId, ct) is not { } place)
        {
            return Problems.NotFound("place", placeId);
        }
        var errors = new ValidationErrors();
        var parsedSource = ReconciliationSource.Other;
        if (string.IsNullOrWhiteSpace(source) || !Enum.TryParse(source, ignoreCase: true, out parsedSource) || !Enum.IsDefined(parsedSource))
        {
            errors.Add("source", $"must be one of: {string.Join(", ", Enum.GetNames<ReconciliationSource>().Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName))}");
        }
        var name = errors.Text("sourceName", sourceName, 100, required: false);
        var asOf = clock.Today;
        if (!string.IsNullOrWhiteSpace(asOfText) && !DateOnly.TryParseExact(asOfText.Trim(), "yyyy-MM-dd", out asOf))
        {
            errors.Add("asOf", "must be a date like 2020-02-20");
        }
        else if (asOf > clock.Today)
        {
            errors.Add("asOf", $"{asOf:yyyy-MM-dd} is in the future (today is {clock.Today:yyyy-MM-dd})");
        }
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }
        if (ReconciliationReader.Read(bytes, asOf, errors) is not { } entries)
        {
            return Problems.Invalid(errors);
        }
        var import = new ReconciliationImport
        {
            PlaceId = place.Id, PlacePath = place.Path, Source = parsedSource, SourceName = name, AsOf = asOf, FileName = Path.GetFileName(fileName) is { Length: > 0 and <= 260 } f ? f : "list.csv",
            ListRows = entries.Count, CreatedById = account.Id, CreatedAt = clock.UtcNow,
        };
        var rows = await Compare(place, entries, asOf, ct);
        import.Same = rows.Count(r => r.Outcome == ReconciliationOutcome.Same);
        import.Different = rows.Count(r => r.Outcome == ReconciliationOutcome.Different);
        import.OnlyInList = rows.Count(r => r.Outcome == ReconciliationOutcome.OnlyInList);
        import.OnlyInRegister = rows.Count(r => r.Outcome == ReconciliationOutcome.OnlyInRegister);
        import.Elsewhere = rows.Count(r => r.Outcome == ReconciliationOutcome.Elsewhere);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Add(import);
        await db.SaveChangesAsync(ct);
        foreach (var row in rows)
        {
            row.ImportId = import.Id;
        }
        db.AddRange(rows);
        await audit.Add(AuditAction.Import, "reconciliation", [import.Id], place.Path, $"{parsedSource} list of {entries.Count} as of {asOf:yyyy-MM-dd}", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return TypedResults.Created($"/api/v1/reconciliations/{import.Id}", View(import, place));
    }

    private async Task<List<ReconciliationRow>> Compare(Place scope, List<ListEntry> entries, DateOnly asOf, CancellationToken ct)
    {
        var numbers = entries.Select(e => e.IdNumber).ToList();
        var matches = new List<(long Id, string IdNumber, string Name, string Path, bool Present)>();
        foreach (var chunk in numbers.Chunk(500))
        {
            var found = await (
                from r in db.Residents().AsNoTracking()
                where r.MergedIntoId == null && chunk.Contains(r.IdNumber)
                join h in db.Households() on r.HouseholdId equals h.Id
                join b in db.Places() on h.BuildingId equals b.Id
                select new { r.Id, r.IdNumber, r.Name, b.Path, r.Status }).ToListAsync(ct);
            matches.AddRange(found.Select(f => (f.Id, f.IdNumber.ToUpperInvariant(), f.Name, f.Path, f.Status == ResidentStatus.Present)));
        }
        bool InScope(string path) => path.StartsWith(scope.Path, StringComparison.Ordinal);
        var byNumber = matches.ToLookup(m => m.IdNumber);
        // People of the scope with a case history: the candidates of "only in the register".
        var scopeBuildings = db.Places().Where(PlacePath.Within(scope.Path)).Where(p => p.Kind == PlaceKind.Building).Select(p => p.Id);
        var withHistory = await (
            from r in db.Residents().AsNoTracking().Where(Resident.OnRegister)
            join h in db.Households() on r.HouseholdId equals h.Id
            where scopeBuildings.Contains(h.BuildingId)
                && (db.CaseEvents().Any(e => e.ResidentId == r.Id) || db.Residents().Any(m => m.MergedIntoId == r.Id && db.CaseEvents().Any(e => e.ResidentId == m.Id)))
            join b in db.Places() on h.BuildingId equals b.Id
            select new { r.Id, r.IdNumber, r.Name, b.Path }).ToListAsync(ct);
        var matchedInScope = entries.ToDictionary(e => e.Row, e => byNumber[e.IdNumber].Where(m => InScope(m.Path)).OrderByDescending(m => m.Present).ThenBy(m => m.Id).Select(m => ((long Id, string IdNumber, string Name, string Path, bool Present)?)m).FirstOrDefault());
        var ids = matchedInScope.Values.Where(m => m is not null).Select(m => m!.Value.Id).Concat(withHistory.Select(w => w.Id)).Distinct().ToList();
        var states = await statuses.OfResidents(ids, asOf, ct);
        CaseCategory StatusOf(long id) => states[id].Category(asOf, statuses.ObservationDays);

        var rows = new List<ReconciliationRow>();
        foreach (var entry in entries)
        {
            var row = new ReconciliationRow { Row = entry.Row, Name = entry.Name, IdNumber = entry.IdNumber, Claimed = entry.Claimed, ClaimedDate = entry.Date, PlacePath = scope.Path };
            if (matchedInScope[entry.Row] is { } match)
            {
                var status = StatusOf(match.Id);
                row.ResidentId = match.Id;
                row.RegisterStatus = status;
                row.PlacePath = match.Path;
                row.Outcome = status == CaseCategory.None ? ReconciliationOutcome.OnlyInList
                    : status == entry.Claimed ? ReconciliationOutcome.Same : ReconciliationOutcome.Different;
            }
            else
            {
                row.Outcome = byNumber[entry.IdNumber].Any() ? ReconciliationOutcome.Elsewhere : ReconciliationOutcome.OnlyInList;
            }
            rows.Add(row);
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

    private static ReconciliationView View(ReconciliationImport i, Place place) => new(
        i.Id, i.PlaceId, place.NameZh, place.NameEn, i.Source, i.SourceName, i.AsOf, i.FileName, i.ListRows, i.Same, i.Different, i.OnlyInList, i.OnlyInRegister, i.Elsewhere, i.CreatedAt);

    /// <summary>The import and one page of its people (ID numbers masked), or null when the caller does not cover its place.</summary>
    public async Task<ReconciliationDetail?> Detail(long id, ReconciliationOutcome? outcome, int skip, int take, CancellationToken ct)
    {
        var import = await db.Set<ReconciliationImport>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        if (import is null || await places.Find(import.PlaceId, ct) is not { } place)
        {
            return null;
        }
        var query = db.Set<ReconciliationRow>().AsNoTracking().Where(r => r.ImportId == id);
        if (outcome is { } o)
        {
            query = query.Where(r => r.Outcome == o);
        }
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(r => r.Row == null).ThenBy(r => r.Row).ThenBy(r => r.Id).Skip(skip).Take(take).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "reconciliation", [id], import.PlacePath, $"{rows.Count} people{(outcome is null ? "" : $" ({outcome})")}", ct);
        return new ReconciliationDetail(View(import, place), total, skip, [.. rows.Select(r => new ReconciliationRowView(
            r.Id, r.Row, r.Name, Masking.IdNumber(r.IdNumber), r.Claimed, r.ClaimedDate, r.Outcome, r.ResidentId, r.RegisterStatus))]);
    }

    /// <summary>Disagreements under a visible place by child place, and the imports made for places in its subtree.</summary>
    public async Task<ReconciliationSummary> Summary(Place place, CancellationToken ct)
    {
        var grouped = await db.Set<ReconciliationRow>().AsNoTracking().Where(PlacePath.WithinAny<ReconciliationRow>(r => r.PlacePath, [place.Path]))
            .GroupBy(r => new { r.PlacePath, r.Outcome }).Select(g => new { g.Key.PlacePath, g.Key.Outcome, Count = g.Count() }).ToListAsync(ct);
        var children = await places.Children(place.Id, ct: ct);
        var depth = PlacePath.Ids(place.Path).Count;
        long GroupOf(string path) => PlacePath.Ids(path) is var ids && ids.Count > depth ? ids[depth] : place.Id;
        DisagreementRow Row(long id, string zh, string en, PlaceKind kind, IEnumerable<(ReconciliationOutcome Outcome, int Count)> counts)
        {
            var list = counts.ToList();
            int Of(ReconciliationOutcome o) => list.Where(c => c.Outcome == o).Sum(c => c.Count);
            return new DisagreementRow(id, zh, en, kind, Of(ReconciliationOutcome.Same), Of(ReconciliationOutcome.Different), Of(ReconciliationOutcome.OnlyInList),
                Of(ReconciliationOutcome.OnlyInRegister), Of(ReconciliationOutcome.Elsewhere));
        }
        var byGroup = grouped.GroupBy(g => GroupOf(g.PlacePath)).ToDictionary(g => g.Key, g => g.Select(x => (x.Outcome, x.Count)).ToList());
        var rows = children.Select(c => Row(c.Id, c.NameZh, c.NameEn, c.Kind, byGroup.GetValueOrDefault(c.Id) ?? [])).ToList();
        if (byGroup.TryGetValue(place.Id, out var here))
        {
            // Rows placed at the place itself: people of its lists whom the register does not have in any building below.
            rows.Insert(0, Row(place.Id, place.NameZh, place.NameEn, place.Kind, here));
        }
        var imports = await (
            from i in db.Set<ReconciliationImport>().AsNoTracking().Where(PlacePath.WithinAny<ReconciliationImport>(i => i.PlacePath, [place.Path]))
            join p in db.Places() on i.PlaceId equals p.Id
            orderby i.CreatedAt descending, i.Id descending
            select new { i, p }).Take(200).ToListAsync(ct);
        await audit.Record(AuditAction.Read, "reconciliation", imports.Select(x => x.i.Id), place.Path, "summary by place", ct);
        return new ReconciliationSummary(place.Id, Row(place.Id, place.NameZh, place.NameEn, place.Kind, grouped.Select(g => (g.Outcome, g.Count))),
            [.. rows.OrderByDescending(r => r.Disagreements).ThenBy(r => r.NameZh, Components.Shared.NaturalOrder.Instance)], [.. imports.Select(x => View(x.i, x.p))]);
    }
}
