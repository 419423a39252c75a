using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Platform.Security;

/// <summary>
/// A person who signs in to GreenGrid: an ASP.NET Core Identity user with one role and one or more
/// jurisdictions (<see cref="AccountJurisdiction"/>). A resident's account points to their household.
/// </summary>
public sealed class Account : IdentityUser<long>
{
    public required string DisplayName { get; set; }
    public Role Role { get; set; }
    public long? HouseholdId { get; set; }
    public bool IsDisabled { get; set; }

    /// <summary>Created with the demo city; such accounts have published passwords.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }
}

/// <summary>A place of the tree whose whole subtree an account may see and act on.</summary>
public sealed class AccountJurisdiction
{
    public long AccountId { get; set; }
    public long PlaceId { get; set; }
}
