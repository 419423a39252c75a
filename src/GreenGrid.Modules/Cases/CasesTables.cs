using GreenGrid.Platform.Data;
using GreenGrid.Cases.HealthChecks;
using GreenGrid.Cases.Reconciliation;
using GreenGrid.Cases.Sweeps;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Cases;

/// <summary>
/// The cases module's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Not a contract: another module
/// that reads these tables is listed in the architecture test with its reason.
/// </summary>
public static class CasesTables
{
    public static DbSet<CaseEvent> CaseEvents(this AppDb db) => db.Set<CaseEvent>();
    public static DbSet<HealthCheck> HealthChecks(this AppDb db) => db.Set<HealthCheck>();
    public static DbSet<Sweep> Sweeps(this AppDb db) => db.Set<Sweep>();
    public static DbSet<SweepBuilding> SweepBuildings(this AppDb db) => db.Set<SweepBuilding>();
    public static DbSet<SweepVisit> SweepVisits(this AppDb db) => db.Set<SweepVisit>();
    public static DbSet<ReconciliationImport> ReconciliationImports(this AppDb db) => db.Set<ReconciliationImport>();
    public static DbSet<ReconciliationRow> ReconciliationRows(this AppDb db) => db.Set<ReconciliationRow>();
}
