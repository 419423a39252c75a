using GreenGrid.Platform.Audit;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Platform.Data;

/// <summary>
/// The one database context of GreenGrid. Each module contributes its tables through an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder; this class only lists the sets.
/// Accounts are ASP.NET Core Identity users (<see cref="IdentityUserContext{TUser, TKey}"/>: no Identity
/// roles, since a GreenGrid role is a property of the account, see <see cref="Roles"/>).
/// It also keeps the Data Protection key ring (<see cref="IDataProtectionKeyContext"/>), so that cookies,
/// bearer tokens and antiforgery tokens outlive a restart and hold on every instance (docs/adr/0018-operations.md).
/// </summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : IdentityUserContext<Account, long>(options), IDataProtectionKeyContext
{
    public DbSet<AccountJurisdiction> AccountJurisdictions => Set<AccountJurisdiction>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

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
