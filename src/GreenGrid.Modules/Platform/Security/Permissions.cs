using Microsoft.AspNetCore.Builder;

namespace GreenGrid.Platform.Security;

/// <summary>
/// Every permission of GreenGrid, named once. Endpoints declare the permission they need with
/// <see cref="RequirePermission{TBuilder}"/>; the accounts issue turns that declaration into
/// enforcement and into the jurisdiction matrix test, which reads it from the endpoint metadata.
/// </summary>
public static class Permissions
{
    public const string PlacesRead = "places.read";
    public const string PlacesEdit = "places.edit";
    public const string RegisterRead = "register.read";
}

/// <summary>The permission an endpoint needs, as endpoint metadata.</summary>
public sealed record PermissionRequirement(string Permission);

public static class PermissionEndpointExtensions
{
    // Seam for the accounts issue: today this only records the requirement.
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PermissionRequirement(permission));
}
