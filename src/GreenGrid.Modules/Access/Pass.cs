namespace GreenGrid.Access;

/// <summary>
/// A pass (出入证): who holds it, where it is valid (a compound or a whole community), for what,
/// from when to when, and how often it may be used (<see cref="QuotaRuleId"/>). The printed token
/// (<see cref="Token"/>) carries these facts signed, so a gate can check it offline. A resident's pass
/// is suspended while their household is under management (derived at scan time, nothing stored);
/// a revoked pass is refused at once.
/// </summary>
public sealed class Pass
{
    public long Id { get; set; }
    public HolderKind HolderKind { get; set; }
    public long? HolderResidentId { get; set; }
    public required string HolderName { get; set; }

    /// <summary>For a resident: the household, whose exits share the quota and whose management suspends the pass.</summary>
    public long? HouseholdId { get; set; }

    /// <summary>The compound or community where the pass opens gates.</summary>
    public long PlaceId { get; set; }

    public string? Purpose { get; set; }

    /// <summary>First and last city day of validity (inclusive).</summary>
    public DateOnly ValidFrom { get; set; }
    public DateOnly ValidUntil { get; set; }

    public int QuotaRuleId { get; set; }

    /// <summary>The signed token as issued (what the QR code shows).</summary>
    public string Token { get; set; } = "";
    public int KeyId { get; set; }

    public DateTime IssuedAt { get; set; }
    public long IssuedById { get; set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokeReason { get; private set; }
    public long? RevokedById { get; private set; }

    /// <summary>Keeps the token signed for this pass (after its id is known) and the key that signed it.</summary>
    public void Sign(string token, int keyId)
    {
        Token = token;
        KeyId = keyId;
    }

    /// <summary>Revokes the pass at once, with who did it and why. A pass is revoked once (callers answer a second time with a conflict).</summary>
    public void Revoke(DateTime at, long byId, string reason)
    {
        if (RevokedAt is not null)
        {
            throw new InvalidOperationException($"pass {Id} was already revoked at {RevokedAt:u}");
        }
        RevokedAt = at;
        RevokedById = byId;
        RevokeReason = reason;
    }
}

public enum HolderKind
{
    Resident,
    Worker,
    Volunteer,
    Courier,
    MedicalTransport,
}

internal static class PassFieldRules
{
    public const int HolderNameMaxLength = 60;
    public const int PurposeMaxLength = 200;
    public const int ReasonMaxLength = 200;
    public const int TokenMaxLength = 400;
    public const int MaxValidityDays = 366;
}
