using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Platform.Audit;

internal sealed class AuditDbConfig : IEntityTypeConfiguration<AuditEntry>
{
    public const int DetailMaxLength = 1000;
    public const int SubjectIdsMaxLength = 2000;

    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        entry.HasKey(e => e.Id);
        entry.Property(e => e.UserName).HasMaxLength(256);
        entry.Property(e => e.Role).HasMaxLength(32);
        entry.Property(e => e.RemoteAddress).HasMaxLength(64);
        entry.Property(e => e.Action).HasConversion<string>().HasMaxLength(24);
        entry.Property(e => e.Subject).HasMaxLength(32);
        entry.Property(e => e.SubjectIds).HasMaxLength(SubjectIdsMaxLength);
        entry.Property(e => e.PlacePath).HasMaxLength(Places.PlacePath.MaxLength).HasBinaryOrdering();
        entry.Property(e => e.Detail).HasMaxLength(DetailMaxLength);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.PlacePath);
        entry.HasIndex(e => e.AccountId);
    }
}
