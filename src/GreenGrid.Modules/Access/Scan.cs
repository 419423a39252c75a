namespace GreenGrid.Access;

/// <summary>
/// One scan at a gate, allowed or denied, exactly once per (gate, client scan id): a retried or
/// re-uploaded scan answers the recorded result. <see cref="ScannedAt"/> is the gate's clock,
/// <see cref="ReceivedAt"/> the server's; rows are never changed.
/// </summary>
public sealed class Scan
{
    public long Id { get; set; }
    public long GateId { get; set; }
    public long CompoundId { get; set; }

    /// <summary>The scanner's own id of the scan (a UUID), unique per gate.</summary>
    public required string ClientScanId { get; set; }
    public long GuardId { get; set; }
    public Direction Direction { get; set; }
    public DateTime ScannedAt { get; set; }
    public DateTime ReceivedAt { get; set; }

    /// <summary>The instant the decision was made for: the server's time online, the gate's time offline.</summary>
    public DateTime DecidedAt { get; set; }

    /// <summary>The city day of the decision time: quotas count per day.</summary>
    public DateOnly Day { get; set; }

    public decimal? Temperature { get; set; }
    public bool? Mask { get; set; }

    /// <summary>The pass of a token whose signature held; null for no pass, garbage or a forged token.</summary>
    public long? PassId { get; set; }
    public long? HouseholdId { get; set; }
    public HolderKind? HolderKind { get; set; }

    public Decision Decision { get; set; }
    public ScanReason Reason { get; set; }

    /// <summary>Decided by the gate without the server and uploaded later.</summary>
    public bool Offline { get; set; }

    /// <summary>The server, deciding with what it knows, would have answered otherwise (see <see cref="ServerReason"/>).</summary>
    public bool Conflict { get; set; }
    public ScanReason? ServerReason { get; set; }

    /// <summary>The gate's clock was further from the server's than the allowance: decided on the server's time.</summary>
    public bool ClockSkew { get; set; }
}

public enum Direction
{
    In,
    Out,
}

public enum Decision
{
    Allow,
    Deny,
}

/// <summary>Why a scan was decided so. <see cref="Ok"/>, <see cref="OutTooLong"/> and a suspended household's return are allowed.</summary>
public enum ScanReason
{
    Ok,
    InvalidSignature,
    Expired,
    NotYetValid,
    WrongPlace,
    Revoked,
    Suspended,
    GateClosed,
    Fever,
    NoMask,
    QuotaUsed,
    OutTooLong,
    Outsider,
}

/// <summary>
/// A temperature at or above the threshold at a gate: a task for the grid worker of the holder's
/// building (or the compound's community workers), not yet a fever patient: they decide whether
/// to record a case event after seeing the person.
/// </summary>
public sealed class FeverAlert
{
    public long Id { get; set; }
    public long ScanId { get; set; }
    public long GateId { get; set; }
    public long CompoundId { get; set; }

    /// <summary>The holder's building when known (its grid worker handles the alert), else null: the compound's workers do.</summary>
    public long? BuildingId { get; set; }
    public long? PassId { get; set; }
    public long? HouseholdId { get; set; }
    public long? ResidentId { get; set; }
    public string? HolderName { get; set; }
    public decimal Temperature { get; set; }
    public DateTime RaisedAt { get; set; }
    public DateTime? HandledAt { get; private set; }
    public long? HandledById { get; private set; }

    /// <summary>The alert of a fever scan, raised when the scan was received, for the holder named on its pass (if any).</summary>
    public static FeverAlert Raise(Scan scan, string? holderName, long? residentId, long? householdId, long? buildingId) => new()
    {
        ScanId = scan.Id, GateId = scan.GateId, CompoundId = scan.CompoundId, BuildingId = buildingId, PassId = scan.PassId,
        HouseholdId = householdId, ResidentId = residentId, HolderName = holderName, Temperature = scan.Temperature ?? 0, RaisedAt = scan.ReceivedAt,
    };
}

/// <summary>An ECDSA P-256 key that signs passes (private part) and that gates verify with (public part).</summary>
public sealed class PassSigningKey
{
    public int Id { get; set; }
    public required byte[] PublicKey { get; set; }
    public required byte[] PrivateKey { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>A retired key signs nothing new; tokens signed with it still verify until it is removed.</summary>
    public DateTime? RetiredAt { get; private set; }

    /// <summary>A fresh key pair, signing from <paramref name="now"/>.</summary>
    public static PassSigningKey New(DateTime now)
    {
        var (publicKey, privateKey) = PassToken.NewKeyPair();
        return new PassSigningKey { PublicKey = publicKey, PrivateKey = privateKey, CreatedAt = now };
    }

    /// <summary>The key signs nothing from <paramref name="at"/> on; what it signed keeps verifying.</summary>
    public void Retire(DateTime at) => RetiredAt ??= at;
}
