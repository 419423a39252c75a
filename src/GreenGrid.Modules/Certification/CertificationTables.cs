using GreenGrid.Platform.Data;
using GreenGrid.Certification.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Certification;

/// <summary>
/// The certification module's tables, as <c>db.X()</c> on the one <see cref="AppDb"/>: the context lives in Platform,
/// which knows no module, so each module names its own sets here. Not a contract: another module
/// that reads these tables is listed in the architecture test with its reason.
/// </summary>
public static class CertificationTables
{
    public static DbSet<StandardVersion> CertificationStandards(this AppDb db) => db.Set<StandardVersion>();
    public static DbSet<ControlAttestation> CertificationControls(this AppDb db) => db.Set<ControlAttestation>();
    public static DbSet<CertificationApplication> CertificationApplications(this AppDb db) => db.Set<CertificationApplication>();
    public static DbSet<CertificationBatch> CertificationBatches(this AppDb db) => db.Set<CertificationBatch>();
    public static DbSet<CertificationAlert> CertificationAlerts(this AppDb db) => db.Set<CertificationAlert>();
    public static DbSet<ReopeningRule> CertificationReopeningRules(this AppDb db) => db.Set<ReopeningRule>();
}
