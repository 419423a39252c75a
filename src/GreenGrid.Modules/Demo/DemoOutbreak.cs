using GreenGrid.Cases;
using GreenGrid.Places;

namespace GreenGrid.Demo;

/// <summary>
/// The demo city's simulated outbreak: case events compound by compound from late January to the
/// day the demo stands on, generated from the city's seed (same seed, same history, event for event).
/// <para>
/// About 0.5% of the residents are confirmed in all (Wuhan: 50,000 of 11 million, Wuchang harder
/// hit), clustered: compounds are hit with a heavy-tailed risk times their population, so most have
/// no case and some have several. New confirmed cases follow Wuhan's curve: rising from late January,
/// a plateau from 4 to 12 February, halving about every five days after, a handful in March, plus a
/// few deliberate late cases from 10 to 18 March in compounds that had been clear since February
/// (the ones a certification would revoke). A case's household become close contacts (last exposure
/// the day before the report, the case as source), isolated, most released 14 days later, some
/// turning suspected and then confirmed; a neighbouring household is sometimes traced too. Background
/// fever patients and suspected cases are mostly discarded within days. Confirmed patients wait at
/// home for a bed before 8 February, are transferred to a hospital or a shelter hospital (方舱, mild
/// cases under 65), recover two to four weeks after the report or die (by age, about 4-5% in all),
/// then spend 14 days under home observation before release. Reports of 21-23 February are mostly the
/// door-to-door sweep's (Source = Sweep).
/// </para>
/// <para>
/// Infants (age 0) get no event: the register's birth dates of the youngest fall up to February 2020,
/// and an event before a person's birth is not a history. Every person's events pass
/// <see cref="CaseHistory.Check"/> in order (the builder applies each one and throws on a misfit).
/// Memory stays small: the plan is a list of seeds per compound and the events are generated one
/// compound at a time, in compound order, ids 1, 2, 3…; within a compound they come by day and hour.
/// </para>
/// </summary>
public sealed class DemoOutbreak
{
    /// <summary>The default day the demo stands on (see <c>Demo:StandsOn</c>).</summary>
    public static readonly DateOnly DefaultStandsOn = new(2020, 3, 20);

    /// <summary>Share of residents confirmed over the whole outbreak (Wuhan ~0.45%; Wuchang was hit harder).</summary>
    public const double ConfirmedShare = 0.005;

    public const int ObservationDays = 14;

    private static readonly DateOnly FirstDay = new(2020, 1, 20);
    private static readonly DateOnly LastIndexDay = new(2020, 3, 18);
    private static readonly DateOnly CentralIsolationFrom = new(2020, 2, 2);
    private static readonly DateOnly BedsFrom = new(2020, 2, 8);
    private static readonly DateOnly SweepFirst = new(2020, 2, 21);
    private static readonly DateOnly SweepLast = new(2020, 2, 23);
    private static readonly DateOnly GateChecksFrom = new(2020, 2, 14);

    private static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    private readonly DemoCityGenerator _city;
    private readonly DemoRandom _plan;

    // Households by id - 1: compound index, size, first resident id. Compounds: their first household index.
    private readonly int[] _householdCompound;
    private readonly byte[] _householdSize;
    private readonly long[] _firstResident;
    private readonly int[] _compoundFirstHousehold;
    private readonly long[] _compoundResidents;

