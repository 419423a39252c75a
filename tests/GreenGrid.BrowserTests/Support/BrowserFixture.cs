using System.Collections.Concurrent;
using GreenGrid.Accounts;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(GreenGrid.BrowserTests.Support.BrowserFixture))]

namespace GreenGrid.BrowserTests.Support;

/// <summary>
/// One server and one headless Chromium for the whole run (both are slow to start); each test
/// gets its own browser context: its own cookies, language and screen size.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    // Signing in is a form post and a redirect: done once per account, its cookies reused by every test.
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _sessions = new();

    private GreenGridServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string BaseUrl => _server?.BaseUrl ?? throw new InvalidOperationException("The server has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async ValueTask InitializeAsync()
    {
        // The second core is worth more to the server than to the default 5 s of patience.
        Assertions.SetDefaultExpectTimeout(15_000);
        try
        {
            _server = new GreenGridServer();
            var serverStart = Task.Run(_server.Start);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
                Headless = true,
                Args = ChromiumArgs,
            });
            await serverStart;
        }
        catch
        {
            // A fixture that fails to start is not disposed by xunit: leave no Chromium or Kestrel behind.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// A fresh browser context and page, as a user with that language and screen would have:
    /// signed out, or signed in as <paramref name="signedInAs"/> (a demo account).
    /// </summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1366, int height = 900, bool phone = false, string? signedInAs = null)
    {
        var session = signedInAs is null ? null : await _sessions.GetOrAdd(signedInAs, user => new Lazy<Task<string>>(() => SignInOnce(user))).Value;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = phone,
            HasTouch = phone,
            StorageState = session,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Reads the application's database, e.g. for the id of a place to open by address.</summary>
    public async Task<T> QueryAsync<T>(Func<AppDb, Task<T>> query)
    {
        var server = _server ?? throw new InvalidOperationException("The server has not started.");
        await using var scope = server.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDb>());
    }

    public Task<long> PlaceIdAsync(string nameEn) =>
        QueryAsync(db => db.Places().Where(p => p.NameEn == nameEn).Select(p => p.Id).SingleAsync());

    private async Task<string> SignInOnce(string userName)
    {
        var page = await NewPageAsync();
        await page.SignInAsync(userName, DemoAccounts.Password);
        var state = await page.Context.StorageStateAsync();
        await page.CloseAllAsync();
        return state;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
