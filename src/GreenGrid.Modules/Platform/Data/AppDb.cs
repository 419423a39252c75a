using GreenGrid.Places;
using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Platform.Data;

/// <summary>
/// The one database context of GreenGrid. Each module contributes its tables through an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder; this class only lists the sets.
/// Accounts are ASP.NET Core Identity users (<see cref="IdentityUserContext{TUser, TKey}"/>: no Identity
/// roles, since a GreenGrid role is a property of the account, see <see cref="Roles"/>).
/// </summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : IdentityUserContext<Account, long>(options)
{
    public DbSet<AccountJurisdiction> AccountJurisdictions => Set<AccountJurisdiction>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();
    public DbSet<Register.Merge.ResidentMerge> ResidentMerges => Set<Register.Merge.ResidentMerge>();
    public DbSet<Register.Import.RegisterImport> RegisterImports => Set<Register.Import.RegisterImport>();
    public DbSet<Register.Import.ImportProblem> ImportProblems => Set<Register.Import.ImportProblem>();
    public DbSet<Register.Import.ImportRow> ImportRows => Set<Register.Import.ImportRow>();
    public DbSet<Cases.CaseEvent> CaseEvents => Set<Cases.CaseEvent>();
    public DbSet<Cases.HealthChecks.HealthCheck> HealthChecks => Set<Cases.HealthChecks.HealthCheck>();
    public DbSet<Cases.Sweeps.Sweep> Sweeps => Set<Cases.Sweeps.Sweep>();
    public DbSet<Cases.Sweeps.SweepBuilding> SweepBuildings => Set<Cases.Sweeps.SweepBuilding>();
    public DbSet<Cases.Sweeps.SweepVisit> SweepVisits => Set<Cases.Sweeps.SweepVisit>();
    public DbSet<Cases.Reconciliation.ReconciliationImport> ReconciliationImports => Set<Cases.Reconciliation.ReconciliationImport>();
    public DbSet<Cases.Reconciliation.ReconciliationRow> ReconciliationRows => Set<Cases.Reconciliation.ReconciliationRow>();
    public DbSet<Access.Gate> Gates => Set<Access.Gate>();
    public DbSet<Access.ClosureOrder> ClosureOrders => Set<Access.ClosureOrder>();
    public DbSet<Access.QuotaRule> QuotaRules => Set<Access.QuotaRule>();
    public DbSet<Access.Pass> Passes => Set<Access.Pass>();
    public DbSet<Access.Scan> Scans => Set<Access.Scan>();
    public DbSet<Access.FeverAlert> FeverAlerts => Set<Access.FeverAlert>();
    public DbSet<Access.PassSigningKey> PassSigningKeys => Set<Access.PassSigningKey>();
    public DbSet<Certification.Workflow.StandardVersion> CertificationStandards => Set<Certification.Workflow.StandardVersion>();
    public DbSet<Certification.Workflow.ControlAttestation> CertificationControls => Set<Certification.Workflow.ControlAttestation>();
    public DbSet<Certification.Workflow.CertificationApplication> CertificationApplications => Set<Certification.Workflow.CertificationApplication>();
    public DbSet<Certification.Workflow.CertificationBatch> CertificationBatches => Set<Certification.Workflow.CertificationBatch>();
    public DbSet<Certification.Workflow.CertificationAlert> CertificationAlerts => Set<Certification.Workflow.CertificationAlert>();
    public DbSet<Certification.Workflow.ReopeningRule> CertificationReopeningRules => Set<Certification.Workflow.ReopeningRule>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder); // Identity's tables first, then ours (which rename them)
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AppDb).Assembly);
        if (Database.IsNpgsql())
        {
            BinaryOrdering.ApplyForPostgres(modelBuilder);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Both providers store instants as UTC DateTime; SQLite cannot compare DateTimeOffset in SQL.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}
