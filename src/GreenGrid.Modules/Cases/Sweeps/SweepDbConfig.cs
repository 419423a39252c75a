using GreenGrid.Places;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Cases.Sweeps;

internal sealed class SweepDbConfig : IEntityTypeConfiguration<Sweep>
{
    public const int NameMaxLength = 100;

    public void Configure(EntityTypeBuilder<Sweep> e)
    {
        e.ToTable("sweeps");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(NameMaxLength);
        e.Property(x => x.PlacePath).HasMaxLength(PlacePath.MaxLength);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SweepBuildingDbConfig : IEntityTypeConfiguration<SweepBuilding>
{
    public void Configure(EntityTypeBuilder<SweepBuilding> e)
    {
        e.ToTable("sweep_buildings");
        e.HasKey(x => new { x.SweepId, x.BuildingId });
        e.Property(x => x.BuildingPath).HasMaxLength(PlacePath.MaxLength);
        e.HasOne<Sweep>().WithMany().HasForeignKey(x => x.SweepId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.BuildingId).OnDelete(DeleteBehavior.Restrict);
        // The sweeps a caller sees: those with a building in a jurisdiction (a path range).
        e.HasIndex(x => x.BuildingPath);
    }
}

internal sealed class SweepVisitDbConfig : IEntityTypeConfiguration<SweepVisit>
{
    public void Configure(EntityTypeBuilder<SweepVisit> e)
    {
        e.ToTable("sweep_visits");
        e.HasKey(x => x.Id);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Note).HasMaxLength(CaseEventRules.NoteMaxLength);
        e.Property(x => x.FindingEventIds).HasMaxLength(400);
        e.Property(x => x.IdempotencyKey).HasMaxLength(CaseEventRules.IdempotencyKeyMaxLength);
        e.HasOne<Sweep>().WithMany().HasForeignKey(x => x.SweepId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.VisitedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.SweepId, x.BuildingId });
        e.HasIndex(x => new { x.VisitedById, x.IdempotencyKey }).IsUnique();
    }
}
