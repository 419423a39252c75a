using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace GreenGrid.Platform.Security;

/// <summary>
/// The bearer tokens' protector, remembering what it has decrypted (docs/adr/0013-pass-ledger.md).
/// A bearer token is a sealed ticket: decrypting it (AES + HMAC with a derived key) is a pure
/// function of the token and the key ring, and it was the largest single cost of a gate scan left.
/// A guard's phone sends the same token with every scan for hours.
/// <para>
/// Nothing about trust changes: the handler checks the ticket's expiry on every request after
/// this, and the caller's account (disabled, role, jurisdictions) is checked per request as
/// before. Only tokens that decrypted are kept (a flood of junk cannot fill it), at most
/// <see cref="Capacity"/>; each request gets its own copy of the ticket, so nothing one request
/// does to its principal reaches another.
/// </para>
/// </summary>
public sealed class RememberedTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, AuthenticationTicket> _known = new(StringComparer.Ordinal);

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }
        if (!_known.TryGetValue(protectedText, out var ticket))
        {
            ticket = inner.Unprotect(protectedText);
            if (ticket is null)
            {
                return null;
            }
            if (_known.Count >= Capacity)
            {
                _known.Clear(); // crude but bounded: tokens in use come back at the next request
            }
            _known.TryAdd(protectedText, ticket);
        }
        // A deep copy: ClaimsPrincipal.Clone() would share the identities.
        return new AuthenticationTicket(new System.Security.Claims.ClaimsPrincipal(ticket.Principal.Identities.Select(identity => identity.Clone())), ticket.Properties.Clone(), ticket.AuthenticationScheme);
    }
}
