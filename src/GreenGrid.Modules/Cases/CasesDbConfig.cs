using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Cases;

internal sealed class CaseEventDbConfig : IEntityTypeConfiguration<CaseEvent>
{
    public void Configure(EntityTypeBuilder<CaseEvent> e)
    {
        e.ToTable("case_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Type).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Facility).HasMaxLength(CaseEventRules.FacilityMaxLength);
        e.Property(x => x.Note).HasMaxLength(CaseEventRules.NoteMaxLength);
        e.Property(x => x.IdempotencyKey).HasMaxLength(CaseEventRules.IdempotencyKeyMaxLength);
        e.HasOne<Resident>().WithMany().HasForeignKey(x => x.ResidentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Resident>().WithMany().HasForeignKey(x => x.SourceCaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseEvent>().WithMany().HasForeignKey(x => x.SupersedesId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.RecordedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ResidentId, x.EffectiveDate });
        // Counts per day read events by date across the city.
        e.HasIndex(x => new { x.EffectiveDate, x.Type });
        // One event per superseded event: a correction chain has no forks.
        e.HasIndex(x => x.SupersedesId).IsUnique();
        e.HasIndex(x => new { x.RecordedById, x.IdempotencyKey }).IsUnique();
    }
}
