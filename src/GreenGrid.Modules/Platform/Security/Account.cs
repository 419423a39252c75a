using Microsoft.AspNetCore.Identity;

namespace GreenGrid.Platform.Security;

/// <summary>
/// A person who signs in to GreenGrid: an ASP.NET Core Identity user with one role and one or more
/// jurisdictions (<see cref="AccountJurisdiction"/>). A resident's account points to their household.
/// </summary>
public sealed class Account : IdentityUser<long>
{
    // Settable once when the account is created, then changed only by the methods below (EF reads and writes the fields).
    private string _displayName = "";
    private Role _role;
    private long? _householdId;
    private bool _isDisabled;

    public required string DisplayName { get => _displayName; init => _displayName = value; }
    public Role Role { get => _role; init => _role = value; }
    public long? HouseholdId { get => _householdId; init => _householdId = value; }
    public bool IsDisabled { get => _isDisabled; init => _isDisabled = value; }

    /// <summary>Created with the demo city; such accounts have published passwords.</summary>
    public bool IsDemo { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>A new name, role and household (checked by the caller: a resident's account, and only one, points to a household).</summary>
    public void Reassign(string displayName, Role role, long? householdId)
    {
        if ((role == Role.Resident) != householdId is not null)
        {
            throw new ArgumentException("a resident's account, and only a resident's, points to a household", nameof(householdId));
        }
        _displayName = displayName;
        _role = role;
        _householdId = householdId;
    }

    /// <summary>The account's sessions and tokens stop working (with a new security stamp); disabling twice changes nothing.</summary>
    public void Disable() => _isDisabled = true;

    public void Enable() => _isDisabled = false;
}

/// <summary>A place of the tree whose whole subtree an account may see and act on.</summary>
public sealed class AccountJurisdiction
{
    public long AccountId { get; set; }
    public long PlaceId { get; set; }
}
