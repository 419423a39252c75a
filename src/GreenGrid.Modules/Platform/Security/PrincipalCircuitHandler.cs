using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace GreenGrid.Platform.Security;

/// <summary>
/// A Blazor circuit has no HttpContext per event: this keeps <see cref="CurrentPrincipal"/> of the
/// circuit's scope in step with its authentication state (the pattern of the ASP.NET Core docs).
/// </summary>
internal sealed class PrincipalCircuitHandler(AuthenticationStateProvider authentication, CurrentPrincipal current, IHttpContextAccessor http)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        current.RemoteAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        current.Principal = (await authentication.GetAuthenticationStateAsync()).User;
        authentication.AuthenticationStateChanged += OnChanged;
    }

    private async void OnChanged(Task<AuthenticationState> state) => current.Principal = (await state).User;

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