    internal DemoOutbreak(DemoCityGenerator city)
    {
        _city = city;
        _plan = DemoRandom.For(city.Seed, DemoStream.Outbreak, 0);
        var sizes = city.HouseholdSizes().ToList();
        _householdCompound = new int[sizes.Count];
        _householdSize = new byte[sizes.Count];
        _firstResident = new long[sizes.Count];
        var compounds = city.CompoundPlans.Count;
        _compoundFirstHousehold = new int[compounds + 1];
        _compoundResidents = new long[compounds];
        Array.Fill(_compoundFirstHousehold, -1);
        long resident = 1;
        for (var h = 0; h < sizes.Count; h++)
        {
            var (compound, size) = sizes[h];
            _householdCompound[h] = compound;
            _householdSize[h] = (byte)size;
            _firstResident[h] = resident;
            resident += size;
            _compoundResidents[compound] += size;
            if (_compoundFirstHousehold[compound] < 0)
            {
                _compoundFirstHousehold[compound] = h;
            }
        }
        _compoundFirstHousehold[compounds] = sizes.Count;
        for (var c = compounds - 1; c >= 0; c--)
        {
            if (_compoundFirstHousehold[c] < 0)
            {
                _compoundFirstHousehold[c] = _compoundFirstHousehold[c + 1];
            }
        }
        Residents = resident - 1;
        Seeds = PlanSeeds();
    }

    public DateOnly StandsOn => _city.StandsOn;

    public long Residents { get; }

    /// <summary>What starts a strand of the history in a compound: a cluster around a case, or one fever or suspected patient.</summary>
    internal enum SeedKind : byte { Cluster, Fever, Suspected }

    internal readonly record struct Seed(int Number, int Compound, DateOnly Day, SeedKind Kind, bool Late, bool Sweep);

    /// <summary>The plan, compound by compound (index into the compound list), each compound's seeds by number.</summary>
    internal IReadOnlyList<Seed> Seeds { get; }

    /// <summary>The history's events, ids from 1, recorded by <paramref name="recordedById"/>, none dated after <see cref="StandsOn"/>.</summary>
    public IEnumerable<CaseEvent> Events(long recordedById)
    {
        long id = 0;
        var taken = new HashSet<long>();
        var members = new List<FamilyMember>(8);
        var pending = new List<(CaseEvent Event, int Order)>();
        var i = 0;
        while (i < Seeds.Count)
        {
            var compound = Seeds[i].Compound;
            pending.Clear();
            for (; i < Seeds.Count && Seeds[i].Compound == compound; i++)
            {
                var seed = Seeds[i];
                var r = DemoRandom.For(_city.Seed, DemoStream.Case, seed.Number);
                var strand = new Strand(this, r, taken, members, recordedById);
                strand.Run(seed);
                foreach (var e in strand.Events)
                {
                    if (e.EffectiveDate <= StandsOn)
                    {
                        pending.Add((e, pending.Count));
                    }
                }
            }
            // By day and hour within the compound; a person's own events keep their order (their hours increase).
            pending.Sort((a, b) => a.Event.RecordedAt != b.Event.RecordedAt ? a.Event.RecordedAt.CompareTo(b.Event.RecordedAt) : a.Order.CompareTo(b.Order));
            foreach (var (e, _) in pending)
            {
                e.Id = ++id;
                yield return e;
            }
        }
    }

    /// <summary>How many events <see cref="Events"/> gives (generates them; quick next to writing them).</summary>
    public long Count() => Events(0).LongCount();

    /// <summary>The compound (index into the city's compound plans) a resident lives in.</summary>
    internal int CompoundOf(long residentId)
    {
        var h = Array.BinarySearch(_firstResident, residentId);
        return _householdCompound[h >= 0 ? h : ~h - 1];
    }

