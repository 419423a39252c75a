using GreenGrid.Platform.Files;
using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Errors;
using GreenGrid.Platform.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace GreenGrid.Register.Import;

/// <summary>
/// The dry run of an import: reads the file row by row, checks every row with
/// <see cref="ResidentRules"/>, stages the good rows, stores the problems of the bad ones (up to a
/// limit, all counted), then finds duplicates and counts with set-based SQL. Changes nothing on the register.
/// </summary>
internal sealed class ImportChecker(
    AppDb db, DatabaseConnection connection, CityClock clock, AuditLog audit, ImportQueue queue, IOptions<ImportOptions> options, ImportStore store)
{
    private const int ReportEvery = 1000;

    private sealed record BuildingRef(long Id, long? CompoundId);

    public async Task RunAsync(long importId, CancellationToken ct)
    {
        var import = await db.RegisterImports().FirstOrDefaultAsync(i => i.Id == importId, ct);
        if (import is null || import.Status != ImportStatus.Checking)
        {
            return;
        }
        await db.ImportRows().Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        await db.ImportProblems().Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        try
        {
            var stored = ImportStore.Stored(import);
            var (rows, problemRows, problems) = await Task.Run(() => ReadAndStage(import, stored, ct), ct);
            db.ImportProblems().AddRange(problems);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();

            var idColumn = stored.Mapping[ImportColumns.IdNumber];
            var nameColumn = stored.Mapping[ImportColumns.Name];
            await ImportSql.Analyze(db, ct);
            await ImportSql.MarkUnchanged(db, importId, ct);
            await ImportSql.StoreDuplicates(db, importId, idColumn, nameColumn, options.Value.MaxStoredProblems - problems.Count, ct);
            var counts = await ImportSql.Count(db, importId, ct);

            import = await db.RegisterImports().FirstAsync(i => i.Id == importId, ct);
            import.Checked(rows, problemRows + counts.ProblemRows, counts.NewResidents, counts.Unchanged, counts.NewHouseholds, clock.UtcNow);
            await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath,
                $"checked {import.FileName}: {rows} rows, {import.RowsWithProblems} with problems, {counts.NewResidents} new residents, {counts.Unchanged} unchanged, {counts.NewHouseholds} new households", ct);
            await db.SaveChangesAsync(ct);
            ImportMetrics.Check(failed: false);
        }
        catch (Exception e) when (e is ImportFileException or IOException)
        {
            await Fail(importId, e.Message, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Never leave an import "checking" for ever: say it stopped, and let the user check again.
            await Fail(importId, $"the check stopped on an error ({e.GetType().Name}); check the file again, and tell the administrator if it happens again", CancellationToken.None);
            throw;
        }
    }

    private async Task Fail(long importId, string reason, CancellationToken ct)
    {
        ImportMetrics.Check(failed: true);
        db.ChangeTracker.Clear();
        await db.ImportRows().Where(r => r.ImportId == importId).ExecuteDeleteAsync(ct);
        var import = await db.RegisterImports().FirstAsync(i => i.Id == importId, ct);
        import.Fail(reason, clock.UtcNow);
        await audit.Add(AuditAction.Import, "register-import", [import.Id], import.PlacePath, $"check of {import.FileName} failed: {import.Failure}", ct);
        await db.SaveChangesAsync(ct);
    }

    private (int Rows, int ProblemRows, List<ImportProblem> Problems) ReadAndStage(RegisterImport import, StoredMapping stored, CancellationToken ct)
    {
        var (buildings, compounds) = Buildings(import.PlacePath);
        var column = stored.Mapping.ToDictionary(m => m.Key, m => Array.IndexOf(stored.Header, m.Value), StringComparer.Ordinal);
        var limit = options.Value.MaxStoredProblems;
        var problems = new List<ImportProblem>();
        var today = clock.Today;
        int rows = 0, problemRows = 0;

        using var reader = TableReaders.Open(store.PathOf(import), import.Format == ImportFormat.Xlsx, import.Encoding);
        using var staging = ImportStaging.Open(connection, import.Id);
        if (!reader.TryRead(out _, out _))
        {
            throw new ImportFileException("the file is empty");
        }
        while (reader.TryRead(out var row, out var cells))
        {
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            rows++;
            if (rows % ReportEvery == 0)
            {
                queue.Report(import.Id, new ImportProgress(reader.BytesDone, reader.BytesTotal, rows));
                ct.ThrowIfCancellationRequested();
            }
            string? Cell(string field) =>
                column.TryGetValue(field, out var index) && index >= 0 && index < cells.Length && !string.IsNullOrWhiteSpace(cells[index]) ? cells[index].Trim() : null;

            var errors = new ValidationErrors();
            var room = errors.Text(ImportColumns.Room, Cell(ImportColumns.Room), 64);
            var buildingId = FindBuilding(errors, buildings, compounds, Cell(ImportColumns.Compound), Cell(ImportColumns.Building));
            var sex = Parse(errors, ImportColumns.Sex, Cell(ImportColumns.Sex), ImportColumns.ParseSex, "is not a sex: 男 or 女 (male/female, M/F)");
            var birthDate = Parse(errors, ImportColumns.BirthDate, Cell(ImportColumns.BirthDate), ImportColumns.ParseDate, "is not a date: write it like 1980-01-31");
            var documentType = Parse(errors, ImportColumns.DocumentType, Cell(ImportColumns.DocumentType), ImportColumns.ParseDocumentType, "is not a document type: 身份证, 护照, 港澳通行证 or 台湾通行证");
            var relationship = Parse(errors, ImportColumns.Relationship, Cell(ImportColumns.Relationship), ImportColumns.ParseRelationship, "is not a relationship: 户主, 配偶, 子女, 父母, 孙子女, 兄弟姐妹 or 其他");
            var residence = Parse(errors, ImportColumns.Residence, Cell(ImportColumns.Residence), ImportColumns.ParseResidence, "is not a residence: 户籍, 流动 or 滞留");
            Vulnerability? vulnerabilities = null;
            if (Cell(ImportColumns.Vulnerabilities) is { } flags)
            {
                (vulnerabilities, var unknown) = ImportColumns.ParseVulnerabilities(flags);
                if (unknown is not null)
                {
                    errors.Add(ImportColumns.Vulnerabilities, $"'{unknown}' is not a flag: 独居老人, 残疾, 慢性病, 透析, 孕妇 or 困难户");
                }
            }
            var input = new ResidentInput(Cell(ImportColumns.Name), sex, birthDate, documentType, Cell(ImportColumns.IdNumber), Cell(ImportColumns.Phone),
                relationship, residence, vulnerabilities, Cell(ImportColumns.Note));
            var facts = ResidentRules.Check(errors, input, today);
            if (facts is not null && errors.IsEmpty && room is not null && buildingId is { } building)
            {
                staging.Add(row, building, room, facts);
                continue;
            }
            problemRows++;
            foreach (var (field, reasons) in errors.ToDictionary())
            {
                // Without a column of its own, a birth date or sex comes from the ID number: a wrong number says it all.
                if (field is ImportColumns.BirthDate or ImportColumns.Sex && errors.Has(ImportColumns.IdNumber) && Cell(field) is null)
                {
                    continue;
                }
                // A field the file has no column for was taken from the ID number: the problem is there.
                var header = stored.Mapping.GetValueOrDefault(field) ?? stored.Mapping.GetValueOrDefault(ImportColumns.IdNumber) ?? field;
                var value = Cell(stored.Mapping.ContainsKey(field) ? field : ImportColumns.IdNumber);
                foreach (var reason in reasons)
                {
                    if (problems.Count < limit)
                    {
                        problems.Add(new ImportProblem
                        {
                            ImportId = import.Id, Row = row, Column = Shorten(header, 64)!, Value = Shorten(value, 200), Reason = Shorten(reason, 500)!,
                        });
                    }
                }
            }
        }
        staging.Complete();
        queue.Report(import.Id, new ImportProgress(reader.BytesTotal, reader.BytesTotal, rows));
        return (rows, problemRows, problems);
    }

    private static T? Parse<T>(ValidationErrors errors, string field, string? value, Func<string, T?> parse, string reason) where T : struct
    {
        if (value is null)
        {
            return null;
        }
        if (parse(value) is { } parsed)
        {
            return parsed;
        }
        errors.Add(field, $"'{Shorten(value, 40)}' {reason}");
        return null;
    }

    private static long? FindBuilding(ValidationErrors errors, Dictionary<string, List<BuildingRef>> buildings, Dictionary<string, List<long>> compounds, string? compound, string? building)
    {
        if (building is null)
        {
            errors.Add(ImportColumns.Building, "is required");
            return null;
        }
        if (!buildings.TryGetValue(ImportColumns.Key(building), out var found))
        {
            errors.Add(ImportColumns.Building, $"there is no building '{Shorten(building, 40)}' here: use the building's code or its name as the place tree shows it");
            return null;
        }
        if (compound is not null && compounds.Count > 0)
        {
            if (!compounds.TryGetValue(ImportColumns.Key(compound), out var compoundIds))
            {
                errors.Add(ImportColumns.Compound, $"there is no compound '{Shorten(compound, 40)}' here");
                return null;
            }
            found = found.Where(b => b.CompoundId is { } c && compoundIds.Contains(c)).ToList();
            if (found.Count == 0)
            {
                errors.Add(ImportColumns.Building, $"compound '{Shorten(compound, 40)}' has no building '{Shorten(building, 40)}'");
                return null;
            }
        }
        if (found.Count > 1)
        {
            errors.Add(ImportColumns.Building, $"'{Shorten(building, 40)}' names {found.Count} buildings here: add a column 小区 (compound) or use the building's code");
            return null;
        }
        return found[0].Id;
    }

    private (Dictionary<string, List<BuildingRef>> Buildings, Dictionary<string, List<long>> Compounds) Buildings(string placePath)
    {
        var under = db.Places().AsNoTracking().Where(PlacePath.Within(placePath)).Where(p => p.RetiredAt == null);
        var buildings = new Dictionary<string, List<BuildingRef>>(StringComparer.Ordinal);
        foreach (var b in under.Where(p => p.Kind == PlaceKind.Building).Select(p => new { p.Id, p.ParentId, p.Code, p.NameZh, p.NameEn }).ToList())
        {
            foreach (var key in new[] { b.Code, b.NameZh, b.NameEn }.Select(ImportColumns.Key).Where(k => k.Length > 0).Distinct())
            {
                if (!buildings.TryGetValue(key, out var list))
                {
                    buildings[key] = list = [];
                }
                list.Add(new BuildingRef(b.Id, b.ParentId));
            }
        }
        var compounds = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        foreach (var c in under.Where(p => p.Kind == PlaceKind.Compound).Select(p => new { p.Id, p.Code, p.NameZh, p.NameEn }).ToList())
        {
            foreach (var key in new[] { c.Code, c.NameZh, c.NameEn }.Select(ImportColumns.Key).Where(k => k.Length > 0).Distinct())
            {
                if (!compounds.TryGetValue(key, out var list))
                {
                    compounds[key] = list = [];
                }
                list.Add(c.Id);
            }
        }
        return (buildings, compounds);
    }

    private static string? Shorten(string? text, int max) => text is null || text.Length <= max ? text : text[..(max - 1)] + "…";
}
