using System.Globalization;
using GreenGrid.Places;
using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>How many rows a demo city has, table by table (case events: its simulated outbreak up to the day it stands on).</summary>
public sealed record DemoCityCounts(long Places, long Grids, long Households, long Residents, long CaseEvents)
{
    public long Rows => Places + Grids + Households + Residents + CaseEvents;
}

/// <summary>
/// Generates the demo city from a size and a seed: the same two give the same city, row for row
/// and byte for byte; nothing depends on the clock or on <see cref="Random.Shared"/>.
/// <para>
/// The frame (city down to compounds, and the grids) is small, about 13,000 places for the whole of
/// Wuhan, and is planned up front. Buildings, households and residents are streamed: each building
/// and each household draws from its own random stream keyed by its id (<see cref="DemoRandom.For"/>),
/// so memory stays flat whatever the size, and each table can be enumerated on its own, which is
/// what a per-table bulk load (PostgreSQL COPY) needs.
/// </para>
/// <para>
/// Ids are assigned here, 1, 2, 3… per table: first the frame in depth-first order, then the
/// buildings compound by compound. Streams come in an order that respects every foreign key:
/// <see cref="Areas"/>, <see cref="Grids"/>, <see cref="Buildings"/>, <see cref="Households"/>,
/// <see cref="Residents"/>.
/// </para>
/// </summary>
internal sealed class DemoCityGenerator
{
    /// <summary>The day the demo stands on (the seed's inspection): ages and birth dates count from it.</summary>
    public static readonly DateOnly ReferenceDate = new(2020, 2, 28);

    /// <summary>Share of the flats of an estate with a registered household at full density.</summary>
    private const double UrbanOccupancy = 0.80;
    private const double RuralOccupancy = 0.93;

    private readonly DemoCityShape _shape;
    private readonly CityPlan _plan;

    public DemoCityGenerator(DemoSize size, int seed, DateOnly? standsOn = null)
    {
        Size = size;
        Seed = seed;
        StandsOn = standsOn ?? DemoOutbreak.DefaultStandsOn;
        _shape = DemoCityShape.Of(size);
        _plan = new PlanBuilder(_shape, seed).Build();
    }

    public DemoSize Size { get; }
    public int Seed { get; }

    /// <summary>The last day of the simulated outbreak history: no case event is dated after it.</summary>
    public DateOnly StandsOn { get; }

    /// <summary>The simulated outbreak history of this city, up to <see cref="StandsOn"/>.</summary>
    public DemoOutbreak Outbreak() => new(this);

    /// <summary>The planned compounds, in id order (their households and residents come in this order too).</summary>
    internal IReadOnlyList<CompoundPlan> CompoundPlans => _plan.Compounds;

    /// <summary>The planned areas, by id - 1.</summary>
    internal IReadOnlyList<Place> AreaPlans => _plan.Areas;

    /// <summary>Every household's compound (index into <see cref="CompoundPlans"/>) and size, in id order, without the people (fast).</summary>
    internal IEnumerable<(int Compound, int Size)> HouseholdSizes()
    {
        foreach (var draft in HouseholdDrafts())
        {
            yield return (draft.Compound, draft.Size);
        }
    }

    /// <summary>Who lives in a household, as <see cref="Residents"/> draws them (members in resident id order).</summary>
    internal void Members(long householdId, int size, List<FamilyMember> members) =>
        DemoFamilies.Compose(DemoRandom.For(Seed, DemoStream.Household, householdId), size, members);

    /// <summary>The city, districts, sub-districts and townships, communities and villages, compounds.</summary>
    public IEnumerable<Place> Areas() => _plan.Areas.Select(Copy);

    public IEnumerable<Grid> Grids() => _plan.Grids.Select(g => new Grid
    {
        Id = g.Id, CommunityId = g.CommunityId, Code = g.Code, NameZh = g.NameZh, NameEn = g.NameEn,
        ResponsibleWorker = g.ResponsibleWorker, ResponsiblePhone = g.ResponsiblePhone,
    });

    /// <summary>Every place: <see cref="Areas"/>, then <see cref="Buildings"/>.</summary>
    public IEnumerable<Place> Places() => Areas().Concat(Buildings());

