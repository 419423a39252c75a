using System.Security.Claims;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Platform.Security;

/// <summary>
/// The signed-in principal of the current request or Blazor circuit. Set by
/// <see cref="SecurityModule"/>'s middleware for HTTP requests and by its circuit handler for pages.
/// </summary>
public sealed class CurrentPrincipal
{
    private ClaimsPrincipal _principal = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal
    {
        get => _principal;
        set
        {
            _principal = value;
            Changed?.Invoke();
        }
    }

    /// <summary>The address the request or circuit came from, for the audit log.</summary>
    public string? RemoteAddress { get; set; }

    /// <summary>The user name given at a sign-in attempt, for the audit log of a failure.</summary>
    public string? UserNameTried { get; set; }

    internal event Action? Changed;
}

/// <summary>Who is calling: role, jurisdictions, household (read from the database, kept a short while in <see cref="CallerCache"/>).</summary>
public sealed record CallerAccount(long Id, string UserName, string DisplayName, Role Role, long? HouseholdId, IReadOnlyList<IJurisdiction> Jurisdictions)
{
    public bool Has(string permission) => Role.Has(permission);

    /// <summary>Whether the place with this tree path lies inside one of the jurisdictions.</summary>
    public bool Covers(string placePath) => Jurisdictions.Any(j => TreePaths.IsWithin(placePath, j.Path));

    /// <summary>The tree paths of the jurisdictions, for <see cref="TreePaths.WithinAny"/>.</summary>
    public string[] JurisdictionPaths() => [.. Jurisdictions.Select(j => j.Path)];
}

/// <summary>
/// The caller as every module sees it. Every query and command asks it what the caller may see:
/// a place outside the caller's jurisdictions is answered as if it did not exist.
/// </summary>
public sealed class Caller
{
    private readonly AppDb _db;
    private readonly CurrentPrincipal _current;
    private readonly CallerCache _cache;
    private readonly IJurisdictionReader _jurisdictions;
    private CallerAccount? _account;
    private bool _loaded;

    public Caller(AppDb db, CurrentPrincipal current, CallerCache cache, IJurisdictionReader jurisdictions)
    {
        _db = db;
        _current = current;
        _cache = cache;
        _jurisdictions = jurisdictions;
        current.Changed += () => _loaded = false;
    }

    public ClaimsPrincipal Principal => _current.Principal;

    /// <summary>The account, or null when nobody (or a disabled account) is signed in.</summary>
    public async ValueTask<CallerAccount?> Account(CancellationToken ct = default)
    {
        if (_loaded)
        {
            return _account;
        }
        _account = await Load(ct);
        _loaded = true;
        return _account;
    }

    public async ValueTask<bool> Can(string permission, CancellationToken ct = default) =>
        (await Account(ct))?.Has(permission) == true;

    /// <summary>Whether the place with this tree path lies inside one of the caller's jurisdictions (false for nobody).</summary>
    public async ValueTask<bool> CanSee(string placePath, CancellationToken ct = default) =>
        (await Account(ct))?.Covers(placePath) == true;

    private async Task<CallerAccount?> Load(CancellationToken ct)
    {
        var id = _current.Principal.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!long.TryParse(id, out var accountId))
        {
            return null;
        }
        // Kept between requests (see CallerCache: dropped at once when accounts, jurisdictions or places change).
        return await _cache.Get(accountId, ct => Read(_db, _jurisdictions, accountId, ct), ct);
    }

    /// <summary>The account and its jurisdictions (rarely: the result is cached).</summary>
    private static async Task<CallerAccount?> Read(AppDb db, IJurisdictionReader reader, long accountId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || account.IsDisabled)
        {
            return null;
        }
        var jurisdictions = await reader.Read(db, accountId, ct);
        return new CallerAccount(account.Id, account.UserName ?? "", account.DisplayName, account.Role, account.HouseholdId, jurisdictions);
    }
}
