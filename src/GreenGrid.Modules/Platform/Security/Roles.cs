namespace GreenGrid.Platform.Security;

/// <summary>The roles of CAPABILITIES.md. An account has one role and one or more jurisdictions.</summary>
public enum Role
{
    /// <summary>City or district headquarters (指挥部): the level is the level of the jurisdiction.</summary>
    Headquarters,
    SubdistrictOffice,
    CommunityWorker,
    GridWorker,
    CheckpointGuard,
    Volunteer,
    Resident,
    FacilityStaff,
    VenueManager,
    Administrator,
}

/// <summary>Each role as a named set of permissions: the one place where this is decided.</summary>
public static class Roles
{
    private static readonly Dictionary<Role, HashSet<string>> Grants = new()
    {
        [Role.Headquarters] = [Permissions.PlacesRead, Permissions.PlacesEdit, Permissions.RegisterRead, Permissions.RegisterReveal, Permissions.RegisterExport, Permissions.RegisterEdit, Permissions.RegisterImport, Permissions.AuditRead, Permissions.CasesRead, Permissions.CasesRecord, Permissions.CasesManage, Permissions.CertificationRead, Permissions.AccessManage, Permissions.AccessRead, Permissions.CertificationApply, Permissions.CertificationReview],
        [Role.SubdistrictOffice] = [Permissions.PlacesRead, Permissions.RegisterRead, Permissions.RegisterExport, Permissions.AuditRead, Permissions.CasesRead, Permissions.CertificationRead, Permissions.AccessRead, Permissions.CertificationApply],
        // Community workers keep the register: they need the full numbers and may fix their buildings.
        [Role.CommunityWorker] = [Permissions.PlacesRead, Permissions.PlacesEdit, Permissions.RegisterRead, Permissions.RegisterReveal, Permissions.RegisterExport, Permissions.RegisterEdit, Permissions.RegisterImport, Permissions.CasesRead, Permissions.CasesRecord, Permissions.CasesManage, Permissions.CertificationRead, Permissions.AccessManage, Permissions.AccessScan, Permissions.AccessRead, Permissions.CertificationApply],
        // Grid workers go door to door: they correct what they find, but bulk imports stay with the community.
        [Role.GridWorker] = [Permissions.PlacesRead, Permissions.RegisterRead, Permissions.RegisterReveal, Permissions.RegisterEdit, Permissions.CasesRead, Permissions.CasesRecord, Permissions.CertificationRead, Permissions.AccessManage, Permissions.AccessRead],
        // Guards scan at the gates of their compounds; the gate log is read by the workers who run them.
        [Role.CheckpointGuard] = [Permissions.PlacesRead, Permissions.AccessScan],
        [Role.Volunteer] = [Permissions.PlacesRead],
        [Role.Resident] = [Permissions.OwnHousehold],
        // Facilities and special venues get their permissions with their modules.
        [Role.FacilityStaff] = [],
        [Role.VenueManager] = [],
        // Administrators run accounts and the tree; they do not need anyone's full numbers.
        [Role.Administrator] = [Permissions.PlacesRead, Permissions.PlacesEdit, Permissions.RegisterRead, Permissions.AccountsManage, Permissions.AuditRead, Permissions.CertificationRead],
    };

    public static IReadOnlySet<string> PermissionsOf(Role role) => Grants[role];

    public static bool Has(this Role role, string permission) => permission == Permissions.SignedIn || Grants[role].Contains(permission);
}