    public IEnumerable<Place> Buildings()
    {
        foreach (var compound in _plan.Compounds)
        {
            for (var i = 0; i < compound.Buildings; i++)
            {
                var id = compound.FirstBuildingId + i;
                var (nameZh, nameEn) = BuildingName(compound, i);
                yield return new Place
                {
                    Id = id,
                    ParentId = compound.Id,
                    Kind = PlaceKind.Building,
                    Code = compound.Code + "-" + (i + 1).ToString("000", CultureInfo.InvariantCulture),
                    NameZh = nameZh,
                    NameEn = nameEn,
                    Path = PlacePath.Child(compound.Path, id),
                    GridId = compound.GridOf(i),
                };
            }
        }
    }

    public IEnumerable<Household> Households()
    {
        foreach (var draft in HouseholdDrafts())
        {
            yield return new Household { Id = draft.Id, BuildingId = draft.BuildingId, Room = draft.Room() };
        }
    }

    public IEnumerable<Resident> Residents()
    {
        var idNumbers = new SyntheticIdNumbers();
        var members = new List<FamilyMember>(8);
        long residentId = 0;
        foreach (var household in HouseholdDrafts())
        {
            var r = DemoRandom.For(Seed, DemoStream.Household, household.Id);
            DemoFamilies.Compose(r, household.Size, members);

            var head = members[0];
            var residence = r.Chance(0.004) ? Residence.Stranded
                : r.Chance(head.Age < 45 ? 0.15 : 0.045) ? Residence.Floating
                : Residence.Registered;
            var region = residence == Residence.Registered
                ? household.RegisteredRegion
                : WuhanDivisions.FloatingRegionCodes[FloatingRegions.Draw(r)];
            var alone = members.Count == 1;
            // Hardship (低保) is more common among the elderly living alone and single parents.
            var singleParent = members.Count > 1 && members[1].Relationship != Relationship.Spouse;
            var hardship = r.Chance((alone && head.Age >= 65) || singleParent ? 0.06 : 0.02);

            foreach (var member in members)
            {
                var birthDate = ReferenceDate.AddYears(-member.Age).AddDays(-r.Next(365));
                yield return new Resident
                {
                    Id = ++residentId,
                    HouseholdId = household.Id,
                    Name = ChineseNames.Surnames[member.Surname].Surname.Zh + ChineseNames.DrawGivenName(r, member.Male, birthDate.Year),
                    Sex = member.Male ? Sex.Male : Sex.Female,
                    BirthDate = birthDate,
                    IdNumber = idNumbers.Next(region, birthDate, member.Male),
                    IsSynthetic = true,
                    Phone = member.Age >= 18 && r.Chance(member.Age >= 75 ? 0.55 : 0.97) ? SyntheticIdNumbers.Phone(r) : null,
                    Relationship = member.Relationship,
                    Residence = residence,
                    Vulnerabilities = Vulnerabilities(r, member, alone, hardship),
                };
            }
        }
    }

    /// <summary>The row counts, found by drawing the buildings' households without the people, and the outbreak's events (fast).</summary>
    public DemoCityCounts Count()
    {
        long households = 0, residents = 0;
        foreach (var draft in HouseholdDrafts())
        {
            households++;
            residents += draft.Size;
        }
        return new DemoCityCounts(_plan.Areas.Count + _plan.Compounds.Sum(c => (long)c.Buildings), _plan.Grids.Count, households, residents, Outbreak().Count());
    }

    private static readonly WeightedChoice FloatingRegions = new(WuhanDivisions.FloatingRegionWeights);

    private static Vulnerability Vulnerabilities(DemoRandom r, FamilyMember member, bool alone, bool hardship)
    {
        var flags = Vulnerability.None;
        var age = member.Age;
        if (alone && age >= 65)
        {
            flags |= Vulnerability.ElderlyAlone;
        }
        if (r.Chance(age >= 65 ? 0.08 : age >= 18 ? 0.025 : 0.01))
        {
            flags |= Vulnerability.Disabled;
        }
        if (r.Chance(age >= 65 ? 0.35 : age >= 40 ? 0.10 : 0.01))
        {
            flags |= Vulnerability.ChronicIllness;
        }
        // Haemodialysis: about 5 in 10,000 people, nearly all adults; three sessions a week, whatever the lockdown.
        if (age >= 30 && r.Chance(0.0008))
        {
            flags |= Vulnerability.Dialysis | Vulnerability.ChronicIllness;
        }
        if (!member.Male && age is >= 20 and <= 42 && r.Chance(0.05))
        {
            flags |= Vulnerability.Pregnant;
        }
        if (hardship)
        {
            flags |= Vulnerability.Hardship;
        }
        return flags;
    }

