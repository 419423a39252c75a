using Microsoft.AspNetCore.Authorization;

namespace GreenGrid.Platform.Security;

/// <summary>Grants a <see cref="PermissionRequirement"/> when the caller's role holds the permission.</summary>
internal sealed class PermissionHandler(Caller caller) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (await caller.Can(requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
