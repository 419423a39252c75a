using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Access;

/// <summary>
/// The access module's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Not a contract: another module
/// that reads these tables is listed in the architecture test with its reason.
/// </summary>
public static class AccessTables
{
    public static DbSet<Gate> Gates(this AppDb db) => db.Set<Gate>();
    public static DbSet<ClosureOrder> ClosureOrders(this AppDb db) => db.Set<ClosureOrder>();
    public static DbSet<QuotaRule> QuotaRules(this AppDb db) => db.Set<QuotaRule>();
    public static DbSet<Pass> Passes(this AppDb db) => db.Set<Pass>();
    public static DbSet<Scan> Scans(this AppDb db) => db.Set<Scan>();
    public static DbSet<FeverAlert> FeverAlerts(this AppDb db) => db.Set<FeverAlert>();
    public static DbSet<PassSigningKey> PassSigningKeys(this AppDb db) => db.Set<PassSigningKey>();
}
