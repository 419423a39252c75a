using GreenGrid.Register;

namespace GreenGrid.Demo;

/// <summary>One member of a generated household before it gets a name and an ID number.</summary>
/// <param name="Surname">Index into <see cref="ChineseNames.Surnames"/>: children take their father's.</param>
internal readonly record struct FamilyMember(Relationship Relationship, bool Male, int Age, int Surname);

/// <summary>
/// Draws who lives together: household sizes as in Wuhan in 2020 (average about 2.7) and, for a
/// given size, a family whose relationships and ages fit together (a child is 22 to 38 years
/// younger than the mother, a parent of the head 24 to 34 years older, and so on). The templates are
/// weighted so that about 15% of people are over 65 and almost a third of one-person households are
/// elderly people living alone.
/// </summary>
internal static class DemoFamilies
{
    /// <summary>Urban household sizes 1..7: 1-person 20%, 2 30%, 3 25%, 4 13%, 5+ 12%.</summary>
    public static readonly WeightedChoice UrbanSizes = new([0.20, 0.30, 0.25, 0.13, 0.08, 0.03, 0.01]);

    /// <summary>Village households are larger: more three-generation families.</summary>
    public static readonly WeightedChoice RuralSizes = new([0.12, 0.25, 0.25, 0.18, 0.12, 0.06, 0.02]);

    public static readonly WeightedChoice Surnames = new(ChineseNames.SurnameWeights);

    public static void Compose(DemoRandom r, int size, List<FamilyMember> members)
    {
        members.Clear();
        var x = r.NextDouble();
        switch (size)
        {
            case 1:
                if (x < 0.30)
                {
                    Head(members, r, Elderly(r, 65), male: r.Chance(0.35));
                }
                else if (x < 0.78)
                {
                    Head(members, r, r.Between(20, 39), male: r.Chance(0.55));
                }
                else
                {
                    Head(members, r, r.Between(40, 64), male: r.Chance(0.5));
                }
                break;
            case 2:
                if (x < 0.30)
                {
                    Couple(members, r, r.Between(22, 39));
                }
                else if (x < 0.61)
                {
                    Couple(members, r, r.Between(40, 64));
                }
                else if (x < 0.87)
                {
                    Couple(members, r, Elderly(r, 65));
                }
                else
                {
                    Head(members, r, r.Between(26, 55), male: r.Chance(0.25));
                    Children(members, r, 1);
                }
                break;
            case 3:
                if (x < 0.72)
                {
                    Couple(members, r, r.Between(25, 52));
                    Children(members, r, 1);
                }
                else if (x < 0.82)
                {
                    Couple(members, r, r.Between(28, 55));
                    ParentsOfHead(members, r, 1);
                }
                else if (x < 0.90)
                {
                    Head(members, r, r.Between(30, 52), male: r.Chance(0.25));
                    Children(members, r, 2);
                }
                else
                {
                    Couple(members, r, r.Between(55, 75));
                    Children(members, r, 1, adult: true);
                }
                break;
            case 4:
                if (x < 0.42)
                {
                    Couple(members, r, r.Between(28, 50));
                    Children(members, r, 2);
                }
                else if (x < 0.80)
                {
                    Couple(members, r, r.Between(28, 50));
                    Children(members, r, 1);
                    ParentsOfHead(members, r, 1);
                }
                else
                {
                    // Grandparents raising a grandchild while the child's spouse works away.
                    Couple(members, r, r.Between(50, 72));
                    Children(members, r, 1, adult: true);
                    Grandchildren(members, r, 1);
                }
                break;
            default:
                if (x < 0.55)
                {
                    Couple(members, r, r.Between(28, 50));
                    ParentsOfHead(members, r, 2);
                    Children(members, r, size - 4);
                }
                else
                {
                    Couple(members, r, r.Between(50, 75));
                    Children(members, r, 1, adult: true);
                    ChildsSpouse(members, r);
                    Grandchildren(members, r, size - 4);
                }
                break;
        }
    }

    /// <summary>An age of 65 or more (or from <paramref name="from"/>), thinning out towards the mid-nineties.</summary>
    private static int Elderly(DemoRandom r, int from) => from + r.Next(16) + r.Next(15);

    private static int Surname(DemoRandom r) => Surnames.Draw(r);

