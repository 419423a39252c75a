using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace GreenGrid.Access;

/// <summary>What a pass token says, once its signature held.</summary>
public sealed record PassClaims(
    int KeyId, long PassId, HolderKind HolderKind, long PlaceId, long? HouseholdId, DateOnly ValidFrom, DateOnly ValidUntil, int QuotaRuleId);

/// <summary>The result of reading a token: the claims, or why not (never both).</summary>
public readonly record struct TokenCheck(PassClaims? Claims, ScanReason Failure)
{
    public bool Valid => Claims is not null;

    public static TokenCheck Fail(ScanReason reason) => new(null, reason);
}

/// <summary>
/// Pure signing and verification of pass tokens. A token is a 34-byte binary payload — version,
/// key id, pass id, holder kind, place id, household id, first and last day (days since
/// 2020-01-01), quota rule id — followed by its ECDSA P-256 / SHA-256 signature (64 bytes, IEEE
/// P1363), written in base64url: 131 characters, a small QR code. Asymmetric, so a scanner that
/// holds only public keys cannot mint passes; the key id lets keys rotate.
/// </summary>
public static class PassToken
{
    public const byte Version = 1;
    public const int PayloadLength = 34;
    public const int SignatureLength = 64;
    public const int TokenBytes = PayloadLength + SignatureLength;

    /// <summary>Longest text worth decoding; anything longer is garbage (a real token is 131 characters).</summary>
    public const int MaxTextLength = 200;

    public static readonly DateOnly Epoch = new(2020, 1, 1);

    public static byte[] Payload(PassClaims c)
    {
        var p = new byte[PayloadLength];
        p[0] = Version;
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(1), checked((ushort)c.KeyId));
        BinaryPrimitives.WriteInt64BigEndian(p.AsSpan(3), c.PassId);
        p[11] = (byte)c.HolderKind;
        BinaryPrimitives.WriteInt64BigEndian(p.AsSpan(12), c.PlaceId);
        BinaryPrimitives.WriteInt64BigEndian(p.AsSpan(20), c.HouseholdId ?? 0);
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(28), checked((ushort)(c.ValidFrom.DayNumber - Epoch.DayNumber)));
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(30), checked((ushort)(c.ValidUntil.DayNumber - Epoch.DayNumber)));
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(32), checked((ushort)c.QuotaRuleId));
        return p;
    }

    public static string Sign(PassClaims claims, ECDsa privateKey)
    {
        var payload = Payload(claims);
        var token = new byte[TokenBytes];
        payload.CopyTo(token, 0);
        if (!privateKey.TrySignData(payload, token.AsSpan(PayloadLength), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out var written)
            || written != SignatureLength)
        {
            throw new CryptographicException("ECDSA P-256 signature of unexpected length");
        }
        return Base64Url.EncodeToString(token);
    }

    /// <summary>
    /// Checks the text and its signature with the public key of its key id; never throws for bad
    /// input. <paramref name="publicKey"/> answers null for an unknown key id (a forged or foreign token).
    /// </summary>
    public static TokenCheck Verify(string? text, Func<int, ECDsa?> publicKey)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return TokenCheck.Fail(ScanReason.Outsider);
        }
        text = text.Trim();
        if (text.Length > MaxTextLength)
        {
            return TokenCheck.Fail(ScanReason.InvalidSignature);
        }
        Span<byte> token = stackalloc byte[Base64Url.GetMaxDecodedLength(text.Length)];
        int length;
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, token, out length) || length != TokenBytes || token[0] != Version)
            {
                return TokenCheck.Fail(ScanReason.InvalidSignature);
            }
        }
        catch (FormatException)
        {
            return TokenCheck.Fail(ScanReason.InvalidSignature);
        }
        token = token[..length];
        var keyId = BinaryPrimitives.ReadUInt16BigEndian(token[1..]);
        var key = publicKey(keyId);
        if (key is null || !key.VerifyData(token[..PayloadLength], token[PayloadLength..], HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation))
        {
            return TokenCheck.Fail(ScanReason.InvalidSignature);
        }
        var kind = token[11];
        if (!Enum.IsDefined((HolderKind)kind))
        {
            return TokenCheck.Fail(ScanReason.InvalidSignature);
        }
        var household = BinaryPrimitives.ReadInt64BigEndian(token[20..]);
        return new TokenCheck(new PassClaims(
            keyId,
            BinaryPrimitives.ReadInt64BigEndian(token[3..]),
            (HolderKind)kind,
            BinaryPrimitives.ReadInt64BigEndian(token[12..]),
            household == 0 ? null : household,
            DateOnly.FromDayNumber(Epoch.DayNumber + BinaryPrimitives.ReadUInt16BigEndian(token[28..])),
            DateOnly.FromDayNumber(Epoch.DayNumber + BinaryPrimitives.ReadUInt16BigEndian(token[30..])),
            BinaryPrimitives.ReadUInt16BigEndian(token[32..])), ScanReason.Ok);
    }

    /// <summary>A new P-256 key pair: (SubjectPublicKeyInfo, PKCS#8 private key).</summary>
    public static (byte[] PublicKey, byte[] PrivateKey) NewKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportSubjectPublicKeyInfo(), key.ExportPkcs8PrivateKey());
    }

    public static ECDsa ImportPublic(byte[] subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return key;
    }

    public static ECDsa ImportPrivate(byte[] pkcs8)
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(pkcs8, out _);
        return key;
    }
}

/// <summary>
/// Public keys by key id, with one ECDsa instance per key and thread (instances are not documented
/// as thread-safe; importing a key per verification would cost more than the verification).
/// </summary>
public sealed class PublicKeyRing
{
    private readonly Dictionary<int, byte[]> _keys;
    private readonly ThreadLocal<Dictionary<int, ECDsa>> _imported = new(() => []);

    public PublicKeyRing(IEnumerable<(int Id, byte[] PublicKey)> keys) => _keys = keys.ToDictionary(k => k.Id, k => k.PublicKey);

    public IReadOnlyDictionary<int, byte[]> Keys => _keys;

    public ECDsa? Find(int keyId)
    {
        var mine = _imported.Value!;
        if (mine.TryGetValue(keyId, out var key))
        {
            return key;
        }
        if (!_keys.TryGetValue(keyId, out var bytes))
        {
            return null;
        }
        return mine[keyId] = PassToken.ImportPublic(bytes);
    }

    public TokenCheck Verify(string? token) => PassToken.Verify(token, Find);
}
