namespace GreenGrid.Platform.Security;

/// <summary>
/// Marks an endpoint (or a page, as an attribute) where a password is tried: its POSTs count against
/// the sign-in limits per account name and per client address (<see cref="Limits.RequestLimits"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class SignInLimitedAttribute : Attribute;

public static class SignInLimits
{
    /// <summary>The POSTs of these endpoints are sign-in attempts (see <see cref="SignInLimitedAttribute"/>).</summary>
    public static TBuilder RequireSignInLimits<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new SignInLimitedAttribute());
}
