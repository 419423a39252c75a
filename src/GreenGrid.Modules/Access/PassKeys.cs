using System.Security.Cryptography;
using GreenGrid.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Access;

/// <summary>
/// The signing keys of passes, kept in the database (table <c>pass_signing_keys</c>) so that every
/// instance and every backup agrees; the first key is made on first use. The newest key that is
/// not retired signs; every key verifies, so tokens signed before a rotation stay valid.
/// </summary>
public sealed class PassKeys(IServiceScopeFactory scopes, TimeProvider time)
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private volatile Loaded? _loaded;

    private sealed record Loaded(int SigningKeyId, byte[] SigningKey, PublicKeyRing Ring, VerifiedTokens Verified);

    public async Task<PublicKeyRing> Ring(CancellationToken ct = default) => (await Load(ct)).Ring;

    /// <summary>The server's verifier: the ring, remembering the tokens it has found good (a pass is shown at the gate several times a day).</summary>
    public async Task<VerifiedTokens> Verifier(CancellationToken ct = default) => (await Load(ct)).Verified;

    /// <summary>Signs the claims with the current key (the claims' key id is set to it).</summary>
    public async Task<(string Token, int KeyId)> Sign(Func<int, PassClaims> claims, CancellationToken ct = default)
    {
        var loaded = await Load(ct);
        using var key = PassToken.ImportPrivate(loaded.SigningKey);
        return (PassToken.Sign(claims(loaded.SigningKeyId), key), loaded.SigningKeyId);
    }

    /// <summary>The id of the key that signs now: a pass row names it before its token can be signed (the token holds the pass's id).</summary>
    public async Task<int> SigningKeyId(CancellationToken ct = default) => (await Load(ct)).SigningKeyId;

    /// <summary>Makes a new key the signing key (old tokens keep verifying).</summary>
    public async Task<int> Rotate(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var now = time.GetUtcNow().UtcDateTime;
        // A handful of keys: the old ones retire and the new one arrives in one commit, so there is always a signing key.
        foreach (var old in await db.PassSigningKeys().Where(k => k.RetiredAt == null).ToListAsync(ct))
        {
            old.Retire(now);
        }
        var key = PassSigningKey.New(now);
        db.PassSigningKeys().Add(key);
        await db.SaveChangesAsync(ct);
        _loaded = null;
        return key.Id;
    }

    private async Task<Loaded> Load(CancellationToken ct)
    {
        if (_loaded is { } loaded)
        {
            return loaded;
        }
        await _load.WaitAsync(ct);
        try
        {
            if (_loaded is { } again)
            {
                return again;
            }
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            var keys = await db.PassSigningKeys().AsNoTracking().OrderBy(k => k.Id).ToListAsync(ct);
            if (!keys.Any(k => k.RetiredAt == null))
            {
                var key = PassSigningKey.New(time.GetUtcNow().UtcDateTime);
                db.PassSigningKeys().Add(key);
                await db.SaveChangesAsync(ct);
                keys.Add(key);
            }
            var signing = keys.Last(k => k.RetiredAt == null);
            var ring = new PublicKeyRing(keys.Select(k => (k.Id, k.PublicKey)));
            return _loaded = new Loaded(signing.Id, signing.PrivateKey, ring, new VerifiedTokens(ring));
        }
        finally
        {
            _load.Release();
        }
    }
}

/// <summary>
/// Verifies pass tokens with a key ring, remembering the tokens found good: verifying a signature
/// is a pure function of the token and the ring, and the ECDSA check was the largest part of a
/// scan's CPU. Only good tokens are kept (a flood of forgeries cannot fill it), at most
/// <see cref="Capacity"/>, and the memory goes with the ring when the keys change.
/// </summary>
public sealed class VerifiedTokens(PublicKeyRing ring)
{
    public const int Capacity = 200_000;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TokenCheck> _good = new(StringComparer.Ordinal);

    public TokenCheck Verify(string? token)
    {
        if (token is not null && _good.TryGetValue(token, out var known))
        {
            return known;
        }
        var check = ring.Verify(token);
        if (token is not null && check.Claims is not null)
        {
            if (_good.Count >= Capacity)
            {
                _good.Clear(); // crude but bounded: the passes in use come back within minutes
            }
            _good.TryAdd(token, check);
        }
        return check;
    }
}