    /// <summary>What the history adds up to: for the bench's statistics and the tests' bounds.</summary>
    internal OutbreakSummary Summarise()
    {
        var events = Events(0).ToList();
        var firstConfirmed = new Dictionary<long, DateOnly>();
        var compounds = new Dictionary<int, List<DateOnly>>();
        foreach (var e in events.Where(e => e.Type == CaseEventType.Confirmed).OrderBy(e => e.EffectiveDate))
        {
            if (firstConfirmed.TryAdd(e.ResidentId, e.EffectiveDate))
            {
                var c = CompoundOf(e.ResidentId);
                (compounds.TryGetValue(c, out var days) ? days : compounds[c] = []).Add(e.EffectiveDate);
            }
        }
        int People(CaseEventType type) => events.Where(e => e.Type == type).Select(e => e.ResidentId).Distinct().Count();
        return new OutbreakSummary(
            events.Count, events.Select(e => e.ResidentId).Distinct().Count(), Residents, firstConfirmed.Count,
            People(CaseEventType.Died), People(CaseEventType.Recovered), People(CaseEventType.CloseContact), People(CaseEventType.Suspected),
            People(CaseEventType.Fever), People(CaseEventType.Asymptomatic), events.Count(e => e.Source == CaseSource.Sweep),
            firstConfirmed.Values.GroupBy(d => d).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            compounds.Count, _city.CompoundPlans.Count,
            // Clear for 14 days or more, then a new case: a certified compound would be revoked.
            compounds.Values.Count(days => days.Order().Zip(days.Order().Skip(1)).Any(p => p.Second.DayNumber - p.First.DayNumber > 14 && p.Second >= new DateOnly(2020, 3, 1))));
    }

    private List<Seed> PlanSeeds()
    {
        var plans = _city.CompoundPlans;
        var confirmed = Math.Max(3, (int)Math.Round(Residents * ConfirmedShare));
        var seeds = new List<Seed>();
        var byCompound = new Dictionary<int, List<DateOnly>>();
        void Add(int compound, DateOnly day, SeedKind kind, bool late = false, bool sweep = false)
        {
            if (_compoundResidents[compound] == 0)
            {
                return;
            }
            seeds.Add(new Seed(seeds.Count, compound, day, kind, late, sweep));
            if (kind == SeedKind.Cluster)
            {
                (byCompound.TryGetValue(compound, out var days) ? days : byCompound[compound] = []).Add(day);
            }
        }

        // Tanhualin's first estate always has an early cluster, resolved by March: the demo accounts' community shows a history.
        var tanhualin = _city.AreaPlans.FirstOrDefault(p => p.Kind == PlaceKind.Community && p.NameZh == WuhanDivisions.TanhualinNameZh);
        var showcase = tanhualin is null ? -1 : IndexOf(plans, p => p.Path.StartsWith(tanhualin.Path, StringComparison.Ordinal) && !_city.AreaPlans[(int)p.Id - 1].IsScattered);
        if (showcase >= 0)
        {
            Add(showcase, new DateOnly(2020, 2, 3), SeedKind.Cluster);
        }

        // Clusters: each gives its case plus about a quarter of a secondary case; background patients add about a tenth.
        var clusters = Math.Max(3, (int)Math.Round(confirmed * 0.70));
        var risk = new double[plans.Count];
        for (var c = 0; c < plans.Count; c++)
        {
            var e = -Math.Log(1 - _plan.NextDouble());
            risk[c] = _compoundResidents[c] * e * e * e * (plans[c].Style == CompoundStyle.Hamlet ? 0.5 : 1);
        }
        var hit = new WeightedChoice(risk);
        var curve = new WeightedChoice(Curve(FirstDay, LastIndexDay, CaseWeight));
        for (var k = seeds.Count; k < clusters; k++)
        {
            var compound = hit.Draw(_plan);
            DateOnly day;
            if (byCompound.TryGetValue(compound, out var days) && _plan.Chance(0.5))
            {
                // Spread inside the compound: a week or so after one of its earlier cases.
                var after = days[_plan.Next(days.Count)].AddDays(_plan.Between(2, 9));
                day = after > LastIndexDay ? LastIndexDay : after;
            }
            else
            {
                day = FirstDay.AddDays(curve.Draw(_plan));
            }
            Add(compound, day, SeedKind.Cluster);
        }

        // Late cases: compounds clear since 20 February get one more case from 10 to 18 March.
        var clear = byCompound.Where(kv => kv.Key != showcase && kv.Value.Max() <= new DateOnly(2020, 2, 20)).Select(kv => kv.Key).Order().ToList();
        var late = Math.Min(clear.Count, Math.Max(1, (int)Math.Round(byCompound.Count * 0.015)));
        for (var k = 0; k < late; k++)
        {
            var pick = _plan.Next(clear.Count);
            Add(clear[pick], new DateOnly(2020, 3, 10).AddDays(_plan.Between(0, 8)), SeedKind.Cluster, late: true);
            clear.RemoveAt(pick);
        }

        // Background fever patients and suspected cases, anywhere by population; the sweep's findings of 21-23 February.
        var everywhere = new WeightedChoice(_compoundResidents.Select(n => (double)n).ToArray());
        var fevers = new WeightedChoice(Curve(FirstDay, LastIndexDay, FeverWeight));
        for (var k = 0; k < confirmed; k++)
        {
            Add(everywhere.Draw(_plan), FirstDay.AddDays(fevers.Draw(_plan)), SeedKind.Fever);
        }
        for (var k = 0; k < (int)Math.Round(confirmed * 0.4); k++)
        {
            Add(everywhere.Draw(_plan), FirstDay.AddDays(curve.Draw(_plan)), SeedKind.Suspected);
        }
        // Wuhan's sweep found suspected cases at 1.6% and fever patients at 0.6% of its confirmed total.
        for (var k = 0; k < Math.Max(1, (int)Math.Round(confirmed * 0.016)); k++)
        {
            Add(everywhere.Draw(_plan), SweepFirst.AddDays(_plan.Between(0, 2)), SeedKind.Suspected, sweep: true);
        }
        for (var k = 0; k < Math.Max(1, (int)Math.Round(confirmed * 0.006)); k++)
        {
            Add(everywhere.Draw(_plan), SweepFirst.AddDays(_plan.Between(0, 2)), SeedKind.Fever, sweep: true);
        }

        // Compound order, and within a compound the plan's order: people are chosen in this order.
        return seeds.OrderBy(s => s.Compound).ThenBy(s => s.Day).ThenBy(s => s.Number).ToList();
    }

