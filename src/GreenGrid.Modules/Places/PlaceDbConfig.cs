using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Places;

internal sealed class PlaceDbConfig : IEntityTypeConfiguration<Place>
{
    public void Configure(EntityTypeBuilder<Place> place)
    {
        place.ToTable("places");
        place.HasKey(p => p.Id);
        place.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        place.Property(p => p.Code).HasMaxLength(PlaceRules.CodeMaxLength);
        place.Property(p => p.NameZh).HasMaxLength(PlaceRules.NameMaxLength);
        place.Property(p => p.NameEn).HasMaxLength(PlaceRules.NameMaxLength);
        // Compared byte by byte so that a subtree (PlacePath) is one index range.
        place.Property(p => p.Path).HasMaxLength(PlacePath.MaxLength).HasBinaryOrdering();
        place.HasOne<Place>().WithMany().HasForeignKey(p => p.ParentId).OnDelete(DeleteBehavior.Restrict);
        place.HasOne<Grid>().WithMany().HasForeignKey(p => p.GridId).OnDelete(DeleteBehavior.SetNull);
        place.HasIndex(p => new { p.ParentId, p.Code }).IsUnique();
        place.HasIndex(p => p.Path).IsUnique();
        place.HasIndex(p => p.GridId);
    }
}

internal sealed class GridDbConfig : IEntityTypeConfiguration<Grid>
{
    public void Configure(EntityTypeBuilder<Grid> grid)
    {
        grid.ToTable("grids");
        grid.HasKey(g => g.Id);
        grid.Property(g => g.Code).HasMaxLength(PlaceRules.CodeMaxLength);
        grid.Property(g => g.NameZh).HasMaxLength(PlaceRules.NameMaxLength);
        grid.Property(g => g.NameEn).HasMaxLength(PlaceRules.NameMaxLength);
        grid.Property(g => g.ResponsibleWorker).HasMaxLength(PlaceRules.NameMaxLength);
        grid.Property(g => g.ResponsiblePhone).HasMaxLength(32);
        grid.HasOne<Place>().WithMany().HasForeignKey(g => g.CommunityId).OnDelete(DeleteBehavior.Restrict);
        grid.HasIndex(g => new { g.CommunityId, g.Code }).IsUnique();
    }
}

/// <summary>An account's jurisdiction is a place: the foreign key that keeps it pointing at one.</summary>
internal sealed class AccountJurisdictionPlaceDbConfig : IEntityTypeConfiguration<AccountJurisdiction>
{
    public void Configure(EntityTypeBuilder<AccountJurisdiction> jurisdiction) =>
        jurisdiction.HasOne<Place>().WithMany().HasForeignKey(j => j.PlaceId).OnDelete(DeleteBehavior.Restrict);
}
