using GreenGrid.Platform.Data;
using GreenGrid.Register.Import;
using GreenGrid.Register.Merge;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Register;

/// <summary>
/// The register module's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Not a contract: another module
/// that reads these tables is listed in the architecture test with its reason.
/// </summary>
public static class RegisterTables
{
    public static DbSet<Household> Households(this AppDb db) => db.Set<Household>();
    public static DbSet<Resident> Residents(this AppDb db) => db.Set<Resident>();
    public static DbSet<ResidentMerge> ResidentMerges(this AppDb db) => db.Set<ResidentMerge>();
    public static DbSet<RegisterImport> RegisterImports(this AppDb db) => db.Set<RegisterImport>();
    public static DbSet<ImportProblem> ImportProblems(this AppDb db) => db.Set<ImportProblem>();
    public static DbSet<ImportRow> ImportRows(this AppDb db) => db.Set<ImportRow>();
}
