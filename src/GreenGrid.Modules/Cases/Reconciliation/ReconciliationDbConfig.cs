using GreenGrid.Places;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Cases.Reconciliation;

internal sealed class ReconciliationImportDbConfig : IEntityTypeConfiguration<ReconciliationImport>
{
    public void Configure(EntityTypeBuilder<ReconciliationImport> e)
    {
        e.ToTable("reconciliation_imports");
        e.HasKey(x => x.Id);
        e.Property(x => x.PlacePath).HasMaxLength(PlacePath.MaxLength);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.SourceName).HasMaxLength(100);
        e.Property(x => x.FileName).HasMaxLength(260);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.CreatedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.PlacePath);
    }
}

internal sealed class ReconciliationRowDbConfig : IEntityTypeConfiguration<ReconciliationRow>
{
    public void Configure(EntityTypeBuilder<ReconciliationRow> e)
    {
        e.ToTable("reconciliation_rows");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(ReconciliationReader.NameMaxLength);
        e.Property(x => x.IdNumber).HasMaxLength(ReconciliationReader.IdNumberMaxLength);
        e.Property(x => x.Claimed).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RegisterStatus).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.PlacePath).HasMaxLength(PlacePath.MaxLength);
        e.HasOne<ReconciliationImport>().WithMany().HasForeignKey(x => x.ImportId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ImportId, x.Outcome });
        // Disagreements by place: a subtree is a path range.
        e.HasIndex(x => new { x.PlacePath, x.Outcome });
    }
}
