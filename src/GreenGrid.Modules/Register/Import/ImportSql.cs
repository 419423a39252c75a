using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register.Import;

/// <summary>
/// The set-based half of an import: duplicate checks of the staged rows against each other and
/// against the register, the summary counts, and the commit, each one SQL statement over
/// <c>register_import_rows</c> joined with <c>residents</c> and <c>households</c>, the same on both
/// providers except for null-safe equality. Memory does not grow with the file.
/// </summary>
internal static class ImportSql
{
    private const string Rows = "\"register_import_rows\"";

    private static string Same(AppDb db, string a, string b) => db.Database.IsNpgsql() ? $"{a} IS NOT DISTINCT FROM {b}" : $"{a} IS {b}";

    private const string OnRegister = "x.\"Status\" = 'Present' AND x.\"MergedIntoId\" IS NULL";

    /// <summary>
    /// An earlier row of the same file has the same document number. The unary plus keeps SQLite
    /// from answering "o.Row &lt; r.Row" with the primary key (a range scan per row: quadratic), so
    /// that it looks the number up in the (ImportId, IdNumber) index.
    /// </summary>
    private const string DuplicateInFile =
        $"EXISTS (SELECT 1 FROM {Rows} o WHERE o.\"ImportId\" = r.\"ImportId\" AND o.\"IdNumber\" = r.\"IdNumber\" AND o.\"DocumentType\" = r.\"DocumentType\" AND +o.\"Row\" < r.\"Row\")";

    private const string IdOnRegister =
        $"SELECT MIN(x.\"Id\") FROM \"residents\" x WHERE x.\"IdNumber\" = r.\"IdNumber\" AND x.\"DocumentType\" = r.\"DocumentType\" AND {OnRegister}";

    private const string NameOnRegister =
        $"SELECT MIN(x.\"Id\") FROM \"residents\" x WHERE x.\"Name\" = r.\"Name\" AND x.\"BirthDate\" = r.\"BirthDate\" AND x.\"Phone\" = r.\"Phone\" AND x.\"IdNumber\" <> r.\"IdNumber\" AND {OnRegister}";

    private static string HasProblem => $"({DuplicateInFile} OR (NOT r.\"Unchanged\" AND (({IdOnRegister}) IS NOT NULL OR (r.\"Phone\" IS NOT NULL AND ({NameOnRegister}) IS NOT NULL))))";

