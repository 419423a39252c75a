using System.Security.Claims;
using GreenGrid.Platform.Security;
using Microsoft.AspNetCore.Authentication;

namespace GreenGrid.Tests.Accounts;

/// <summary>The bearer tokens' protector decrypts a token once, keeps only what decrypted, and gives every request its own ticket.</summary>
public sealed class RememberedTicketsTests
{
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Unprotected { get; private set; }

        public string Protect(AuthenticationTicket data) => "sealed:" + data.Principal.Identity!.Name;

        public string Protect(AuthenticationTicket data, string? purpose) => Protect(data);

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotected++;
            return protectedText is { } text && text.StartsWith("sealed:", StringComparison.Ordinal)
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, text[7..])], "test")), new AuthenticationProperties(), "Bearer")
                : null;
        }
    }

    [Fact]
    public void A_token_is_decrypted_once_and_each_request_gets_a_ticket_of_its_own()
    {
        var inner = new CountingFormat();
        var tickets = new RememberedTickets(inner);
        var first = tickets.Unprotect("sealed:guard.tanhualin")!;
        var second = tickets.Unprotect("sealed:guard.tanhualin")!;
        Assert.Equal(1, inner.Unprotected);
        Assert.Equal("guard.tanhualin", second.Principal.Identity!.Name);
        Assert.NotSame(first.Principal, second.Principal);
        Assert.NotSame(first.Properties, second.Properties);
        // What one request does to its principal does not reach the next.
        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim("extra", "1"));
        Assert.Null(tickets.Unprotect("sealed:guard.tanhualin")!.Principal.FindFirst("extra"));
    }

    [Fact]
    public void A_token_that_does_not_decrypt_is_not_kept_and_is_tried_again()
    {
        var inner = new CountingFormat();
        var tickets = new RememberedTickets(inner);
        Assert.Null(tickets.Unprotect("forged"));
        Assert.Null(tickets.Unprotect("forged"));
        Assert.Equal(2, inner.Unprotected);
    }
}
