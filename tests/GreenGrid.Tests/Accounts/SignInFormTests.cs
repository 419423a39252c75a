using System.Net;
using System.Text.RegularExpressions;
using GreenGrid.Platform.Security;
using GreenGrid.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GreenGrid.Tests.Accounts;

/// <summary>The sign-in form over real HTTP: antiforgery, and what the session cookie promises.</summary>
public sealed partial class SignInFormTests(SqliteApp fixture) : IClassFixture<SqliteApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Browser() => fixture.App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static async Task<string> AntiforgeryToken(HttpClient browser)
    {
        var page = await browser.GetStringAsync("/signin", Ct);
        return TokenField().Match(page) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException("The sign-in page carries no antiforgery token.");
    }

    private static FormUrlEncodedContent Form(string userName, string password, string? token)
    {
        var fields = new Dictionary<string, string> { ["_handler"] = "signin", ["Input.UserName"] = userName, ["Input.Password"] = password };
        if (token is not null)
        {
            fields["__RequestVerificationToken"] = token;
        }
        return new FormUrlEncodedContent(fields);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused_and_signs_nobody_in()
    {
        var account = await fixture.App.Create(Role.Volunteer, [fixture.App.TestCity.Id]);
        using var browser = Browser();
        await AntiforgeryToken(browser); // the browser has the antiforgery cookie, but the form lacks the field

        var response = await browser.PostAsync("/signin", Form(account.UserName!, TestAccounts.Password, token: null), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("GreenGrid.Session=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Signing_in_sets_an_http_only_same_site_session_cookie_and_opens_the_pages()
    {
        var account = await fixture.App.Create(Role.Volunteer, [fixture.App.TestCity.Id]);
        using var browser = Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/places", Ct)).StatusCode); // to the sign-in page

        var response = await browser.PostAsync("/signin", Form(account.UserName!, TestAccounts.Password, await AntiforgeryToken(browser)), Ct);

        var session = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("GreenGrid.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/places", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_on_the_form_shows_the_error_and_sets_no_session()
    {
        var account = await fixture.App.Create(Role.Volunteer, [fixture.App.TestCity.Id]);
        using var browser = Browser();
        var response = await browser.PostAsync("/signin", Form(account.UserName!, "not-the-password-1", await AntiforgeryToken(browser)), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("signin-error", await response.Content.ReadAsStringAsync(Ct));
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("GreenGrid.Session=", StringComparison.Ordinal)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
