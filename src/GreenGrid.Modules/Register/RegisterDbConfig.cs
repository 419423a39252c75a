using GreenGrid.Places;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Register;

internal sealed class HouseholdDbConfig : IEntityTypeConfiguration<Household>
{
    public void Configure(EntityTypeBuilder<Household> household)
    {
        household.ToTable("households");
        household.HasKey(h => h.Id);
        household.Property(h => h.Room).HasMaxLength(64);
        household.HasOne<Place>().WithMany().HasForeignKey(h => h.BuildingId).OnDelete(DeleteBehavior.Restrict);
        household.HasIndex(h => h.BuildingId);
    }
}

internal sealed class ResidentDbConfig : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.ToTable("residents");
        resident.HasKey(r => r.Id);
        resident.Property(r => r.Name).HasMaxLength(100);
        resident.Property(r => r.IdNumber).HasMaxLength(18);
        resident.Property(r => r.Phone).HasMaxLength(32);
        resident.Property(r => r.Sex).HasConversion<string>().HasMaxLength(8);
        resident.Property(r => r.Relationship).HasConversion<string>().HasMaxLength(16);
        resident.Property(r => r.Residence).HasConversion<string>().HasMaxLength(16);
        resident.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        resident.HasIndex(r => r.HouseholdId);
        resident.HasIndex(r => r.IdNumber);
    }
}
