using GreenGrid.Places;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Platform.Data;

/// <summary>
/// The one database context of GreenGrid. Each module contributes its tables through an
/// <see cref="IEntityTypeConfiguration{TEntity}"/> in its own folder; this class only lists the sets.
/// </summary>
public sealed class AppDb(DbContextOptions<AppDb> options) : DbContext(options)
{
    public DbSet<Place> Places => Set<Place>();
    public DbSet<Grid> Grids => Set<Grid>();
    public DbSet<Household> Households => Set<Household>();
    public DbSet<Resident> Residents => Set<Resident>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
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
