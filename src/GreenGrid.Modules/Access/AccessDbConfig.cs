using GreenGrid.Places;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Access;

internal sealed class GateDbConfig : IEntityTypeConfiguration<Gate>
{
    public void Configure(EntityTypeBuilder<Gate> e)
    {
        e.ToTable("gates");
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(GateRules.NameMaxLength);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.CompoundId);
    }
}

internal sealed class ClosureOrderDbConfig : IEntityTypeConfiguration<ClosureOrder>
{
    public void Configure(EntityTypeBuilder<ClosureOrder> e)
    {
        e.ToTable("closure_orders");
        e.HasKey(x => x.Id);
        e.Property(x => x.OpenGateIds).HasMaxLength(400);
        e.Property(x => x.Note).HasMaxLength(PassFieldRules.PurposeMaxLength);
        e.Property(x => x.FeverThreshold).HasPrecision(4, 1);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.CompoundId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.IssuedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.CompoundId, x.EffectiveFrom });
    }
}

internal sealed class QuotaRuleDbConfig : IEntityTypeConfiguration<QuotaRule>
{
    public void Configure(EntityTypeBuilder<QuotaRule> e)
    {
        e.ToTable("quota_rules");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.NameZh).HasMaxLength(60);
        e.Property(x => x.NameEn).HasMaxLength(60);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasData(QuotaRule.Defaults);
    }
}

internal sealed class PassDbConfig : IEntityTypeConfiguration<Pass>
{
    public void Configure(EntityTypeBuilder<Pass> e)
    {
        e.ToTable("passes");
        e.HasKey(x => x.Id);
        e.Property(x => x.HolderKind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.HolderName).HasMaxLength(PassFieldRules.HolderNameMaxLength);
        e.Property(x => x.Purpose).HasMaxLength(PassFieldRules.PurposeMaxLength);
        e.Property(x => x.RevokeReason).HasMaxLength(PassFieldRules.ReasonMaxLength);
        e.Property(x => x.Token).HasMaxLength(PassFieldRules.TokenMaxLength);
        e.HasOne<Place>().WithMany().HasForeignKey(x => x.PlaceId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Household>().WithMany().HasForeignKey(x => x.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Resident>().WithMany().HasForeignKey(x => x.HolderResidentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<QuotaRule>().WithMany().HasForeignKey(x => x.QuotaRuleId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PassSigningKey>().WithMany().HasForeignKey(x => x.KeyId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.IssuedById).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Account>().WithMany().HasForeignKey(x => x.RevokedById).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.HouseholdId);
        e.HasIndex(x => x.PlaceId);
    }
}

internal sealed class ScanDbConfig : IEntityTypeConfiguration<Scan>
{
    public void Configure(EntityTypeBuilder<Scan> e)
    {
        e.ToTable("scans");
        e.HasKey(x => x.Id);
        e.Property(x => x.ClientScanId).HasMaxLength(ScanFieldRules.ScanIdMaxLength);
        e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(8);
        e.Property(x => x.Reason).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.ServerReason).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.HolderKind).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Temperature).HasPrecision(4, 1);
        // No foreign keys to gates and accounts, unlike the other tables: the scan log is the hottest
        // insert, and PostgreSQL's per-row check and key-share lock of the gate and guard rows cost as
        // much as the insert itself. The request has just read both (a gate visible to the caller,
        // the signed-in guard), and neither is ever deleted (docs/adr/0015-scan-log-without-foreign-keys.md).
        // For the same reason the indexes are only those that reads need; the gate log reads the compound's.
        // Exactly once: the same scan of the same gate is one row however often it is sent.
        e.HasIndex(x => new { x.GateId, x.ClientScanId }).IsUnique();
        e.HasIndex(x => new { x.HouseholdId, x.Day });
        e.HasIndex(x => new { x.PassId, x.DecidedAt });
        e.HasIndex(x => new { x.CompoundId, x.DecidedAt });
    }
}

internal sealed class FeverAlertDbConfig : IEntityTypeConfiguration<FeverAlert>
{
    public void Configure(EntityTypeBuilder<FeverAlert> e)
    {
        e.ToTable("fever_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.HolderName).HasMaxLength(PassFieldRules.HolderNameMaxLength);
        e.Property(x => x.Temperature).HasPrecision(4, 1);
        e.HasOne<Scan>().WithMany().HasForeignKey(x => x.ScanId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.ScanId).IsUnique();
        e.HasIndex(x => new { x.CompoundId, x.RaisedAt });
    }
}

internal sealed class PassSigningKeyDbConfig : IEntityTypeConfiguration<PassSigningKey>
{
    public void Configure(EntityTypeBuilder<PassSigningKey> e)
    {
        e.ToTable("pass_signing_keys");
        e.HasKey(x => x.Id);
    }
}

internal static class ScanFieldRules
{
    public const int ScanIdMaxLength = 64;
    public const int MaxSyncBatch = 500;
    public const decimal MinTemperature = 30.0m;
    public const decimal MaxTemperature = 45.0m;
}
