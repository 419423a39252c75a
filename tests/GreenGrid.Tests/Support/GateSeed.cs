using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GreenGrid.Access;
using GreenGrid.Access.IssuePass;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Platform.Security;
using GreenGrid.Register;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace GreenGrid.Tests.Support;

/// <summary>
/// A database prepared for gate traffic before the server starts: one compound with gates, many
/// households with one resident's pass each, a guard account with a password. Written directly
/// with the application's own model and migrations.
/// </summary>
public sealed record GateSeed(long CompoundId, long[] GateIds, string GuardUserName, string GuardPassword, string[] Tokens)
{
    public static async Task<GateSeed> CreateAsync(DatabaseProvider provider, string connectionString, int households, int gates = 1, CancellationToken ct = default)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        DatabaseSetup.Configure(options, provider, connectionString);
        await using var db = new AppDb(options.Options);
        await db.Database.MigrateAsync(ct);
        var now = DateTime.UtcNow;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")));
        Place parent = null!;
        var chain = new List<Place>();
        foreach (var kind in new[] { PlaceKind.City, PlaceKind.District, PlaceKind.Subdistrict, PlaceKind.Community, PlaceKind.Compound, PlaceKind.Building })
        {
            var place = new Place { ParentId = parent?.Id, Kind = kind, Code = $"S{kind}", NameZh = $"种子{kind}", NameEn = $"Seed {kind}", Path = $"/pending-{kind}/" };
            db.Places().Add(place);
            await db.SaveChangesAsync(ct);
            place.Path = parent is null ? PlacePath.Root(place.Id) : PlacePath.Child(parent.Path, place.Id);
            await db.SaveChangesAsync(ct);
            chain.Add(parent = place);
        }
        var community = chain[3];
        var compound = chain[4];
        var building = chain[5];
        var gateRows = Enumerable.Range(1, gates).Select(i => new Gate { CompoundId = compound.Id, Name = $"Gate {i}", CreatedAt = now }).ToList();
        db.Gates().AddRange(gateRows);
        var guard = new Account
        {
            UserName = "guard.seed", NormalizedUserName = "GUARD.SEED", DisplayName = "Seed guard", Role = Role.CheckpointGuard, CreatedAt = now,
            SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
        };
        const string password = "guard-password-1";
        guard.PasswordHash = new PasswordHasher<Account>().HashPassword(guard, password);
        db.Users.Add(guard);
        await db.SaveChangesAsync(ct);
        db.AccountJurisdictions.Add(new AccountJurisdiction { AccountId = guard.Id, PlaceId = compound.Id });
        if (gates > 1)
        {
            db.ClosureOrders().Add(new ClosureOrder
            {
                CompoundId = compound.Id, OpenGateIds = string.Join(",", gateRows.Select(g => g.Id)), EffectiveFrom = now.AddDays(-1), IssuedAt = now, IssuedById = guard.Id,
            });
        }
        var (pub, priv) = PassToken.NewKeyPair();
        var key = new PassSigningKey { PublicKey = pub, PrivateKey = priv, CreatedAt = now };
        db.PassSigningKeys().Add(key);
        await db.SaveChangesAsync(ct);
        using var signer = PassToken.ImportPrivate(priv);
        var householdRows = Enumerable.Range(0, households).Select(i => new Household { BuildingId = building.Id, Room = $"{i / 100 + 1}-{i % 100 + 101}" }).ToList();
        db.Households().AddRange(householdRows);
        await db.SaveChangesAsync(ct);
        var residents = householdRows.Select((h, i) => new Resident
        {
            HouseholdId = h.Id, Name = $"居民{i}", BirthDate = new DateOnly(1980, 1, 1), IdNumber = $"4201061980010{i:D5}", IsSynthetic = true,
        }).ToList();
        db.Residents().AddRange(residents);
        await db.SaveChangesAsync(ct);
        var passes = residents.Select(r => new Pass
        {
            HolderKind = HolderKind.Resident, HolderResidentId = r.Id, HolderName = r.Name, HouseholdId = r.HouseholdId, PlaceId = community.Id,
            ValidFrom = today.AddDays(-1), ValidUntil = today.AddDays(30), QuotaRuleId = QuotaRule.UnlimitedId, KeyId = key.Id, IssuedAt = now, IssuedById = guard.Id,
        }).ToList();
        db.Passes().AddRange(passes);
        await db.SaveChangesAsync(ct);
        foreach (var pass in passes)
        {
            pass.Token = PassToken.Sign(PassIssuer.Claims(pass, key.Id), signer);
        }
        await db.SaveChangesAsync(ct);
        return new GateSeed(compound.Id, gateRows.Select(g => g.Id).ToArray(), guard.UserName, password, passes.Select(p => p.Token).ToArray());
    }

    /// <summary>A client of the server signed in as the seed's guard (bearer token).</summary>
    public async Task<HttpClient> GuardClient(Uri address, CancellationToken ct = default)
    {
        var client = new HttpClient { BaseAddress = address };
        var response = await client.PostAsync("api/v1/auth/token",
            new StringContent($$"""{"userName":"{{GuardUserName}}","password":"{{GuardPassword}}"}""", System.Text.Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", json.RootElement.GetProperty("accessToken").GetString());
        return client;
    }
}