    /// <summary>New confirmed cases per day, relative: up from late January, a plateau 4-12 February, halving every five days.</summary>
    private static double CaseWeight(DateOnly day)
    {
        var plateau = new DateOnly(2020, 2, 4);
        var peakEnd = new DateOnly(2020, 2, 12);
        if (day < plateau)
        {
            return 0.1 + 0.9 * (day.DayNumber - FirstDay.DayNumber) / (plateau.DayNumber - FirstDay.DayNumber);
        }
        return day <= peakEnd ? 1 : Math.Pow(0.5, (day.DayNumber - peakEnd.DayNumber) / 5.0);
    }

    /// <summary>Fever patients: flatter and longer than the cases (every cold looked like it), with gate checks from 14 February.</summary>
    private static double FeverWeight(DateOnly day) => 0.25 + CaseWeight(day);

    private static double[] Curve(DateOnly from, DateOnly to, Func<DateOnly, double> weight)
    {
        var days = new double[to.DayNumber - from.DayNumber + 1];
        for (var d = 0; d < days.Length; d++)
        {
            days[d] = weight(from.AddDays(d));
        }
        return days;
    }

    private static int IndexOf<T>(IReadOnlyList<T> items, Func<T, bool> match)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (match(items[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private static readonly string[] EarlyHospitals = ["金银潭医院", "武汉大学中南医院", "湖北省中西医结合医院", "武汉市第七医院", "武汉大学人民医院东院"];
    private static readonly string[] Hospitals = ["火神山医院", "雷神山医院", "金银潭医院", "武汉大学中南医院", "武汉大学人民医院东院", "湖北省中西医结合医院"];
    private static readonly string[] ShelterHospitals = ["武昌方舱医院（洪山体育馆）", "江汉方舱医院", "武汉客厅方舱医院"];

    /// <summary>One seed worked out: the people it involves and their events, each applied to their state as it is added.</summary>
    private sealed class Strand(DemoOutbreak outbreak, DemoRandom r, HashSet<long> taken, List<FamilyMember> members, long recordedById)
    {
        public List<CaseEvent> Events { get; } = [];

        public void Run(Seed seed)
        {
            switch (seed.Kind)
            {
                case SeedKind.Cluster:
                    Cluster(seed);
                    break;
                case SeedKind.Fever:
                    if (OnePerson(seed.Compound) is { } feverish)
                    {
                        Fever(feverish, seed.Day, seed.Sweep);
                    }
                    break;
                case SeedKind.Suspected:
                    if (OnePerson(seed.Compound) is { } suspected)
                    {
                        Suspected(suspected, seed.Day, seed.Sweep);
                    }
                    break;
            }
        }

        private void Cluster(Seed seed)
        {
            var household = FreeHousehold(seed.Compound);
            if (household < 0)
            {
                return;
            }
            var people = People(household);
            if (people.Count == 0)
            {
                return;
            }
            // Cases were mostly adults, older ones more often.
            var index = people[WeightedIndex(people, p => p.Age < 15 ? 0.15 : p.Age < 30 ? 0.6 : p.Age < 50 ? 1.0 : 1.6)];
            var d0 = seed.Day;
            var patient = new Person(this, index.Id, index.Age);
            var path = r.NextDouble();
            if (path < 0.5)
            {
                var fever = d0.AddDays(-r.Between(1, 3));
                patient.Add(CaseEventType.Fever, fever, FeverSource(fever, sweep: false));
                patient.Add(CaseEventType.Suspected, d0.AddDays(-1), CaseSource.Facility);
            }
            else if (path < 0.8)
            {
                var suspected = d0.AddDays(-r.Between(1, 2));
                patient.Add(CaseEventType.Suspected, suspected, SweepOr(suspected, CaseSource.Facility));
                if (suspected >= CentralIsolationFrom)
                {
                    patient.Add(CaseEventType.CentralIsolation, suspected, CaseSource.Community);
                }
            }
            patient.Add(CaseEventType.Confirmed, d0, SweepOr(d0, r.Chance(0.7) ? CaseSource.Lab : CaseSource.Facility));
            Treat(patient, d0);

            foreach (var member in people)
            {
                if (member.Id != index.Id)
                {
                    Contact(member, d0, d0.AddDays(-1), index.Id, household: true);
                }
            }
            // A neighbour's household traced too, sometimes: same stairwell, the last meeting a day or three before.
            if (r.Chance(0.35) && NeighbourOf(household) is { } neighbour && neighbour >= 0)
            {
                var exposure = d0.AddDays(-r.Between(1, 3));
                foreach (var member in People(neighbour))
                {
                    Contact(member, d0, exposure, index.Id, household: false);
                }
            }
        }

        private void Contact((long Id, int Age) who, DateOnly reported, DateOnly exposure, long source, bool household)
        {
            var contact = new Person(this, who.Id, who.Age);
            contact.Add(CaseEventType.CloseContact, reported, SweepOr(reported, CaseSource.Community), lastExposure: exposure, sourceCase: source);
            var placed = reported.AddDays(r.Chance(0.7) ? 0 : 1);
            contact.Add(reported < CentralIsolationFrom || r.Chance(0.15) ? CaseEventType.HomeObservation : CaseEventType.CentralIsolation, placed, CaseSource.Community);
            var ends = exposure.AddDays(ObservationDays);
            var fate = r.NextDouble();
            if (household && fate < 0.16)
            {
                // Infected at home: suspected within days, then confirmed.
                var suspected = Max(placed, reported.AddDays(r.Between(1, 8)));
                contact.Add(CaseEventType.Suspected, suspected, CaseSource.Community);
                var confirmed = suspected.AddDays(r.Between(1, 3));
                contact.Add(CaseEventType.Confirmed, confirmed, CaseSource.Lab);
                Treat(contact, confirmed);
                return;
            }
            if (household && fate < 0.18)
            {
                var found = Max(placed, reported.AddDays(r.Between(2, 7)));
                contact.Add(CaseEventType.Asymptomatic, found, CaseSource.Lab);
                var recovered = found.AddDays(r.Between(14, 21));
                contact.Add(CaseEventType.Recovered, recovered, CaseSource.Facility);
                contact.Add(CaseEventType.HomeObservation, recovered, CaseSource.Community);
                contact.Add(CaseEventType.Released, recovered.AddDays(ObservationDays), CaseSource.Community);
                return;
            }
            if (fate < 0.25)
            {
                var fever = Max(placed, reported.AddDays(r.Between(2, 9)));
                if (fever.AddDays(2) < ends)
                {
                    contact.Add(CaseEventType.Fever, fever, CaseSource.Community);
                    contact.Add(CaseEventType.Discarded, fever.AddDays(r.Between(1, 2)), CaseSource.Lab);
                }
            }
            contact.Add(CaseEventType.Released, Max(ends, placed), CaseSource.Community);
        }

        private void Fever((long Id, int Age) who, DateOnly day, bool sweep)
        {
            var patient = new Person(this, who.Id, who.Age);
            patient.Add(CaseEventType.Fever, day, sweep ? CaseSource.Sweep : FeverSource(day, sweep: false));
            var home = r.Chance(0.4);
            if (home)
            {
                patient.Add(CaseEventType.HomeObservation, day, CaseSource.Community);
            }
            if (r.Chance(0.9))
            {
                var discarded = day.AddDays(r.Between(1, 3));
                patient.Add(CaseEventType.Discarded, discarded, CaseSource.Lab);
                if (home)
                {
                    patient.Add(CaseEventType.Released, discarded, CaseSource.Community);
                }
                return;
            }
            SuspectedPath(patient, day.AddDays(r.Between(1, 2)), CaseSource.Facility);
        }

        private void Suspected((long Id, int Age) who, DateOnly day, bool sweep) =>
            SuspectedPath(new Person(this, who.Id, who.Age), day, sweep ? CaseSource.Sweep : SweepOr(day, r.Chance(0.5) ? CaseSource.Facility : CaseSource.Community));

        private void SuspectedPath(Person patient, DateOnly day, CaseSource source)
        {
            patient.Add(CaseEventType.Suspected, day, source);
            var (placement, placed) = day >= CentralIsolationFrom
                ? (CaseEventType.CentralIsolation, CasePlacement.CentralIsolation)
                : (CaseEventType.HomeObservation, CasePlacement.HomeObservation);
            if (patient.State.Placement != placed)
            {
                patient.Add(placement, day, CaseSource.Community);
            }
            if (r.Chance(0.8))
            {
                var discarded = day.AddDays(r.Between(1, 4));
                patient.Add(CaseEventType.Discarded, discarded, CaseSource.Lab);
                patient.Add(CaseEventType.Released, discarded.AddDays(r.Between(0, 1)), CaseSource.Community);
                return;
            }
            var confirmed = day.AddDays(r.Between(1, 3));
            patient.Add(CaseEventType.Confirmed, confirmed, CaseSource.Lab);
            Treat(patient, confirmed);
        }

        /// <summary>A confirmed patient: a bed (after waiting at home, before 8 February), then recovery or death, then 14 days at home.</summary>
        private void Treat(Person patient, DateOnly confirmed)
        {
            var admitted = confirmed;
            if (confirmed < BedsFrom && r.Chance(0.7))
            {
                // Waiting for a bed where they are: at home unless already isolated.
                if (patient.State.Placement == CasePlacement.None)
                {
                    patient.Add(CaseEventType.HomeObservation, confirmed, CaseSource.Community);
                }
                admitted = confirmed.AddDays(r.Between(1, 6));
            }
            else
            {
                admitted = confirmed.AddDays(r.Between(0, 1));
            }
            var mild = patient.Age < 65 && r.Chance(0.7);
            var facility = mild && admitted >= new DateOnly(2020, 2, 5) && admitted <= new DateOnly(2020, 3, 8)
                ? r.Pick(ShelterHospitals)
                : admitted < new DateOnly(2020, 2, 4) ? r.Pick(EarlyHospitals)
                : admitted < new DateOnly(2020, 2, 8) ? r.Pick(Hospitals.Where(h => h != "雷神山医院").ToArray())
                : r.Pick(Hospitals);
            patient.Add(CaseEventType.TransferredToFacility, admitted, CaseSource.Facility, facility: facility);
            var shelter = facility.Contains("方舱", StringComparison.Ordinal);
            var dies = !shelter && r.Chance(patient.Age >= 80 ? 0.38 : patient.Age >= 70 ? 0.21 : patient.Age >= 60 ? 0.10 : patient.Age >= 50 ? 0.04 : 0.01);
            if (dies)
            {
                patient.Add(CaseEventType.Died, admitted.AddDays(r.Between(3, 21)), CaseSource.Facility);
                return;
            }
            var recovered = Max(confirmed.AddDays(r.Between(14, 28)), admitted.AddDays(7));
            patient.Add(CaseEventType.Recovered, recovered, CaseSource.Facility);
            patient.Add(CaseEventType.HomeObservation, recovered, CaseSource.Community);
            patient.Add(CaseEventType.Released, recovered.AddDays(ObservationDays), CaseSource.Community);
        }

        private CaseSource FeverSource(DateOnly day, bool sweep) =>
            sweep ? CaseSource.Sweep
            : day >= GateChecksFrom && r.Chance(0.4) ? CaseSource.Checkpoint
            : SweepOr(day, r.Chance(0.5) ? CaseSource.Facility : CaseSource.Community);

        /// <summary>The sweep of 21-23 February found most of what was reported on those days.</summary>
        private CaseSource SweepOr(DateOnly day, CaseSource otherwise) =>
            day >= SweepFirst && day <= SweepLast && r.Chance(0.75) ? CaseSource.Sweep : otherwise;

        private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

        private int WeightedIndex(List<(long Id, int Age)> people, Func<(long Id, int Age), double> weight)
        {
            Span<double> weights = stackalloc double[people.Count];
            for (var i = 0; i < people.Count; i++)
            {
                weights[i] = weight(people[i]);
            }
            return r.Weighted(weights);
        }

        /// <summary>A household of the compound none of whose people has a history yet (a few tries), or -1.</summary>
        private int FreeHousehold(int compound)
        {
            var first = outbreak._compoundFirstHousehold[compound];
            var count = outbreak._compoundFirstHousehold[compound + 1] - first;
            for (var attempt = 0; attempt < 8 && count > 0; attempt++)
            {
                var h = first + r.Next(count);
                if (IsFree(h))
                {
                    return h;
                }
            }
            return -1;
        }

        private int? NeighbourOf(int household)
        {
            var compound = outbreak._householdCompound[household];
            foreach (var step in (ReadOnlySpan<int>)[1, -1, 2, -2, 3, -3])
            {
                var h = household + step;
                if (h >= outbreak._compoundFirstHousehold[compound] && h < outbreak._compoundFirstHousehold[compound + 1] && IsFree(h))
                {
                    return h;
                }
            }
            return null;
        }

        private bool IsFree(int household)
        {
            var first = outbreak._firstResident[household];
            for (var i = 0; i < outbreak._householdSize[household]; i++)
            {
                if (taken.Contains(first + i))
                {
                    return false;
                }
            }
            return true;
        }

        /// <summary>The household's people who can have a history (not infants), marked as taken.</summary>
        private List<(long Id, int Age)> People(int household)
        {
            outbreak._city.Members(household + 1, outbreak._householdSize[household], members);
            var people = new List<(long, int)>(members.Count);
            for (var i = 0; i < members.Count; i++)
            {
                var id = outbreak._firstResident[household] + i;
                taken.Add(id);
                if (members[i].Age >= 1)
                {
                    people.Add((id, members[i].Age));
                }
            }
            return people;
        }

        /// <summary>One person of the compound with no history yet, not an infant.</summary>
        private (long Id, int Age)? OnePerson(int compound)
        {
            var household = FreeHousehold(compound);
            if (household < 0)
            {
                return null;
            }
            outbreak._city.Members(household + 1, outbreak._householdSize[household], members);
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var i = r.Next(members.Count);
                if (members[i].Age >= 1)
                {
                    var id = outbreak._firstResident[household] + i;
                    taken.Add(id);
                    return (id, members[i].Age);
                }
            }
            return null;
        }

        /// <summary>One person's events as they are added, each checked against the state before it.</summary>
        private sealed class Person(Strand strand, long residentId, int age)
        {
            private CaseEvent? _last;

            public CaseState State { get; private set; } = CaseState.Nothing;
            public int Age => age;

            public void Add(CaseEventType type, DateOnly day, CaseSource source, DateOnly? lastExposure = null, long? sourceCase = null, string? facility = null)
            {
                if (_last is not null && day < _last.EffectiveDate)
                {
                    throw new InvalidOperationException($"demo outbreak: resident {residentId}'s {type} on {day} comes before {_last.EffectiveDate}");
                }
                var e = new CaseEvent
                {
                    ResidentId = residentId, Type = type, EffectiveDate = day, LastExposure = lastExposure, SourceCaseId = sourceCase,
                    Facility = facility, Source = source, RecordedById = strand._recordedById, RecordedAt = strand.RecordedAt(day, _last),
                };
                var (next, problem) = CaseHistory.Apply(State, e, ObservationDays);
                if (problem is not null)
                {
                    throw new InvalidOperationException($"demo outbreak: resident {residentId}'s {type} on {day} does not fit: {problem}");
                }
                State = next;
                _last = e;
                strand.Events.Add(e);
            }
        }

        private readonly long _recordedById = recordedById;

        /// <summary>Working hours in Wuhan (8:00-20:59), stored in UTC; a person's second event of a day comes after the first.</summary>
        private DateTime RecordedAt(DateOnly day, CaseEvent? previous)
        {
            var local = day.ToDateTime(new TimeOnly(r.Between(8, 20), r.Next(60), r.Next(60)));
            var utc = DateTime.SpecifyKind(local - CityOffset, DateTimeKind.Utc);
            if (previous is not null && previous.EffectiveDate == day && utc <= previous.RecordedAt)
            {
                utc = previous.RecordedAt.AddMinutes(r.Between(5, 90));
            }
            return utc;
        }
    }
}

/// <summary>Totals of a simulated outbreak: people by what happened to them, new confirmed cases by day, compounds hit.</summary>
internal sealed record OutbreakSummary(
    long Events, int People, long Residents, int Confirmed, int Died, int Recovered, int CloseContacts, int Suspected, int Fever, int Asymptomatic,
    int SweepEvents, IReadOnlyDictionary<DateOnly, int> NewConfirmed, int CompoundsWithCases, int Compounds, int CompoundsWithLateCases)
{
    public override string ToString() =>
        $"{Events:N0} events for {People:N0} people of {Residents:N0}: confirmed {Confirmed:N0} ({100.0 * Confirmed / Residents:F2}%), died {Died:N0} ({100.0 * Died / Math.Max(1, Confirmed):F1}%), " +
        $"recovered {Recovered:N0}, close contacts {CloseContacts:N0}, suspected {Suspected:N0}, fever {Fever:N0}, asymptomatic {Asymptomatic:N0}, sweep events {SweepEvents:N0}; " +
        $"compounds with cases {CompoundsWithCases:N0} of {Compounds:N0}, with a case after 14 clear days in March {CompoundsWithLateCases:N0}";
}
