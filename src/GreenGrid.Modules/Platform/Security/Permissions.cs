using Microsoft.AspNetCore.Authorization;

namespace GreenGrid.Platform.Security;

/// <summary>
/// Every permission of GreenGrid, named once. Endpoints declare what they need with
/// <see cref="PermissionEndpointExtensions.RequirePermission{TBuilder}"/>, pages with
/// <c>[Authorize(Policy = Permissions.X)]</c>; which role holds which permission is in <see cref="Roles"/>.
/// </summary>
public static class Permissions
{
    /// <summary>Any signed-in account: its own profile and password.</summary>
    public const string SignedIn = "signed-in";
    public const string PlacesRead = "places.read";
    public const string PlacesEdit = "places.edit";
    public const string RegisterRead = "register.read";
    /// <summary>See one person's ID and phone numbers in full; every use is audited.</summary>
    public const string RegisterReveal = "register.reveal";
    public const string RegisterExport = "register.export";
    /// <summary>Create, edit, move residents and households; mark moved out or deceased; merge duplicates.</summary>
    public const string RegisterEdit = "register.edit";
    /// <summary>Bring a spreadsheet into the register (dry run and commit).</summary>
    public const string RegisterImport = "register.import";
    /// <summary>A resident's own household and nothing else.</summary>
    public const string OwnHousehold = "household.own";
    /// <summary>People's case histories, counts and lists of cases (health data: reads are audited).</summary>
    public const string CasesRead = "cases.read";
    /// <summary>Record case events and health checks.</summary>
    public const string CasesRecord = "cases.record";
    /// <summary>Create door-to-door sweeps and import lists of other sources for reconciliation (community and HQ).</summary>
    public const string CasesManage = "cases.manage";
    /// <summary>Gates, closure orders and passes of compounds (issue and revoke).</summary>
    public const string AccessManage = "access.manage";
    /// <summary>Scan passes at a gate, download the gate's offline bundle and upload offline scans.</summary>
    public const string AccessScan = "access.scan";
    /// <summary>Gate logs, who is outside now, scans per hour, fever alerts of gates.</summary>
    public const string AccessRead = "access.read";
    public const string AccountsManage = "accounts.manage";
    public const string AuditRead = "audit.read";
    /// <summary>Evaluate the certification standard (scenarios now; the city's status with the workflow).</summary>
    public const string CertificationRead = "certification.read";
    /// <summary>Attest a compound's controls (六个到位) and apply to certify a place: community workers, sub-district offices.</summary>
    public const string CertificationApply = "certification.apply";
    /// <summary>Approve or reject applications and publish batches: headquarters (the level decides what it reviews).</summary>
    public const string CertificationReview = "certification.review";

    public static readonly IReadOnlyList<string> All =
        [SignedIn, PlacesRead, PlacesEdit, RegisterRead, RegisterReveal, RegisterExport, RegisterEdit, RegisterImport, OwnHousehold, CasesRead, CasesRecord, CasesManage, AccessManage, AccessScan, AccessRead, AccountsManage, AuditRead, CertificationRead, CertificationApply, CertificationReview];
}

/// <summary>The permission an endpoint or page needs; also the authorization requirement that checks it.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

public static class PermissionEndpointExtensions
{
    /// <summary>
    /// The endpoint needs a signed-in caller whose role holds <paramref name="permission"/>.
    /// The requirement is endpoint metadata too, which the jurisdiction matrix test reads.
    /// </summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(permission).WithMetadata(new PermissionRequirement(permission));
}