    /// <summary>
    /// Fresh statistics for the staging table on PostgreSQL: right after a COPY of a million rows the
    /// planner still believes it is empty and would join it with nested scans.
    /// </summary>
    public static async Task Analyze(AppDb db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await Execute(db, $"ANALYZE {Rows}", [], ct);
        }
    }

    /// <summary>Marks the rows whose person is already registered in the same room with the same facts.</summary>
    public static Task<int> MarkUnchanged(AppDb db, long importId, CancellationToken ct) =>
        Execute(db, $$"""
            UPDATE {{Rows}} SET "Unchanged" = TRUE
            WHERE "ImportId" = {0} AND EXISTS (
              SELECT 1 FROM "residents" x JOIN "households" h ON h."Id" = x."HouseholdId"
              WHERE x."IdNumber" = {{Rows}}."IdNumber" AND x."DocumentType" = {{Rows}}."DocumentType" AND {{OnRegister}}
                AND h."BuildingId" = {{Rows}}."BuildingId" AND h."Room" = {{Rows}}."Room"
                AND x."Name" = {{Rows}}."Name" AND x."Sex" = {{Rows}}."Sex" AND x."BirthDate" = {{Rows}}."BirthDate"
                AND {{Same(db, "x.\"Phone\"", $"{Rows}.\"Phone\"")}} AND x."Relationship" = {{Rows}}."Relationship"
                AND x."Residence" = {{Rows}}."Residence" AND x."Vulnerabilities" = {{Rows}}."Vulnerabilities"
                AND {{Same(db, "x.\"Note\"", $"{Rows}.\"Note\"")}})
            """, [importId], ct);

    /// <summary>Stores up to <paramref name="limit"/> duplicate problems (in-file, then against the register), in row order.</summary>
    public static async Task StoreDuplicates(AppDb db, long importId, string idColumn, string nameColumn, int limit, CancellationToken ct)
    {
        const string Insert = "INSERT INTO \"register_import_problems\" (\"ImportId\", \"Row\", \"Column\", \"Value\", \"Reason\", \"ExistingResidentId\")";
        var left = limit;
        left -= await Execute(db, $$"""
            {{Insert}}
            SELECT r."ImportId", r."Row", {1}, r."IdNumber",
              'the same ID number is already in row ' || CAST((SELECT MIN(o."Row") FROM {{Rows}} o WHERE o."ImportId" = r."ImportId" AND o."IdNumber" = r."IdNumber" AND o."DocumentType" = r."DocumentType") AS TEXT), NULL
            FROM {{Rows}} r WHERE r."ImportId" = {0} AND {{DuplicateInFile}}
            ORDER BY r."Row" LIMIT {2}
            """, [importId, idColumn, Math.Max(left, 0)], ct);
        left -= await Execute(db, $$"""
            {{Insert}}
            SELECT r."ImportId", r."Row", {1}, r."IdNumber",
              CASE WHEN h."BuildingId" = r."BuildingId" AND h."Room" = r."Room"
                THEN 'is already on the register in this room as resident ' || CAST(m."Id" AS TEXT) || ' with other details: change them on the resident''s page, not by import'
                ELSE 'is already on the register as resident ' || CAST(m."Id" AS TEXT) || ' of another household (room ' || h."Room" || '): move or merge that resident instead' END,
              m."Id"
            FROM {{Rows}} r
            JOIN "residents" m ON m."Id" = ({{IdOnRegister}})
            JOIN "households" h ON h."Id" = m."HouseholdId"
            WHERE r."ImportId" = {0} AND NOT r."Unchanged"
            ORDER BY r."Row" LIMIT {2}
            """, [importId, idColumn, Math.Max(left, 0)], ct);
        await Execute(db, $$"""
            {{Insert}}
            SELECT r."ImportId", r."Row", {1}, r."Name",
              'has the same name, birth date and phone as resident ' || CAST(m."Id" AS TEXT) || ', who has another ID number: the same person twice?',
              m."Id"
            FROM {{Rows}} r
            JOIN "residents" m ON m."Id" = ({{NameOnRegister}})
            WHERE r."ImportId" = {0} AND NOT r."Unchanged" AND r."Phone" IS NOT NULL
            ORDER BY r."Row" LIMIT {2}
            """, [importId, nameColumn, Math.Max(left, 0)], ct);
    }

    public sealed record Counts(int ProblemRows, int NewResidents, int Unchanged, int NewHouseholds);

    public static async Task<Counts> Count(AppDb db, long importId, CancellationToken ct)
    {
        var problemRows = await Scalar(db, $"SELECT COUNT(*) AS \"Value\" FROM {Rows} r WHERE r.\"ImportId\" = {{0}} AND {HasProblem}", importId, ct);
        var newResidents = await Scalar(db, $"SELECT COUNT(*) AS \"Value\" FROM {Rows} r WHERE r.\"ImportId\" = {{0}} AND NOT r.\"Unchanged\" AND NOT {HasProblem}", importId, ct);
        var unchanged = await Scalar(db, $"SELECT COUNT(*) AS \"Value\" FROM {Rows} r WHERE r.\"ImportId\" = {{0}} AND r.\"Unchanged\" AND NOT {DuplicateInFile}", importId, ct);
        var newHouseholds = await Scalar(db, $$"""
            SELECT COUNT(*) AS "Value" FROM (SELECT DISTINCT r."BuildingId", r."Room" FROM {{Rows}} r
              WHERE r."ImportId" = {0} AND NOT r."Unchanged"
                AND NOT EXISTS (SELECT 1 FROM "households" h WHERE h."BuildingId" = r."BuildingId" AND h."Room" = r."Room")) t
            """, importId, ct);
        return new Counts(problemRows, newResidents, unchanged, newHouseholds);
    }

    /// <summary>
    /// Whether a person of a staged row has been registered since the check (another import, a form):
    /// the commit would register them twice. Asked inside the commit's transaction.
    /// </summary>
    public static async Task<bool> RegisterChangedSinceCheck(AppDb db, long importId, CancellationToken ct) =>
        await Scalar(db, $$"""
            SELECT COUNT(*) AS "Value" FROM (SELECT 1 AS "One" FROM {{Rows}} r
              WHERE r."ImportId" = {0} AND NOT r."Unchanged"
                AND (({{IdOnRegister}}) IS NOT NULL OR (r."Phone" IS NOT NULL AND ({{NameOnRegister}}) IS NOT NULL))
              LIMIT 1) t
            """, importId, ct) > 0;

    /// <summary>Households first (one per building and room still missing), then the residents; the caller holds the transaction.</summary>
    public static async Task<(int Households, int Residents)> Commit(AppDb db, long importId, CancellationToken ct)
    {
        var households = await Execute(db, $$"""
            INSERT INTO "households" ("BuildingId", "Room")
            SELECT DISTINCT r."BuildingId", r."Room" FROM {{Rows}} r
            WHERE r."ImportId" = {0} AND NOT r."Unchanged"
              AND NOT EXISTS (SELECT 1 FROM "households" h WHERE h."BuildingId" = r."BuildingId" AND h."Room" = r."Room")
            """, [importId], ct);
        var residents = await Execute(db, $$"""
            INSERT INTO "residents" ("HouseholdId", "Name", "Sex", "BirthDate", "IdNumber", "IsSynthetic", "Phone", "Relationship", "Residence", "Vulnerabilities", "DocumentType", "Note", "Status")
            SELECT h."Id", r."Name", r."Sex", r."BirthDate", r."IdNumber", FALSE, r."Phone", r."Relationship", r."Residence", r."Vulnerabilities", r."DocumentType", r."Note", 'Present'
            FROM {{Rows}} r
            JOIN (SELECT "BuildingId", "Room", MIN("Id") AS "Id" FROM "households"
                  WHERE "BuildingId" IN (SELECT DISTINCT "BuildingId" FROM {{Rows}} WHERE "ImportId" = {0})
                  GROUP BY "BuildingId", "Room") h ON h."BuildingId" = r."BuildingId" AND h."Room" = r."Room"
            WHERE r."ImportId" = {0} AND NOT r."Unchanged"
            ORDER BY r."Row"
            """, [importId], ct);
        return (households, residents);
    }

    /// <summary>The staged rows of a committed or discarded import are not needed any more.</summary>
    public static Task<int> DeleteStaged(AppDb db, long importId, CancellationToken ct) =>
        Execute(db, $"DELETE FROM {Rows} WHERE \"ImportId\" = {{0}}", [importId], ct);

    private static Task<int> Execute(AppDb db, string sql, object[] parameters, CancellationToken ct) =>
        db.Database.ExecuteSqlRawAsync(sql, parameters, ct);

    private static async Task<int> Scalar(AppDb db, string sql, long importId, CancellationToken ct) =>
        (int)(await db.Database.SqlQueryRaw<long>(sql, importId).ToListAsync(ct)).Single();
}
