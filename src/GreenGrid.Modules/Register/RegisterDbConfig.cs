using GreenGrid.Platform.Security;
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

/// <summary>A resident's account belongs to a household: the foreign key that keeps it pointing at one.</summary>
internal sealed class AccountHouseholdDbConfig : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account) =>
        account.HasOne<Household>().WithMany().HasForeignKey(a => a.HouseholdId).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class ResidentDbConfig : IEntityTypeConfiguration<Resident>
{
    public void Configure(EntityTypeBuilder<Resident> resident)
    {
        resident.ToTable("residents");
        resident.HasKey(r => r.Id);
        resident.Property(r => r.Name).HasMaxLength(ResidentRules.NameMaxLength);
        resident.Property(r => r.IdNumber).HasMaxLength(18);
        resident.Property(r => r.Phone).HasMaxLength(32);
        resident.Property(r => r.Sex).HasConversion<string>().HasMaxLength(8);
        resident.Property(r => r.Relationship).HasConversion<string>().HasMaxLength(16);
        resident.Property(r => r.Residence).HasConversion<string>().HasMaxLength(16);
        resident.Property(r => r.DocumentType).HasConversion<string>().HasMaxLength(24);
        resident.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        resident.Property(r => r.Note).HasMaxLength(ResidentRules.NoteMaxLength);
        resident.HasOne<Resident>().WithMany().HasForeignKey(r => r.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        resident.HasOne<Household>().WithMany().HasForeignKey(r => r.HouseholdId).OnDelete(DeleteBehavior.Restrict);
        resident.HasIndex(r => r.HouseholdId);
        // Only merged records: "on the register" (MergedIntoId IS NULL) is nearly everyone, and SQLite, with
        // the NULLs in the index, would start a count of one building by walking every resident (ADR 0021).
        resident.HasIndex(r => r.MergedIntoId).HasFilter("\"MergedIntoId\" IS NOT NULL");
        resident.HasIndex(r => r.IdNumber);
        // Duplicates without an ID number in common: same name and birth date (then the phone decides).
        resident.HasIndex(r => new { r.Name, r.BirthDate });
    }
}

internal sealed class ResidentMergeDbConfig : IEntityTypeConfiguration<Merge.ResidentMerge>
{
    public void Configure(EntityTypeBuilder<Merge.ResidentMerge> merge)
    {
        merge.ToTable("resident_merges");
        merge.HasKey(m => m.Id);
        merge.HasOne<Resident>().WithMany().HasForeignKey(m => m.KeptId).OnDelete(DeleteBehavior.Restrict);
        merge.HasOne<Resident>().WithMany().HasForeignKey(m => m.MergedId).OnDelete(DeleteBehavior.Restrict);
        merge.HasIndex(m => m.KeptId);
        merge.HasIndex(m => m.MergedId);
    }
}

internal sealed class RegisterImportDbConfig : IEntityTypeConfiguration<Import.RegisterImport>
{
    public void Configure(EntityTypeBuilder<Import.RegisterImport> import)
    {
        import.ToTable("register_imports");
        import.HasKey(i => i.Id);
        import.Property(i => i.PlacePath).HasMaxLength(PlacePath.MaxLength);
        import.Property(i => i.FileName).HasMaxLength(260);
        import.Property(i => i.Sha256).HasMaxLength(64);
        import.Property(i => i.Format).HasConversion<string>().HasMaxLength(8);
        import.Property(i => i.Encoding).HasMaxLength(16);
        import.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        import.Property(i => i.Failure).HasMaxLength(1000);
        import.HasOne<Place>().WithMany().HasForeignKey(i => i.PlaceId).OnDelete(DeleteBehavior.Restrict);
        import.HasIndex(i => new { i.PlaceId, i.Sha256 });
    }
}

internal sealed class ImportProblemDbConfig : IEntityTypeConfiguration<Import.ImportProblem>
{
    public void Configure(EntityTypeBuilder<Import.ImportProblem> problem)
    {
        problem.ToTable("register_import_problems");
        problem.HasKey(p => p.Id);
        problem.Property(p => p.Column).HasMaxLength(64);
        problem.Property(p => p.Value).HasMaxLength(200);
        problem.Property(p => p.Reason).HasMaxLength(500);
        problem.HasOne<Import.RegisterImport>().WithMany().HasForeignKey(p => p.ImportId).OnDelete(DeleteBehavior.Cascade);
        problem.HasIndex(p => new { p.ImportId, p.Row });
    }
}

internal sealed class ImportRowDbConfig : IEntityTypeConfiguration<Import.ImportRow>
{
    public void Configure(EntityTypeBuilder<Import.ImportRow> row)
    {
        row.ToTable("register_import_rows");
        row.HasKey(r => new { r.ImportId, r.Row });
        row.Property(r => r.Room).HasMaxLength(64);
        row.Property(r => r.Name).HasMaxLength(ResidentRules.NameMaxLength);
        row.Property(r => r.IdNumber).HasMaxLength(18);
        row.Property(r => r.Phone).HasMaxLength(32);
        row.Property(r => r.Sex).HasConversion<string>().HasMaxLength(8);
        row.Property(r => r.Relationship).HasConversion<string>().HasMaxLength(16);
        row.Property(r => r.Residence).HasConversion<string>().HasMaxLength(16);
        row.Property(r => r.DocumentType).HasConversion<string>().HasMaxLength(24);
        row.Property(r => r.Note).HasMaxLength(ResidentRules.NoteMaxLength);
        row.HasOne<Import.RegisterImport>().WithMany().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        row.HasIndex(r => new { r.ImportId, r.IdNumber });
    }
}