    private static (string Zh, string En) BuildingName(CompoundPlan compound, int index) => compound.Style switch
    {
        CompoundStyle.Scattered => (
            $"{compound.StreetZh}{compound.StreetNumber(index)}号",
            $"No. {compound.StreetNumber(index)} {compound.StreetEn}"),
        CompoundStyle.Hamlet => ($"{index + 1}号", $"No. {index + 1}"),
        _ => ($"{index + 1}栋", $"Building {index + 1}"),
    };

    /// <summary>A household as drawn from its building's stream: enough to count, name the room and seed the people.</summary>
    private readonly record struct HouseholdDraft(int Compound, long Id, long BuildingId, int Unit, int Floor, int Flat, int Size, string RegisteredRegion, int HouseNumber)
    {
        /// <summary>"2单元501" for a flat; the house number for a village house ("12号", "12号-2" for a second household).</summary>
        public string Room() => HouseNumber > 0
            ? Flat > 1 ? $"{HouseNumber}号-{Flat}" : $"{HouseNumber}号"
            : string.Create(CultureInfo.InvariantCulture, $"{Unit}单元{Floor}{Flat:00}");
    }

    private IEnumerable<HouseholdDraft> HouseholdDrafts()
    {
        long householdId = 0;
        for (var compoundIndex = 0; compoundIndex < _plan.Compounds.Count; compoundIndex++)
        {
            var compound = _plan.Compounds[compoundIndex];
            var sizes = compound.Style == CompoundStyle.Hamlet ? DemoFamilies.RuralSizes : DemoFamilies.UrbanSizes;
            for (var i = 0; i < compound.Buildings; i++)
            {
                var buildingId = compound.FirstBuildingId + i;
                var r = DemoRandom.For(Seed, DemoStream.Building, buildingId);
                if (compound.Style == CompoundStyle.Hamlet)
                {
                    var families = r.Chance(0.15) ? 2 : 1;
                    for (var f = 1; f <= families; f++)
                    {
                        if (r.Chance(RuralOccupancy * _shape.ResidentShare) | f == 1)
                        {
                            yield return new HouseholdDraft(compoundIndex, ++householdId, buildingId, 1, 1, f, sizes.Draw(r) + 1, compound.RegisteredRegion, i + 1);
                        }
                    }
                    continue;
                }
                var (units, floors, flatsPerFloor) = Layout(compound.Style, r);
                var occupancy = UrbanOccupancy * _shape.ResidentShare;
                // One flat always has a household: no building of the demo is empty, even at the small sizes.
                // ('|', not '||': the occupancy draw is made either way, so the stream does not depend on it.)
                var alwaysOccupied = r.Next(units * floors * flatsPerFloor);
                var flatIndex = 0;
                for (var unit = 1; unit <= units; unit++)
                {
                    for (var floor = 1; floor <= floors; floor++)
                    {
                        for (var flat = 1; flat <= flatsPerFloor; flat++)
                        {
                            if (r.Chance(occupancy) | flatIndex++ == alwaysOccupied)
                            {
                                yield return new HouseholdDraft(compoundIndex, ++householdId, buildingId, unit, floor, flat, sizes.Draw(r) + 1, compound.RegisteredRegion, 0);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Stairwells (units), floors and flats per floor and stairwell, by the age of the estate.</summary>
    private static (int Units, int Floors, int FlatsPerFloor) Layout(CompoundStyle style, DemoRandom r) => style switch
    {
        CompoundStyle.Old => (r.Between(2, 5), r.Between(5, 7), 2),
        CompoundStyle.Mid or CompoundStyle.Large when r.Chance(style == CompoundStyle.Mid ? 0.7 : 0.2) => (r.Between(2, 4), r.Between(6, 7), 2),
        CompoundStyle.Mid => (r.Between(1, 2), r.Between(11, 18), r.Between(2, 4)),
        CompoundStyle.New or CompoundStyle.Large => (r.Between(1, 2), r.Between(18, 30), r.Between(2, 4)),
        CompoundStyle.Scattered => (r.Between(1, 2), r.Between(3, 6), 2),
        _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
    };

    private static Place Copy(Place p) => new()
    {
        Id = p.Id, ParentId = p.ParentId, Kind = p.Kind, Code = p.Code, NameZh = p.NameZh, NameEn = p.NameEn,
        Path = p.Path, IsScattered = p.IsScattered, GridId = p.GridId, RetiredAt = p.RetiredAt,
    };

    /// <summary>The planned frame: areas and grids as rows, compounds with what their buildings need.</summary>
    private sealed record CityPlan(List<Place> Areas, List<Grid> Grids, List<CompoundPlan> Compounds);

    /// <summary>Plans the frame from the skeleton stream: names, codes, ids, building counts and grids.</summary>
    private sealed class PlanBuilder(DemoCityShape shape, int seed)
    {
        private readonly DemoRandom _r = DemoRandom.For(seed, DemoStream.Skeleton, 0);
        private readonly List<Place> _areas = [];
        private readonly List<Grid> _grids = [];
        private readonly List<CompoundPlan> _compounds = [];
        private readonly HashSet<string> _unitNames = [];

        public CityPlan Build()
        {
            var city = Area(null, PlaceKind.City, WuhanDivisions.CityCode, WuhanDivisions.CityNameZh, WuhanDivisions.CityNameEn);
            foreach (var district in shape.Districts)
            {
                District(city, district);
            }
            // Buildings are numbered after the whole frame, compound by compound.
            var nextBuildingId = _areas.Count + 1L;
            foreach (var compound in _compounds)
            {
                compound.FirstBuildingId = nextBuildingId;
                nextBuildingId += compound.Buildings;
            }
            return new CityPlan(_areas, _grids, _compounds);
        }

        private void District(Place city, DistrictShape districtShape)
        {
            var district = Area(city, PlaceKind.District, districtShape.Code, districtShape.NameZh, districtShape.NameEn);
            var isWuchang = districtShape.Code == WuhanDivisions.WuchangCode;
            var units = new List<(Place Unit, bool IsTownship)>();
            if (isWuchang)
            {
                foreach (var index in shape.WuchangSubdistricts)
                {
                    var named = WuhanDivisions.WuchangSubdistricts[index];
                    units.Add((Area(district, PlaceKind.Subdistrict, $"{districtShape.Code}{index + 1:000}", named.NameZh, $"{named.Pinyin} Subdistrict"), false));
                }
            }
            else
            {
                for (var i = 0; i < districtShape.Subdistricts + districtShape.Townships; i++)
                {
                    var township = i >= districtShape.Subdistricts;
                    var suffix = township ? ChineseNames.Township : ChineseNames.Subdistrict;
                    var (zh, pinyin) = UniqueName(_unitNames);
                    // Statistical codes: sub-districts 001-099, towns from 101.
                    var code = township ? $"{districtShape.Code}{101 + i - districtShape.Subdistricts:000}" : $"{districtShape.Code}{i + 1:000}";
                    units.Add((Area(district, township ? PlaceKind.Township : PlaceKind.Subdistrict, code, zh + suffix.Zh, $"{pinyin} {suffix.En}"), township));
                }
            }

            // Communities go mostly to sub-districts, villages mostly to towns.
            var communities = DemoRandom.Apportion(districtShape.Communities,
                units.Select(u => (u.IsTownship ? 0.3 : 1.0) * Vary()).ToArray(), minimum: 0);
            var villages = districtShape.Villages == 0
                ? new int[units.Count]
                : DemoRandom.Apportion(districtShape.Villages, units.Select(u => (u.IsTownship ? 1.0 : 0.25) * Vary()).ToArray(), minimum: 0);
            var compounds = new Queue<int>(_r.Split((int)Math.Round(districtShape.Communities * districtShape.CompoundsPerCommunity), districtShape.Communities, shape.Spread * 1.5));

            var names = new HashSet<string>();
            for (var u = 0; u < units.Count; u++)
            {
                var (unit, _) = units[u];
                if (communities[u] + villages[u] == 0)
                {
                    communities[u] = 1;
                    compounds.Enqueue(Math.Max(1, (int)districtShape.CompoundsPerCommunity));
                }
                for (var c = 0; c < communities[u]; c++)
                {
                    Community(unit, c, compounds.Dequeue(), names, isWuchang);
                }
                for (var v = 0; v < villages[u]; v++)
                {
                    Village(unit, v, names);
                }
            }
        }

        private double Vary() => 1 + shape.Spread * (2 * _r.NextDouble() - 1);

        private void Community(Place unit, int index, int compoundCount, HashSet<string> names, bool isWuchang)
        {
            var code = $"{unit.Code}{index + 1:000}";
            // The seed's community: Tanhualin, the first community of Liangdao.
            var place = isWuchang && index == 0 && unit.NameZh == WuhanDivisions.LiangdaoNameZh
                ? Area(unit, PlaceKind.Community, code, WuhanDivisions.TanhualinNameZh, WuhanDivisions.TanhualinNameEn)
                : Named(unit, PlaceKind.Community, code, names, ChineseNames.Community);
            names.Add(place.NameZh);

            var compounds = new List<CompoundPlan>();
            for (var i = 0; i < compoundCount; i++)
            {
                var style = (CompoundStyle)_r.Weighted([0.42, 0.34, 0.21, 0.03]);
                var suffix = _r.Pick(style switch
                {
                    CompoundStyle.Old => ChineseNames.OldCompounds,
                    CompoundStyle.Mid => ChineseNames.MidCompounds,
                    CompoundStyle.New => ChineseNames.NewCompounds,
                    _ => ChineseNames.LargeCompounds,
                });
                var compound = Named(place, PlaceKind.Compound, $"{code}{i + 1:00}", names, suffix);
                compounds.Add(Plan(compound, style, style switch
                {
                    CompoundStyle.Old => _r.Between(3, 10),
                    CompoundStyle.Mid => _r.Between(4, 16),
                    CompoundStyle.New => _r.Between(3, 12),
                    _ => _r.Between(30, 60),
                }));
            }

            var scattered = Area(place, PlaceKind.Compound, $"{code}00", "散居楼栋", "Scattered buildings", isScattered: true);
            var street = _r.Pick(ChineseNames.Streets);
            var (streetZh, streetPinyin) = TwoSyllables();
            var plan = Plan(scattered, CompoundStyle.Scattered, _r.Between(2, 6));
            plan.StreetZh = streetZh + street.Zh;
            plan.StreetEn = $"{streetPinyin} {street.En}";
            plan.StreetStart = _r.Between(1, 60);
            plan.StreetStep = _r.Between(1, 3);
            compounds.Add(plan);

            Grids(place, compounds, buildingsPerGrid: 10, maxGrids: 12);
        }

        private void Village(Place unit, int index, HashSet<string> names)
        {
            var code = $"{unit.Code}{201 + index:000}";
            var surname = ChineseNames.DrawSurname(_r);
            Place village;
            if (_r.Chance(0.5) && names.Add($"{surname.Zh}家湾村"))
            {
                village = Area(unit, PlaceKind.Village, code, $"{surname.Zh}家湾村", $"{ChineseNames.Pinyin(surname.Pinyin, "jia", "wan")} Village");
            }
            else
            {
                village = Named(unit, PlaceKind.Village, code, names, ChineseNames.Village);
            }
            // The village's houses form one compound-level unit (湾, a hamlet), certified as a whole.
            var hamletSurname = ChineseNames.DrawSurname(_r);
            var hamlet = Area(village, PlaceKind.Compound, $"{code}01", $"{hamletSurname.Zh}家湾",
                $"{ChineseNames.Pinyin(hamletSurname.Pinyin, "jia", "wan")} Hamlet");
            var plan = Plan(hamlet, CompoundStyle.Hamlet, _r.Between(200, 400));
            Grids(village, [plan], buildingsPerGrid: 60, maxGrids: 8);
        }

        /// <summary>Splits the community's buildings, in order, into a few grids with a grid worker each.</summary>
        private void Grids(Place community, List<CompoundPlan> compounds, int buildingsPerGrid, int maxGrids)
        {
            var buildings = compounds.Sum(c => c.Buildings);
            var count = Math.Clamp((buildings + buildingsPerGrid / 2) / buildingsPerGrid, Math.Min(2, buildings), maxGrids);
            var firstGridId = _grids.Count + 1L;
            for (var g = 0; g < count; g++)
            {
                var surname = ChineseNames.DrawSurname(_r);
                var male = _r.Chance(0.4);
                _grids.Add(new Grid
                {
                    Id = firstGridId + g,
                    CommunityId = community.Id,
                    Code = $"{community.Code}-G{g + 1:00}",
                    NameZh = $"第{g + 1}网格",
                    NameEn = $"Grid {g + 1}",
                    ResponsibleWorker = ChineseNames.DrawPersonName(_r, surname.Zh, male, _r.Between(1965, 1996)),
                    ResponsiblePhone = SyntheticIdNumbers.Phone(_r),
                });
            }
            var offset = 0;
            foreach (var compound in compounds)
            {
                compound.FirstGridId = firstGridId;
                compound.GridCount = count;
                compound.CommunityOffset = offset;
                compound.CommunityBuildings = buildings;
                offset += compound.Buildings;
            }
        }

        private CompoundPlan Plan(Place compound, CompoundStyle style, int buildings)
        {
            if (shape.MaxBuildingsPerCompound > 0)
            {
                buildings = Math.Min(buildings, shape.MaxBuildingsPerCompound);
            }
            var district = _areas[(int)PlacePath.Ids(compound.Path)[1] - 1];
            var plan = new CompoundPlan(compound.Id, compound.Path, compound.Code, style, buildings, district.Code);
            _compounds.Add(plan);
            return plan;
        }

        private Place Named(Place parent, PlaceKind kind, string code, HashSet<string> names, NameSuffix suffix)
        {
            var (zh, pinyin) = UniqueName(names, suffix.Zh);
            return Area(parent, kind, code, zh + suffix.Zh, $"{pinyin} {suffix.En}");
        }

        /// <summary>Two syllables not yet used with this ending in this set (three after many tries).</summary>
        private (string Zh, string Pinyin) UniqueName(HashSet<string> used, string ending = "")
        {
            for (var attempt = 0; ; attempt++)
            {
                var (zh, pinyin) = TwoSyllables();
                if (attempt > 20)
                {
                    var third = _r.Pick(ChineseNames.Syllables);
                    zh += third.Zh;
                    pinyin = ChineseNames.Pinyin(pinyin, third.Pinyin);
                }
                if (used.Add(zh + ending))
                {
                    return (zh, pinyin);
                }
            }
        }

        private (string Zh, string Pinyin) TwoSyllables()
        {
            var first = _r.Pick(ChineseNames.Syllables);
            var second = _r.Pick(ChineseNames.Syllables);
            while (second.Zh == first.Zh)
            {
                second = _r.Pick(ChineseNames.Syllables);
            }
            return (first.Zh + second.Zh, ChineseNames.Pinyin(first.Pinyin, second.Pinyin));
        }

        private Place Area(Place? parent, PlaceKind kind, string code, string nameZh, string nameEn, bool isScattered = false)
        {
            var id = _areas.Count + 1L;
            var place = new Place
            {
                Id = id,
                ParentId = parent?.Id,
                Kind = kind,
                Code = code,
                NameZh = nameZh,
                NameEn = nameEn,
                Path = parent is null ? PlacePath.Root(id) : PlacePath.Child(parent.Path, id),
                IsScattered = isScattered,
            };
            _areas.Add(place);
            return place;
        }
    }
}

internal enum CompoundStyle : byte
{
    /// <summary>Work-unit quarters and walk-ups of the 1980s-90s.</summary>
    Old,
    /// <summary>Estates of 1995-2010: walk-ups and mid-rises.</summary>
    Mid,
    /// <summary>High-rise estates of the 2010s.</summary>
    New,
    /// <summary>The few very large estates with tens of towers.</summary>
    Large,
    /// <summary>The community's pseudo-compound of scattered old buildings along a street.</summary>
    Scattered,
    /// <summary>A village's houses.</summary>
    Hamlet,
}

/// <summary>What the building stream needs to know about one compound.</summary>
internal sealed class CompoundPlan(long id, string path, string code, CompoundStyle style, int buildings, string registeredRegion)
{
    public long Id { get; } = id;
    public string Path { get; } = path;
    public string Code { get; } = code;
    public CompoundStyle Style { get; } = style;
    public int Buildings { get; } = buildings;

    /// <summary>Region code in the ID numbers of people registered here: the district's.</summary>
    public string RegisteredRegion { get; } = registeredRegion;

    public long FirstBuildingId { get; set; }
    public long FirstGridId { get; set; }
    public int GridCount { get; set; }

    /// <summary>How many buildings of the community come before this compound's, and how many it has in all.</summary>
    public int CommunityOffset { get; set; }
    public int CommunityBuildings { get; set; }

    public string StreetZh { get; set; } = "";
    public string StreetEn { get; set; } = "";
    public int StreetStart { get; set; }
    public int StreetStep { get; set; }

    public int StreetNumber(int index) => StreetStart + index * StreetStep;

    /// <summary>Consecutive runs of the community's buildings make up its grids.</summary>
    public long GridOf(int index) => FirstGridId + (long)(CommunityOffset + index) * GridCount / CommunityBuildings;
}
