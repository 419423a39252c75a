using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GreenGrid.Platform.Security;

internal sealed class AccountDbConfig : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> account)
    {
        account.ToTable("accounts");
        account.Property(a => a.DisplayName).HasMaxLength(100);
        account.Property(a => a.Role).HasConversion<string>().HasMaxLength(32);
        // The foreign key of HouseholdId is the register's to declare (RegisterDbConfig): Platform knows no module.
    }
}

internal sealed class AccountJurisdictionDbConfig : IEntityTypeConfiguration<AccountJurisdiction>
{
    public void Configure(EntityTypeBuilder<AccountJurisdiction> jurisdiction)
    {
        jurisdiction.ToTable("account_jurisdictions");
        jurisdiction.HasKey(j => new { j.AccountId, j.PlaceId });
        jurisdiction.HasOne<Account>().WithMany().HasForeignKey(j => j.AccountId).OnDelete(DeleteBehavior.Cascade);
        // The foreign key of PlaceId is the place tree's to declare (PlaceDbConfig).
        jurisdiction.HasIndex(j => j.PlaceId);
    }
}

internal sealed class AccountClaimDbConfig : IEntityTypeConfiguration<IdentityUserClaim<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<long>> claim) => claim.ToTable("account_claims");
}

internal sealed class AccountLoginDbConfig : IEntityTypeConfiguration<IdentityUserLogin<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<long>> login) => login.ToTable("account_logins");
}

internal sealed class AccountTokenDbConfig : IEntityTypeConfiguration<IdentityUserToken<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<long>> token) => token.ToTable("account_tokens");
}
