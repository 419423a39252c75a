namespace GreenGrid.Platform.Security;

public static class CallerScopes
{
    /// <summary>
    /// A new service scope that acts as the same caller. Pages load in scopes of their own (a
    /// circuit's DbContext must not serve two loads at once); the caller must go with them.
    /// </summary>
    public static AsyncServiceScope CreateScopeAs(this IServiceScopeFactory scopes, CurrentPrincipal current)
    {
        var scope = scopes.CreateAsyncScope();
        var inner = scope.ServiceProvider.GetRequiredService<CurrentPrincipal>();
        inner.RemoteAddress = current.RemoteAddress;
        inner.Principal = current.Principal;
        return scope;
    }
}
