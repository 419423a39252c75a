using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Cases.HealthChecks;

internal sealed class HealthCheckDbConfig : IEntityTypeConfiguration<HealthCheck>
{
    public void Configure(EntityTypeBuilder<HealthCheck> e)
    {
        e.ToTable("health_checks");
        e.HasKey(x => x.Id);
        e.Property(x => x.Temperature).HasPrecision(4, 1);
        e.Property(x => x.Symptoms).HasMaxLength(160);
        e.Property(x => x.IdempotencyKey).HasMaxLength(CaseEventRules.IdempotencyKeyMaxLength);
        e.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Places.Place>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // Coverage reads one building's (or a subtree's buildings') checks of one day.
        e.HasIndex(x => new { x.BuildingId, x.Day });
        e.HasIndex(x => new { x.ResidentId, x.Day });
        e.HasIndex(x => new { x.RecordedById, x.IdempotencyKey }).IsUnique();
    }
}