    private static void Head(List<FamilyMember> members, DemoRandom r, int age, bool male) =>
        members.Add(new(Relationship.Head, male, age, Surname(r)));

    private static void Couple(List<FamilyMember> members, DemoRandom r, int headAge)
    {
        var headMale = r.Chance(0.75);
        Head(members, r, headAge, headMale);
        var husbandOlderBy = r.Between(-1, 4);
        var spouseAge = Math.Max(20, headMale ? headAge - husbandOlderBy : headAge + husbandOlderBy);
        members.Add(new(Relationship.Spouse, !headMale, spouseAge, Surname(r)));
    }

    private static FamilyMember? Spouse(List<FamilyMember> members) =>
        members.Count > 1 && members[1].Relationship == Relationship.Spouse ? members[1] : null;

    /// <summary>Children of the head: they take the father's surname and are 22-38 years younger than the mother.</summary>
    private static void Children(List<FamilyMember> members, DemoRandom r, int count, bool adult = false)
    {
        var head = members[0];
        var spouse = Spouse(members);
        var father = head.Male ? head : spouse;
        var motherAge = head.Male ? spouse?.Age ?? head.Age - 2 : head.Age;
        var surname = father?.Surname ?? head.Surname;
        var age = Math.Max(0, motherAge - r.Between(22, 34));
        if (adult)
        {
            age = Math.Max(22, age);
        }
        for (var i = 0; i < count; i++)
        {
            members.Add(new(Relationship.Child, r.Chance(0.515), age, surname));
            age = Math.Max(0, age - r.Between(1, 7));
        }
    }

    /// <summary>One widowed parent, or both parents, of the head; the father shares the head's surname.</summary>
    private static void ParentsOfHead(List<FamilyMember> members, DemoRandom r, int count)
    {
        var head = members[0];
        var fatherAge = Math.Min(98, head.Age + r.Between(24, 34));
        if (count == 1)
        {
            // Women outlive men: a lone parent is more often the mother.
            var male = r.Chance(0.35);
            members.Add(new(Relationship.Parent, male, male ? fatherAge : Math.Min(98, fatherAge - r.Between(0, 4)), male ? head.Surname : Surname(r)));
            return;
        }
        members.Add(new(Relationship.Parent, true, fatherAge, head.Surname));
        members.Add(new(Relationship.Parent, false, Math.Max(head.Age + 20, fatherAge - r.Between(0, 5)), Surname(r)));
    }

    private static void ChildsSpouse(List<FamilyMember> members, DemoRandom r)
    {
        var child = members.Last(m => m.Relationship == Relationship.Child);
        var gap = r.Between(-1, 4);
        members.Add(new(Relationship.Other, !child.Male, Math.Max(20, child.Male ? child.Age - gap : child.Age + gap), Surname(r)));
    }

    /// <summary>Children of the head's child, named after their father (the child or the child's spouse).</summary>
    private static void Grandchildren(List<FamilyMember> members, DemoRandom r, int count)
    {
        var child = members.Last(m => m.Relationship == Relationship.Child);
        var inLawIndex = members.FindLastIndex(m => m.Relationship == Relationship.Other);
        FamilyMember? inLaw = inLawIndex < 0 ? null : members[inLawIndex];
        var surname = child.Male || inLaw is null ? child.Surname : inLaw.Value.Surname;
        // The mother's age decides the grandchildren's; with the in-law away, take the child's.
        var motherAge = child.Male && inLaw is { } wife ? wife.Age : child.Age;
        var age = Math.Max(0, motherAge - r.Between(22, 34));
        for (var i = 0; i < count; i++)
        {
            members.Add(new(Relationship.Grandchild, r.Chance(0.515), age, surname));
            age = Math.Max(0, age - r.Between(1, 6));
        }
    }
}

/// <summary>A discrete distribution drawn by binary search on the running totals.</summary>
internal sealed class WeightedChoice
{
    private readonly double[] _cumulative;

    public WeightedChoice(double[] weights)
    {
        _cumulative = new double[weights.Length];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            total += weights[i];
            _cumulative[i] = total;
        }
    }

    public int Count => _cumulative.Length;

    /// <summary>An index in [0, Count) with probability proportional to its weight.</summary>
    public int Draw(DemoRandom random)
    {
        var x = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, x);
        // Not found: the complement of the first total larger than x. Found exactly: that total is x, take the next.
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, _cumulative.Length - 1);
    }
}
