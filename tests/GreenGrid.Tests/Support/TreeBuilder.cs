using System.Net.Http.Json;
using GreenGrid.Places;
using GreenGrid.Platform.Data;
using GreenGrid.Register;
using Microsoft.Extensions.DependencyInjection;

namespace GreenGrid.Tests.Support;

/// <summary>
/// Builds small place trees through the real API as headquarters of the test city, each under a
/// district of its own so that tests sharing one application do not see each other's places.
/// </summary>
public sealed class TreeBuilder(GreenGridApp app)
{
    private static int _next;

    public static string UniqueCode(string prefix = "T") => $"{prefix}{Interlocked.Increment(ref _next):D5}";

    public async Task<PlaceView> Create(long? parentId, PlaceKind kind, string? code = null, string? nameZh = null, string? nameEn = null, bool scattered = false)
    {
        var client = app.Hq;
        code ??= UniqueCode(kind.ToString()[..2].ToUpperInvariant());
        var response = await client.PostAsJsonAsync("/api/v1/places",
            new { parentId, kind, code, nameZh = nameZh ?? $"{kind}{code}", nameEn = nameEn ?? $"{kind} {code}", isScattered = scattered },
            GreenGridApp.Json, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<PlaceView>(GreenGridApp.Json))!;
    }

    /// <summary>(Test city) > a new district > sub-district > community > compound > building.</summary>
    public async Task<Chain> Chain()
    {
        var city = PlaceView.Of(app.TestCity);
        var district = await Create(city.Id, PlaceKind.District);
        var subdistrict = await Create(district.Id, PlaceKind.Subdistrict);
        var community = await Create(subdistrict.Id, PlaceKind.Community);
        var compound = await Create(community.Id, PlaceKind.Compound);
        var building = await Create(compound.Id, PlaceKind.Building);
        return new Chain(city, district, subdistrict, community, compound, building);
    }

    /// <summary>Households and residents have no write API before the register issue: write them directly.</summary>
    public async Task<Household> AddHousehold(long buildingId, int residents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDb>();
        var household = new Household { BuildingId = buildingId, Room = $"1-{Interlocked.Increment(ref _next)}" };
        db.Households().Add(household);
        await db.SaveChangesAsync();
        for (var i = 0; i < residents; i++)
        {
            db.Residents().Add(new Resident
            {
                HouseholdId = household.Id,
                Name = $"居民{i}",
                Sex = i % 2 == 0 ? Sex.Female : Sex.Male,
                BirthDate = new DateOnly(1980 + i, 1, 1),
                IdNumber = "42010619800101234X",
                Phone = "13812345678",
                Relationship = i == 0 ? Relationship.Head : Relationship.Child,
                IsSynthetic = true,
            });
        }
        await db.SaveChangesAsync();
        return household;
    }
}

public sealed record Chain(PlaceView City, PlaceView District, PlaceView Subdistrict, PlaceView Community, PlaceView Compound, PlaceView Building);
