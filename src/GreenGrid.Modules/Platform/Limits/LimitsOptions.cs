namespace GreenGrid.Platform.Limits;

/// <summary>
/// Every limit of the server (configuration section <c>Limits</c>; the README's configuration table lists
/// them). The defaults are generous: they stop a password-guessing loop and a runaway client, not a busy
/// city (the benchmarks' 32 clients and thousands of scans per second from one guard account pass them).
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Limits";

    public SignInLimits SignIn { get; set; } = new();

    public WriteLimits Writes { get; set; } = new();

    public GroupCommitLimits GroupCommit { get; set; } = new();
}

/// <summary>At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window); 0 or less turns the limit off.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public bool IsOn => PermitLimit > 0 && Window > TimeSpan.Zero;
}

/// <summary>Sign-in attempts (the sign-in form and the token endpoints), counted per account name and per client address.</summary>
public sealed class SignInLimits
{
    /// <summary>Attempts naming one account, from anywhere (lockout, 5 wrong passwords, is the other guard).</summary>
    public WindowLimit PerAccount { get; set; } = new() { PermitLimit = 10 };

    /// <summary>Attempts from one client address, whatever account they name (an office behind one NAT shares it).</summary>
    public WindowLimit PerAddress { get; set; } = new() { PermitLimit = 300 };
}

/// <summary>POST, PUT, PATCH and DELETE under /api/v1 by a signed-in caller, counted per account.</summary>
public sealed class WriteLimits
{
    /// <summary>2,000 writes a second on average: above the case-event benchmark's single POSTs from one account.</summary>
    public WindowLimit PerAccount { get; set; } = new() { PermitLimit = 120_000 };

    /// <summary>
    /// Endpoints needing one of these permissions do not count: by default the gate devices' scans
    /// (<c>access.scan</c>), which one guard account sends by the thousand a second at rush hour and in the
    /// scan benchmark; the group commit's queue bound guards the server against them instead. Unset: the default.
    /// </summary>
    public List<string>? ExemptPermissions { get; set; }

    public IReadOnlySet<string> Exempt => (ExemptPermissions ?? [Security.Permissions.AccessScan]).ToHashSet(StringComparer.Ordinal);
}

/// <summary>The group commit's queue (hot writes: gate scans, case events, audit entries).</summary>
public sealed class GroupCommitLimits
{
    /// <summary>
    /// Requests waiting for the writer beyond this answer 503 at once instead of queueing without end.
    /// One commit takes up to 256 requests, so 10,000 is some 40 commits of backlog: seconds, not minutes.
    /// </summary>
    public int QueueLimit { get; set; } = 10_000;

    /// <summary>What a 503 of a full queue tells the client to wait (Retry-After).</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(1);
}
