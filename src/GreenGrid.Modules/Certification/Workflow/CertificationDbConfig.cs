using GreenGrid.Certification.Engine;
using GreenGrid.Places;
using GreenGrid.Platform.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Certification.Workflow;

internal sealed class StandardVersionDbConfig : IEntityTypeConfiguration<StandardVersion>
{
    public void Configure(EntityTypeBuilder<StandardVersion> e)
    {
        e.ToTable("certification_standards");
        e.HasKey(x => x.Id);
        e.Property(x => x.Version).HasMaxLength(64);
        e.Property(x => x.RequiredControls).HasMaxLength(200);
        e.HasIndex(x => x.Version).IsUnique();
        var wuhan = CertificationStandard.Wuhan2020;
        e.HasData(new StandardVersion
        {
            Id = 1, Version = wuhan.Version, EffectiveFrom = new DateOnly(2020, 3, 1), QuietDays = wuhan.QuietDays, ObservationDays = wuhan.ObservationDays,
            CountAsymptomatic = wuhan.CountAsymptomatic, RequiredControls = string.Join(",", wuhan.RequiredControls.Select(ControlNames.Name)),
        });
    }
}

internal sealed class ControlAttestationDbConfig : IEntityTypeConfiguration<ControlAttestation>
{
    public void Configure(EntityTypeBuilder<ControlAttestation> e)
    {
        e.ToTable("certification_controls");
        e.HasKey(x => x.Id);
        e.Property(x => x.Control).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.CompoundPath).HasMaxLength(PlacePath.MaxLength);
        e.Property(x => x.Note).HasMaxLength(200);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AttestedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.WithdrawnById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CompoundId, x.Control });
        e.HasIndex(x => x.CompoundPath);
    }
}

internal sealed class CertificationApplicationDbConfig : IEntityTypeConfiguration<CertificationApplication>
{
    public void Configure(EntityTypeBuilder<CertificationApplication> e)
    {
        e.ToTable("certification_applications");
        e.HasKey(x => x.Id);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.PlaceKind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.PlacePath).HasMaxLength(PlacePath.MaxLength);
        e.Property(x => x.StandardVersion).HasMaxLength(64);
        e.Property(x => x.Attestations).HasMaxLength(4000);
        e.Property(x => x.Note).HasMaxLength(CertificationRules.ReasonMaxLength);
        e.Property(x => x.RejectReason).HasMaxLength(CertificationRules.ReasonMaxLength);
        e.Property(x => x.RevokedReason).HasMaxLength(400);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.AppliedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.ReviewedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CertificationBatch>().WithMany().HasForeignKey(x => x.BatchId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cases.CaseEvent>().WithMany().HasForeignKey(x => x.RevokedByEventId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.PlaceId, x.Status });
        e.HasIndex(x => new { x.Status, x.PlacePath });
        e.HasIndex(x => x.BatchId);
    }
}

internal sealed class CertificationBatchDbConfig : IEntityTypeConfiguration<CertificationBatch>
{
    public void Configure(EntityTypeBuilder<CertificationBatch> e)
    {
        e.ToTable("certification_batches");
        e.HasKey(x => x.Id);
        e.Property(x => x.ScopePath).HasMaxLength(PlacePath.MaxLength);
        e.Property(x => x.Totals).HasMaxLength(4000);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.ScopeId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.PublishedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.ScopeId, x.Number }).IsUnique();
    }
}

internal sealed class CertificationAlertDbConfig : IEntityTypeConfiguration<CertificationAlert>
{
    public void Configure(EntityTypeBuilder<CertificationAlert> e)
    {
        e.ToTable("certification_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.PlacePath).HasMaxLength(PlacePath.MaxLength);
        e.Property(x => x.Message).HasMaxLength(400);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CertificationApplication>().WithMany().HasForeignKey(x => x.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Cases.CaseEvent>().WithMany().HasForeignKey(x => x.CaseEventId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.PlacePath);
    }
}

internal sealed class ReopeningRuleDbConfig : IEntityTypeConfiguration<ReopeningRule>
{
    public void Configure(EntityTypeBuilder<ReopeningRule> e)
    {
        e.ToTable("certification_reopening_rules");
        e.HasKey(x => x.Id);
        e.Property(x => x.Relaxation).HasMaxLength(64);
        e.Property(x => x.AppliesTo).HasConversion<string>().HasMaxLength(16);
        e.HasData(new ReopeningRule { Id = 1, Relaxation = "movementInsideCompound", AppliesTo = PlaceKind.Compound, AfterDays = 7 });
    }
}
