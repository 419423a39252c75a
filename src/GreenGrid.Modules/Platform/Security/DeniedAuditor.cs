using GreenGrid.Platform.Audit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace GreenGrid.Platform.Security;

/// <summary>Writes every refused request (signed in, but without the permission) to the audit log.</summary>
internal sealed class DeniedAuditor : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var audit = context.RequestServices.GetRequiredService<AuditLog>();
            var needed = string.Join(", ", policy.Requirements.OfType<PermissionRequirement>().Select(r => r.Permission));
            await audit.Record(AuditAction.Denied, "endpoint", [], null, $"{context.Request.Method} {context.Request.Path} needs {needed}", context.RequestAborted);
        }
        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
