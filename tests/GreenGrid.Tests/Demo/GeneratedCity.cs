using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GreenGrid.Demo;
using GreenGrid.Places;
using GreenGrid.Register;

namespace GreenGrid.Tests.Demo;

/// <summary>
/// A generated demo city held in lists, built once per size and seed for all the tests that look
/// at it (the Small city takes about a second to generate).
/// </summary>
internal sealed class GeneratedCity
{
    public const int DefaultSeed = 20200228;

    private static readonly ConcurrentDictionary<(DemoSize, int), Lazy<GeneratedCity>> Cache = new();

    private GeneratedCity(DemoCityGenerator generator)
    {
        Generator = generator;
        Places = generator.Places().ToList();
        Grids = generator.Grids().ToList();
        Households = generator.Households().ToList();
        Residents = generator.Residents().ToList();
        // Recorded by account 0 here; the loader puts in the id of its recording account.
        CaseEvents = generator.Outbreak().Events(recordedById: 0).ToList();
        PlaceById = Places.ToDictionary(p => p.Id);
        HouseholdById = Households.ToDictionary(h => h.Id);
    }

    public DemoCityGenerator Generator { get; }
    public List<Place> Places { get; }
    public List<Grid> Grids { get; }
    public List<Household> Households { get; }
    public List<Resident> Residents { get; }
    public List<GreenGrid.Cases.CaseEvent> CaseEvents { get; }
    public Dictionary<long, Place> PlaceById { get; }
    public Dictionary<long, Household> HouseholdById { get; }

    public static GeneratedCity Of(DemoSize size, int seed = DefaultSeed) =>
        Cache.GetOrAdd((size, seed), key => new Lazy<GeneratedCity>(() => new GeneratedCity(new DemoCityGenerator(key.Item1, key.Item2)))).Value;

    public IEnumerable<Place> OfKind(PlaceKind kind) => Places.Where(p => p.Kind == kind);

    public IEnumerable<Place> ChildrenOf(Place parent) => Places.Where(p => p.ParentId == parent.Id);

    public Place Single(PlaceKind kind, string nameZh) => OfKind(kind).Single(p => p.NameZh == nameZh);

    /// <summary>SHA-256 over every field of every row of every stream, in stream order.</summary>
    public static string Hash(DemoCityGenerator city)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(params object?[] fields) => hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\u001f', fields) + "\u001e"));
        foreach (var p in city.Places())
        {
            Add(p.Id, p.ParentId, p.Kind, p.Code, p.NameZh, p.NameEn, p.Path, p.IsScattered, p.GridId, p.RetiredAt);
        }
        foreach (var g in city.Grids())
        {
            Add(g.Id, g.CommunityId, g.Code, g.NameZh, g.NameEn, g.ResponsibleWorker, g.ResponsiblePhone);
        }
        foreach (var h in city.Households())
        {
            Add(h.Id, h.BuildingId, h.Room);
        }
        foreach (var r in city.Residents())
        {
            Add(r.Id, r.HouseholdId, r.Name, r.Sex, r.BirthDate.ToString("O", System.Globalization.CultureInfo.InvariantCulture), r.IdNumber,
                r.IsSynthetic, r.Phone, r.Relationship, r.Residence, (int)r.Vulnerabilities);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
